/**
 * Structured logs: one pino logger writing a JSON line per event to stdout, where the host
 * (systemd, Docker, a log shipper) collects it. Nothing is written to files here.
 *
 * What a log line may hold: an event name ("outbox.retry"), ids, counts, reasons and error
 * codes. Never message content, recipient addresses, form values, answers or secrets: this
 * practice handles clinical data, and logs are kept longer and read more widely than the
 * database. The redaction below is a safety net for mistakes, not a licence to log objects.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import pino, { type Bindings, type DestinationStream, type LevelWithSilent, type Logger } from "pino";
import { env } from "@/lib/platform/env";

export type { Logger };

/**
 * Keys whose values could carry a secret or personal data, wherever they appear in a logged
 * object. Exact key names (pino paths are case-sensitive), so the common variants are listed.
 */
const REDACTED_KEYS = [
  // Secrets
  "password",
  "passwordHash",
  "newPassword",
  "code",
  "token",
  "accessToken",
  "refreshToken",
  "sessionToken",
  "secret",
  "totpSecret",
  "authorization",
  "cookie",
  "cookies",
  "headers",
  // Personal and clinical data
  "email",
  "to",
  "phone",
  "note",
  "name",
  "firstName",
  "lastName",
  "legalName",
  "preferredName",
  "ip",
  "answers",
  "values",
  "draft",
  // Message content
  "body",
  "payload",
  "subject",
  "text",
  "html",
] as const;

// pino's wildcard matches one level only, so each key is listed at every depth up to this.
// Deeper objects should not be logged at all.
const REDACT_DEPTH = 6;
const CENSOR = "[Redacted]";

// The err serializer below has already cut errors down to these fields; `name` and `code` are
// also redacted keys (a person's name, a TOTP code), so they are let through only there.
const ERROR_KEYS = new Set(["err", "error"]);
const ERROR_FIELDS = new Set(["name", "message", "code", "stack"]);

function redactPaths(): string[] {
  const paths: string[] = [];
  for (const key of REDACTED_KEYS) {
    for (let depth = 0; depth < REDACT_DEPTH; depth++) paths.push(`${"*.".repeat(depth)}${key}`);
    // A literal path gives the error keys their own redactor, so the censor sees "err" as
    // the first path segment (under a leading wildcard it would not know the key's name).
    for (const errorKey of ERROR_KEYS) paths.push(`${errorKey}.${key}`);
  }
  return paths;
}

function censor(value: unknown, path: readonly (string | symbol)[]): unknown {
  const [top, field, ...rest] = path;
  if (typeof top === "string" && ERROR_KEYS.has(top) && typeof field === "string" && ERROR_FIELDS.has(field) && rest.length === 0) {
    return value;
  }
  return CENSOR;
}

const SAFE_ERROR_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Errors keep only their name, message and code. The stack is kept in development only: in
 * production it adds nothing a code does not, and some libraries put data in it. Callers whose
 * errors may quote data in the message (database and SMTP errors can quote parameters or
 * addresses) should log just the code, e.g. `{ errorCode }`, rather than the error.
 */
function serializeError(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null) return { name: "NonError" };
  const error = value as { name?: unknown; message?: unknown; code?: unknown; stack?: unknown };
  const code = typeof error.code === "number" ? String(error.code) : error.code;
  return {
    name: typeof error.name === "string" ? error.name : "Error",
    message: typeof error.message === "string" ? error.message : undefined,
    code: typeof code === "string" && SAFE_ERROR_CODE.test(code) ? code : undefined,
    // Read on every call, not once at start-up, so a test can switch modes.
    stack: process.env.NODE_ENV === "development" && typeof error.stack === "string" ? error.stack : undefined,
  };
}

/** An error's code (a SQLSTATE, a Prisma or Node code) or else its name: safe to log, never its message. */
export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  const name = (error as Error | null)?.name;
  return typeof name === "string" ? name : "unknown";
}

const LEVELS: readonly LevelWithSilent[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * LOG_LEVEL from the validated environment. The logger is created on import, possibly before
 * the environment is valid (a misconfigured production start, a CLI script): it must never be
 * the thing that fails, so it then uses LOG_LEVEL if it is a known level, else "info".
 */
function configuredLevel(): LevelWithSilent {
  try {
    return env().LOG_LEVEL;
  } catch {
    const raw = process.env.LOG_LEVEL as LevelWithSilent | undefined;
    return raw && LEVELS.includes(raw) ? raw : "info";
  }
}

/** A logger with Haven's redaction and serializers. The app uses `logger`; tests may make their own. */
export function createLogger(options: { destination: DestinationStream; level?: LevelWithSilent }): Logger {
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: redactPaths(), censor },
      serializers: { err: serializeError, error: serializeError },
      // "warn" rather than 40: readable without a lookup table, and what log tools filter on.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

// Synchronous writes: a line logged just before the process exits (or crashes) is not lost.
// The volume here (a small practice) makes the cost irrelevant.
const stdout = pino.destination({ dest: 1, sync: true });
let destination: DestinationStream = stdout;

// pino fixes its destination at creation; forwarding through this lets tests capture output.
const forwarder: DestinationStream = { write: (line: string) => destination.write(line) };

export const logger: Logger = createLogger({ destination: forwarder, level: configuredLevel() });

/** A logger that adds `bindings` (ids only: `{ bookingId }`, `{ requestId }`) to each line. */
export function childLogger(bindings: Bindings): Logger {
  return logger.child(bindings);
}

/**
 * For tests only: send the app logger's output to `stream` (an in-memory sink) instead of
 * stdout; call with no argument to restore stdout.
 */
export function setLogDestination(stream?: DestinationStream): void {
  destination = stream ?? stdout;
}

// A request id from outside (a reverse proxy, or a client retrying) is kept only if it is a
// short plain token: it goes into every line of that request, so it must not be able to
// break the JSON, forge other fields, or smuggle in an arbitrarily long string.
const SAFE_REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The incoming X-Request-Id if it is a safe token, otherwise a new random UUID. */
export function requestId(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming !== null && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The request id inside a server action or server component, from next/headers. Outside a
 * request (the worker, a script, a unit test) there is none and this returns undefined, so
 * logging never throws. Imported lazily so that scripts using the logger do not load Next.
 */
export async function currentRequestId(): Promise<string | undefined> {
  try {
    const { headers } = await import("next/headers");
    return requestId(await headers());
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Paths in logs, and what Next.js, next-auth and Prisma print on their own

/**
 * A request's path as it may appear in a log line: never its query string. The sign-in, auth
 * and portal routes are where one could hold something typed (a form that fell back to GET
 * before its scripts loaded) or a one-time token (the emailed sign-in link), and no other
 * route needs its query for a log to be useful, so it goes everywhere.
 */
export function logPath(pathOrUrl: string): string {
  const withoutQuery = pathOrUrl.split(/[?#]/, 1)[0] ?? "";
  const path = withoutQuery.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "") || "/";
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

// A path with a query string anywhere in a line of text ("… for /signin?email=…").
const PATH_WITH_QUERY = /((?:[a-z][a-z0-9+.-]*:\/\/[^\s/"'`]+)?\/[^\s?"'`]*)\?[^\s"'`]*/gi;

/** Free text from a library, cut to one line, without query strings, and bounded. */
export function safeLogText(text: string): string {
  const firstLine = text.split("\n", 1)[0] ?? "";
  const cleaned = firstLine.replace(PATH_WITH_QUERY, "$1?[query removed]");
  return cleaned.length > 300 ? `${cleaned.slice(0, 300)}…` : cleaned;
}

// Database errors (Prisma, the pg driver) can quote the values of a query in their message.
const DATA_QUOTING_ERRORS = /^(Prisma|DriverAdapter|Postgres|DatabaseError)/;

/**
 * What a library's error may show in production: its name, a safe code, Next's digest (the
 * reference number on the error page) and status, and the first line of its message unless
 * it is a database error. Never the stack.
 */
export function libraryErrorFields(error: unknown): Record<string, unknown> {
  if (typeof error !== "object" || error === null) return { errorName: "NonError" };
  const source = error as { name?: unknown; message?: unknown; digest?: unknown; statusCode?: unknown; cause?: unknown };
  const name = typeof source.name === "string" ? source.name : "Error";
  const code = errorCode(error);
  const quotesData =
    DATA_QUOTING_ERRORS.test(name) ||
    DATA_QUOTING_ERRORS.test(errorCode(source.cause)) ||
    (typeof source.message === "string" && /prisma|sql|postgres/i.test(source.message));
  return {
    errorName: name,
    errorCode: SAFE_ERROR_CODE.test(code) ? code : undefined,
    digest: typeof source.digest === "string" && SAFE_ERROR_CODE.test(source.digest) ? source.digest : undefined,
    statusCode: typeof source.statusCode === "number" ? source.statusCode : undefined,
    detail: !quotesData && typeof source.message === "string" && source.message !== "" ? safeLogText(source.message) : undefined,
  };
}

/** One console call (from Next.js or a library) as fields of a log line. */
function consoleFields(args: unknown[]): { fields: Record<string, unknown>; message: string } {
  const error = args.find((arg) => arg instanceof Error || (typeof arg === "object" && arg !== null && "stack" in arg));
  const text = args
    .filter((arg) => typeof arg === "string")
    .map((arg) => safeLogText(arg))
    .join(" ")
    .replace(/^[⨯⚠]\s*/, "")
    .trim();
  const fields = error ? libraryErrorFields(error) : {};
  const message = text || (typeof fields.detail === "string" ? fields.detail : "") || String(fields.errorName ?? "console output");
  return { fields, message };
}

let consoleRouted = false;

/**
 * Production only: console.error and console.warn (what Next.js uses for a failed render, a
 * refused server action, a body over the limit) become one JSON line each through this
 * logger, without stack traces, instead of multi-line traces on stderr.
 */
export function routeConsoleToLogger(): void {
  if (consoleRouted) return;
  consoleRouted = true;
  // eslint-disable-next-line no-console -- replacing it is the point
  console.error = (...args: unknown[]) => {
    const { fields, message } = consoleFields(args);
    logger.error({ event: "library.error", ...fields }, message);
  };
  // eslint-disable-next-line no-console -- replacing it is the point
  console.warn = (...args: unknown[]) => {
    const { fields, message } = consoleFields(args);
    logger.warn({ event: "library.warn", ...fields }, message);
  };
}
