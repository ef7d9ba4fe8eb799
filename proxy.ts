import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, createNonce } from "@/lib/platform/csp";

/**
 * Gives every request a fresh CSP nonce. Next.js reads the policy from the request headers
 * while rendering and puts the nonce on its scripts; the same policy goes on the response.
 * This is why every page renders per request (see app/layout.tsx).
 *
 * Not an authorization layer: access is checked where data is read or written.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, {
    dev: process.env.NODE_ENV === "development",
    https: request.nextUrl.protocol === "https:" || (process.env.SITE_URL ?? "").startsWith("https://"),
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Built assets and images never need a policy of their own.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
