/**
 * Tells "the database is unreachable or restarting" apart from other failures, so that a
 * route can answer 503 (try again shortly) rather than 500. Errors arrive in several
 * shapes: Prisma's (P10xx codes, or a driver adapter error with a `kind`), pg's (SQLSTATE
 * class 08 connection exceptions, 57P0x shutdown, 57014 statement timeout) and Node's
 * socket errors; the cause chain is walked because Prisma wraps the driver's error.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TransactionAlreadyClosed"]);
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);
const PG_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection.*(closed|ended)/i, /query read timeout/i];

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === "object" && !seen.has(current); ) {
    seen.add(current);
    const e = current as { code?: unknown; kind?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
    const code = typeof e.code === "string" ? e.code : typeof e.originalCode === "string" ? e.originalCode : "";
    if (PRISMA_CODES.has(code) || NODE_CODES.has(code)) return true;
    if (code.startsWith("08") || code.startsWith("57P0") || code === "57014") return true;
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && PG_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
    current = e.cause;
  }
  return false;
}
