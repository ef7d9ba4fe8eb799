import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
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

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request so that its scripts carry that request's CSP nonce
  // (proxy.ts). A prerendered page would have no nonce and its scripts would be blocked.
  await connection();
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
