import "server-only";
import { isIP } from "node:net";
import { env } from "@/lib/platform/env";

/**
 * CSRF defence for route handlers that change data: the browser's Origin header must be
 * this site. A missing Origin (non-browser client) is allowed only for safe methods.
 */
export function isSameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  const allowed = new URL(env().SITE_URL).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  return origin === allowed || (host !== null && origin === `${new URL(allowed).protocol}//${host}`);
}

export function jsonError(status: number, body: Record<string, unknown>, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * The client's IP for rate limiting. Deploy behind a reverse proxy that sets
 * X-Forwarded-For (the README says so); the first entry is the client.
 */
export function clientIp(headers: Headers): string {
  const candidate = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || "";
  // Only a real address becomes a rate-limit key: anything else shares one bucket.
  return isIP(candidate) ? candidate : "unknown";
}
