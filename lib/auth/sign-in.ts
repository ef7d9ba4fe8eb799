/**
 * Signing in from a server action, so that both sign-in forms are plain `<form action={…}>`
 * posts: they work before the page's scripts load and without them, the server validates
 * and answers with the form again (message and email kept), and nothing typed goes into a
 * URL. next-auth still does the work: its own route handler is called here with the
 * action's request (cookies and headers come from next/headers, as in its route), first for
 * its CSRF token (the double-submit cookie its POST endpoints require), then for the sign-in;
 * the cookies it sets (the CSRF token, the session after a clinician sign-in) are passed on to
 * the browser with the action's response.
 */
import "server-only";
import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { NextRequest, NextResponse } from "next/server";
import { withSessionLifetime } from "@/lib/auth/http";
import { authOptions } from "@/lib/auth/options";
import { env } from "@/lib/platform/env";

/** Where next-auth would have sent the browser, and the error it names there (or "csrf"). */
type NextAuthAnswer = { to: URL | null; error: string | null };

async function callNextAuth(path: string[], body?: Record<string, string>): Promise<Record<string, unknown>> {
  const url = new URL(`/api/auth/${path.join("/")}`, env().SITE_URL);
  const request = body
    ? new NextRequest(url, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        // json=true: next-auth answers { url } instead of redirecting.
        body: new URLSearchParams({ ...body, json: "true" }),
      })
    : new NextRequest(url);
  // The session cookie is made to expire with its Session row, as the auth route does.
  const response = await withSessionLifetime(await NextAuth(authOptions())(request, { params: Promise.resolve({ nextauth: path }) }));
  const jar = await cookies();
  for (const cookie of new NextResponse(null, { headers: response.headers }).cookies.getAll()) jar.set(cookie);
  return (await response.json().catch(() => ({}))) as Record<string, unknown>;
}

/** next-auth's POST endpoints need its CSRF token, sent back with the cookie it is bound to. */
async function postToNextAuth(path: string[], body: Record<string, string>): Promise<NextAuthAnswer> {
  const { csrfToken } = await callNextAuth(["csrf"]);
  const { url } = await callNextAuth(path, { ...body, csrfToken: typeof csrfToken === "string" ? csrfToken : "" });
  const to = typeof url === "string" ? new URL(url, env().SITE_URL) : null;
  const error = !to ? "NoAnswer" : to.searchParams.has("csrf") ? "csrf" : to.searchParams.get("error");
  return { to, error };
}

export type SignInLinkResult = { ok: true } | { ok: false; reason: "rate-limited" | "failed" };

/**
 * Emails a sign-in link (through the outbox). An address that may not sign in by email (the
 * clinician's) is answered exactly like any other, so the form cannot tell them apart.
 */
export async function requestSignInLink(email: string, callbackUrl: string): Promise<SignInLinkResult> {
  // The limits are counted in next-auth's signIn callback (lib/auth/options.ts), once its
  // CSRF check has passed, and never against an address with a pending hold.
  const { error } = await postToNextAuth(["signin", "email"], { email, callbackUrl });
  if (error === "RateLimited") return { ok: false, reason: "rate-limited" };
  if (error && error !== "AccessDenied") return { ok: false, reason: "failed" };
  return { ok: true };
}

export type ClinicianSignInResult = { ok: true } | { ok: false; reason: "invalid" | "rate-limited" };

/** Password and second factor, checked by the credentials provider; on success the session cookie is set. */
export async function signInClinician(input: { email: string; password: string; code: string }): Promise<ClinicianSignInResult> {
  const { error } = await postToNextAuth(["callback", "clinician"], { ...input, callbackUrl: "/dashboard" });
  if (!error) return { ok: true };
  return { ok: false, reason: error === "RateLimited" ? "rate-limited" : "invalid" };
}
