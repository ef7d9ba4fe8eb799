import { connection } from "next/server";
import type { Metadata } from "next";
import { cookies } from "next/headers";
import { EmailSignInForm } from "@/components/auth/email-sign-in-form";
import { safeCallbackPath } from "@/lib/auth/schema";

export const metadata: Metadata = { title: "Sign-in problem", robots: { index: false } };

const MESSAGES: Record<string, { title: string; text: string }> = {
  Verification: {
    title: "This sign-in link has expired or was already used",
    text: "Sign-in links work once and only for 10 minutes, to keep your information safe. Enter your email below and we will send you a new one.",
  },
  EmailSignin: {
    title: "We could not send the email",
    text: "Something went wrong sending your sign-in link. Please try again in a moment.",
  },
  EmailInvalid: {
    title: "That email address does not look right",
    text: "Please check it for a typing mistake (it should look like name@example.com) and try again below.",
  },
  RateLimited: {
    title: "Too many sign-in emails",
    text: "For your security we limit how many links can be sent. Please wait a while and try again, or contact the practice.",
  },
  AccessDenied: {
    title: "This address cannot sign in here",
    text: "If you are the clinician, please use the clinician sign-in page.",
  },
};

const FALLBACK = { title: "We could not sign you in", text: "Please request a new sign-in link below." };

type Props = { searchParams: Promise<{ error?: string }> };

export default async function SignInProblemPage({ searchParams }: Props) {
  // Rendered per request, for the CSP nonce of its scripts (proxy.ts); only the public pages
  // of lib/platform/public-pages.ts are served from the page cache.
  await connection();
  const { error } = await searchParams;
  const message = (error && MESSAGES[error]) || FALLBACK;
  // next-auth keeps where the link was meant to lead (e.g. confirming a booking) in a
  // cookie; a new link goes there too.
  const jar = await cookies();
  const remembered = jar.get("__Secure-next-auth.callback-url")?.value ?? jar.get("next-auth.callback-url")?.value;
  let callbackUrl = "/portal";
  try {
    if (remembered) {
      const parsed = new URL(remembered, "http://placeholder.invalid");
      callbackUrl = safeCallbackPath(parsed.pathname + parsed.search);
    }
  } catch {
    // Unparseable: keep the portal.
  }
  return (
    <div className="container narrow section">
      <h1>{message.title}</h1>
      <p className="lead">{message.text}</p>
      <EmailSignInForm callbackUrl={callbackUrl} submitLabel="Send me a new link" />
    </div>
  );
}
