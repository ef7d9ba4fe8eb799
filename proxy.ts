import { type NextRequest, NextResponse } from "next/server";
import { contentSecurityPolicy, createNonce } from "@/lib/platform/csp";
import { logPath, logger, requestId } from "@/lib/platform/logger";
import { refusalResponse, refuseActionBody, refuseAddress } from "@/lib/platform/request-guard";
import { CRISIS_SENTENCE } from "@/lib/practice/crisis";
import { isCachedPublicPage } from "@/lib/platform/public-pages";

// Two years, subdomains included: what the HSTS preload list asks for.
const HSTS = "max-age=63072000; includeSubDomains";

/** Route handlers that send a policy of their own, stricter than the pages' one. */
const OWN_POLICY = new Set(["/practice-photo"]);

/**
 * Runs before every request (built assets aside):
 *  - refuses crafted requests Next.js would answer with a 500 (lib/platform/request-guard.ts);
 *  - gives every page rendered per request a fresh CSP nonce: Next.js reads the policy from
 *    the request headers while rendering and puts the nonce on its scripts, and the same
 *    policy goes on the response. The cached public pages (lib/platform/public-pages.ts) get
 *    neither: their policy lists their own inline scripts by hash and comes with the cached
 *    page (lib/platform/page-cache.mjs);
 *  - sends HSTS when SITE_URL is https, decided here at run time: headers in next.config.ts
 *    are fixed when the app is built, and a build does not know where it will be deployed;
 *  - one request id for every log line of the request, and one log line without its query.
 *
 * Not an authorization layer: access is checked where data is read or written.
 */
export async function proxy(request: NextRequest) {
  const id = requestId(request.headers);
  const url = new URL(request.url);
  if (process.env.NODE_ENV === "production") {
    logger.info({ event: "http.request", method: request.method, path: logPath(url.pathname), requestId: id }, "request");
  }

  const refusal =
    refuseAddress(url) ?? (request.method === "POST" && !url.pathname.startsWith("/api/") ? await refuseActionBody(request) : null);
  if (refusal) {
    logger.warn(
      { event: "http.refused", status: refusal.status, method: request.method, path: logPath(url.pathname), requestId: id },
      "request refused",
    );
    return withSecurityHeaders(refusalResponse(refusal, CRISIS_SENTENCE), url, { csp: strictPolicy() });
  }

  if (isCachedPublicPage(url.pathname) && (request.method === "GET" || request.method === "HEAD")) {
    const headers = new Headers(request.headers);
    headers.set("x-request-id", id);
    return withSecurityHeaders(NextResponse.next({ request: { headers } }), url, { csp: null });
  }

  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https: isHttpsSite(url) });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  headers.set("x-request-id", id);
  const response = NextResponse.next({ request: { headers } });
  return withSecurityHeaders(response, url, { csp: OWN_POLICY.has(url.pathname) ? null : policy });
}

function isHttpsSite(url: URL): boolean {
  return url.protocol === "https:" || (process.env.SITE_URL ?? "").startsWith("https://");
}

/** For answers that are not pages: nothing loads, nothing runs. */
function strictPolicy(): string {
  return "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

function withSecurityHeaders<T extends Response>(response: T, url: URL, { csp }: { csp: string | null }): T {
  if (csp) response.headers.set("Content-Security-Policy", csp);
  if (process.env.NODE_ENV === "production" && isHttpsSite(url)) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  // Built assets and images never need a policy of their own; an address under them that
  // does not decode still has to be refused here (Next.js would answer it with a 500).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)", "/_next/(static|image)/(.*%.*)"],
};
