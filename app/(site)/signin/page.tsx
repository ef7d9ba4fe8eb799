import { connection } from "next/server";
import type { Metadata } from "next";
import { EmailSignInForm } from "@/components/auth/email-sign-in-form";
import { safeCallbackPath } from "@/lib/auth/schema";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  // Rendered per request, for the CSP nonce of its scripts (proxy.ts); only the public pages
  // of lib/platform/public-pages.ts are served from the page cache.
  await connection();
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  return (
    <div className="container narrow section">
      <h1>Sign in</h1>
      <p className="lead">Enter the email address you booked with. We will send you a link that signs you in, no password needed.</p>
      <EmailSignInForm callbackUrl={callbackUrl} />
    </div>
  );
}
