import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ArticleEditor } from "@/components/articles/article-editor";
import { requireClinician } from "@/lib/auth/session";
import "../articles.css";

export const metadata: Metadata = { title: "New article", robots: { index: false } };

export default async function NewArticlePage() {
  await requireClinician("/dashboard/articles/new");
  return (
    <>
      <p className="eyebrow">
        <Link href="/dashboard/articles">Articles</Link>
      </p>
      <h1>New article</h1>
      <ArticleEditor />
    </>
  );
}
