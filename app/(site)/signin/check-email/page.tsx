import { connection } from "next/server";
import type { Metadata } from "next";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default async function CheckEmailPage() {
  // Rendered per request, for the CSP nonce of its scripts (proxy.ts); only the public pages
  // of lib/platform/public-pages.ts are served from the page cache.
  await connection();
  return (
    <div className="container narrow section prose">
      <h1>Check your email</h1>
      <p>We sent you a sign-in link. It works once and expires in 10 minutes.</p>
    </div>
  );
}
