import { isIP } from "node:net";

/**
 * The client's IP for rate limiting. Deploy behind a reverse proxy that sets
 * X-Forwarded-For (the README says so); the first entry is the client.
 */
export function clientIp(headers: Headers): string {
  const candidate = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || "";
  // Only a real address becomes a rate-limit key: anything else shares one bucket.
  return isIP(candidate) ? candidate : "unknown";
}
