import type { Metadata, Viewport } from "next";
import { sans, serif } from "@/app/fonts";
import { CrisisFooter } from "@/components/site/crisis-footer";
import { env } from "@/lib/platform/env";
import "./globals.css";

export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(env().SITE_URL),
    title: { default: "Haven Perinatal Psychology", template: "%s · Haven Perinatal Psychology" },
    description: "Compassionate, confidential therapy for pregnancy, postpartum, birth trauma, bonding, loss and military families.",
    alternates: { types: { "application/rss+xml": "/feed.xml" } },
  };
}

export const viewport: Viewport = {
  themeColor: "#fbf8f3",
  width: "device-width",
  initialScale: 1,
};

// Not rendered per request here: the public pages are served from the page cache with a CSP
// by hash (lib/platform/page-cache.mjs); every other page asks for a per-request render itself.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={`${sans.variable} ${serif.variable}`}>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        {children}
        <CrisisFooter />
      </body>
    </html>
  );
}
