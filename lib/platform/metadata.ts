import type { Metadata } from "next";

/** Title, description, canonical URL and Open Graph data for a public page. */
export function pageMetadata({
  title,
  description,
  path,
  type = "website",
}: {
  title: string;
  description: string;
  path: string;
  type?: "website" | "article";
}): Metadata {
  return {
    title,
    description,
    alternates: { canonical: path },
    openGraph: { title, description, url: path, type, siteName: "Haven Perinatal Psychology", locale: "en_US" },
  };
}
