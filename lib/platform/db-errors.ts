/**
 * Reading database errors. They arrive in several shapes: Prisma's (P-codes, or a driver
 * adapter error with a `kind`), pg's (SQLSTATE codes) and Node's socket errors, and Prisma
 * wraps the driver's error, so every question here walks the whole chain of causes.
 */

/** The error and everything it wraps (cause, meta, driverAdapterError), each once. */
function* errorChain(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length > 0) {
    const value = queue.shift();
    if (!value || typeof value !== "object" || seen.has(value)) continue;
    seen.add(value);
    const record = value as Record<string, unknown>;
    yield record;
    queue.push(record.cause, record.meta, record.driverAdapterError);
  }
}

const codeOf = (e: Record<string, unknown>) =>
  typeof e.code === "string" ? e.code : typeof e.originalCode === "string" ? e.originalCode : "";

/** A PostgreSQL SQLSTATE or Prisma code anywhere in the chain, or a message naming the constraint. */
function hasDatabaseError(error: unknown, match: { codes: string[]; constraint?: string }): boolean {
  for (const e of errorChain(error)) {
    if (match.codes.includes(codeOf(e))) return true;
    if (match.constraint && typeof e.message === "string" && e.message.includes(match.constraint)) return true;
  }
  return false;
}

/** Postgres 23505 / Prisma P2002: a unique index refused the row. */
export const isUniqueViolation = (error: unknown) => hasDatabaseError(error, { codes: ["P2002", "23505"] });

/** Postgres 23P01: an exclusion constraint (the named one) refused the row. */
export const isExclusionViolation = (error: unknown, constraint: string) => hasDatabaseError(error, { codes: ["23P01"], constraint });

const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);
const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);
const PG_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection.*(closed|ended)/i,
  /query read timeout/i,
];

/**
 * "The database is unreachable or restarting", as opposed to other failures, so that a route
 * can answer 503 (try again shortly) rather than 500: Prisma's connection codes, SQLSTATE
 * class 08 connection exceptions, 57P0x shutdown, 57014 statement timeout, socket errors.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of errorChain(error)) {
    const code = codeOf(e);
    if (PRISMA_CODES.has(code) || NODE_CODES.has(code)) return true;
    if (code.startsWith("08") || code.startsWith("57P0") || code === "57014") return true;
    if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && PG_MESSAGES.some((pattern) => pattern.test(e.message as string))) return true;
  }
  return false;
}
