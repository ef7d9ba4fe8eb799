/**
 * The client's IP for rate limiting. Deploy behind a reverse proxy that sets
 * X-Forwarded-For (the README says so); the first entry is the client.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
