/**
 * Environment, validated with zod on first use and at server start-up (instrumentation.ts).
 * Development gets safe defaults; production refuses to start without real values, and the
 * message names every missing or malformed variable. docs/DEPLOY.md lists each refusal and why.
 */
import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { parseKeyRing } from "@/lib/platform/crypto";
import { z } from "@/lib/platform/zod";

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

// Development defaults that must never reach production: each is refused there.
const DEV_AUTH_SECRET = "haven-development-secret-do-not-use-in-production";
export const DEV_ENCRYPTION_KEYS = "dev:aGF2ZW4tZGV2LW9ubHkta2V5LW5ldmVyLWluLXByb2Q=";
const DEV_SMTP_URL = "smtp://127.0.0.1:2525";
/** Where `npm run dev` keeps the key it generates for a checkout (scripts/dev.ts). */
const LOCAL_DEV_KEY_FILE = path.join(".data", "dev-encryption-keys");

type Mode = { isProduction: boolean; isBuild: boolean; devKeys: Buffer[]; allowPlainLoopback: boolean };

/** 127.0.0.0/8, ::1 and localhost: a connection that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}

/**
 * How mail leaves the app. "tls": smtps://, TLS from the first byte. "starttls": smtp:// with
 * ?requireTLS=true, so the connection fails rather than continuing in clear text when a server
 * (or someone on the path stripping the STARTTLS offer) does not upgrade. "plain": smtp:// to
 * this machine only (a development mail catcher, a test sink, a local relay).
 */
export type SmtpSecurity = "tls" | "starttls" | "plain";

// Query options nodemailer would read from the URL. Only these are accepted: the others
// (ignoreTLS, secure, tls.rejectUnauthorized, ...) can only weaken the connection.
const SMTP_OPTIONS = new Set(["requireTLS", "name", "authMethod"]);

export function smtpSecurity(smtpUrl: string): SmtpSecurity {
  const parsed = new URL(smtpUrl);
  if (parsed.protocol === "smtps:") return "tls";
  return parsed.searchParams.get("requireTLS") === "true" ? "starttls" : "plain";
}

function checkSmtpUrl(value: string, ctx: z.RefinementCtx, options: Mode) {
  const problem = (message: string) => ctx.addIssue({ code: "custom", message });
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return problem("must be an smtps:// or smtp:// URL");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") return problem("must be an smtps:// or smtp:// URL");
  if (!parsed.hostname) return problem("must name the mail server's host");
  for (const [key, option] of parsed.searchParams) {
    if (!SMTP_OPTIONS.has(key))
      return problem(`option "${key}" is not accepted: it could weaken TLS (allowed: ${[...SMTP_OPTIONS].join(", ")})`);
    if (key === "requireTLS" && option !== "true") return problem('requireTLS may only be "true"');
  }
  if (smtpSecurity(value) !== "plain") return;
  const advice = "use smtps://host:465, or smtp://host:587?requireTLS=true for STARTTLS";
  if (!isLoopbackHost(parsed.hostname)) {
    return problem(`sends mail without TLS to another machine; sign-in links would travel in clear text: ${advice}`);
  }
  if (options.isProduction && !options.allowPlainLoopback) {
    return problem(
      `is plain SMTP; production requires TLS (${advice}), or set SMTP_ALLOW_PLAINTEXT_LOOPBACK=true for a relay on this machine`,
    );
  }
}

function checkKeyRing(value: string, ctx: z.RefinementCtx, { isProduction, devKeys }: Mode) {
  let ring;
  try {
    // Every key is decoded and checked now (32 bytes, ids unique), so a bad one stops the
    // start rather than the first booking. The messages never contain key material.
    ring = parseKeyRing(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return;
  }
  if (!isProduction) return;
  for (const [id, key] of ring.keys) {
    if (devKeys.some((devKey) => devKey.equals(key))) {
      ctx.addIssue({ code: "custom", message: `key "${id}" is a development key (under another id); generate a real one` });
    }
  }
}

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .default("false")
  .transform((value) => value === "true" || value === "1");

function schemaFor(mode: Mode) {
  const { isProduction, isBuild } = mode;
  /** Required in production (and never equal to its development default); defaulted elsewhere. */
  function secret(devDefault: string, what: string) {
    const base = z.string().min(32, `must be at least 32 characters (${what})`);
    if (!isProduction) return base.default(devDefault);
    if (isBuild) return base.optional();
    return base.refine((value) => value !== devDefault, "is the development default; set a real secret");
  }

  function required<T extends z.ZodType<string>>(schema: T, devDefault: string) {
    if (!isProduction) return schema.default(devDefault as never);
    if (isBuild) return schema.optional();
    return schema.refine((value) => value !== devDefault, "is the development default; set a real value");
  }

  // Secure cookies, HSTS and upgrade-insecure-requests all follow from an https SITE_URL; an
  // http one is accepted in production only for a server that is reached on this machine
  // (the e2e and fault suites, a smoke test behind nothing). The build only bakes the address
  // into the prerendered feed and sitemap; the check belongs to the server that runs.
  const siteUrl = !isProduction
    ? url.default("http://localhost:3000")
    : isBuild
      ? url
      : url.refine(
          (value) => value.startsWith("https://") || isLoopbackHost(new URL(value).hostname),
          "must be the public https:// address in production (http:// only for localhost): secure cookies and HSTS depend on it",
        );

  return z.object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "is required (npm run dev sets it for the embedded database)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL"),
    SITE_URL: siteUrl,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    NEXTAUTH_SECRET: secret(DEV_AUTH_SECRET, "signs session cookies"),
    /** Comma-separated key ring "id:base64key,...": the first key encrypts, all decrypt. */
    ENCRYPTION_KEYS: required(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]+)*$/, "must look like k1:BASE64KEY[,k0:BASE64KEY]")
        .superRefine((value, ctx) => checkKeyRing(value, ctx, mode)),
      // Development only; `npm run dev` generates a local key in .data/ instead.
      DEV_ENCRYPTION_KEYS,
    ),
    SMTP_URL: required(
      z.string().superRefine((value, ctx) => checkSmtpUrl(value, ctx, mode)),
      DEV_SMTP_URL,
    ),
    /** Plain SMTP to this machine in production: a local relay, or the test suites' sink. */
    SMTP_ALLOW_PLAINTEXT_LOOPBACK: flag,
    MAIL_FROM: required(z.string().min(3, 'must be a sender such as "Practice <hello@example.com>"'), "Haven <no-reply@haven.localhost>"),
    CLINICIAN_NOTIFY_EMAIL: required(z.email("must be an email address"), "clinician@haven.localhost"),
    /** "inline": the Next server also runs the outbox worker; "off": only `npm run worker` does. */
    OUTBOX_WORKER: z.enum(["inline", "off"]).default("inline"),
    OUTBOX_POLL_MS: z.coerce.number().int().min(100, "must be at least 100 (milliseconds)").default(5_000),
    /** How long a claimed email stays reserved; after a crash it is sent again once this runs out. */
    OUTBOX_LEASE_MS: z.coerce
      .number()
      .int()
      .min(1_000, "must be at least 1000 (milliseconds)")
      .default(5 * 60_000),
    /** First retry delay after a failed send; doubles on each attempt, capped at an hour. */
    OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(100, "must be at least 100 (milliseconds)").default(30_000),
    /** A database that cannot be reached fails the request after this long instead of hanging. */
    DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100, "must be at least 100 (milliseconds)").default(5_000),
    /** Longest a single SQL statement may run (PostgreSQL statement_timeout). */
    DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100, "must be at least 100 (milliseconds)").default(15_000),
    /** "inline": each app server also runs the background jobs (lib/platform/jobs.ts); "off": only `npm run worker` does. */
    JOBS_WORKER: z.enum(["inline", "off"]).default("inline"),
    /** How often her calendars' ICS addresses are fetched for busy times. */
    CALENDAR_SYNC_MINUTES: z.coerce.number().int().min(1, "must be 1 to 60 (minutes)").max(60, "must be 1 to 60 (minutes)").default(5),
    /**
     * Development and tests only: calendar addresses may be http:// and point at private,
     * loopback or link-local hosts (a local test server). Production allows only public https.
     */
    CALENDAR_FETCH_ALLOW_LOCAL: z
      .enum(["true", "false"], { error: 'must be "true" or "false"' })
      .default(isProduction ? "false" : "true")
      .transform((value) => value === "true"),
  });
}

type Parsed = z.infer<ReturnType<typeof schemaFor>>;
// Secrets are optional only while `next build` runs, when no code reads them.
export type Env = { [K in keyof Parsed]-?: NonNullable<Parsed[K]> };

function keyBytes(spec: string): Buffer[] {
  try {
    return [...parseKeyRing(spec).keys.values()];
  } catch {
    return [];
  }
}

/** The development keys production refuses: the fixed default, and this checkout's generated key if there is one. */
function developmentKeys(): Buffer[] {
  const keys = keyBytes(DEV_ENCRYPTION_KEYS);
  if (existsSync(LOCAL_DEV_KEY_FILE)) keys.push(...keyBytes(readFileSync(LOCAL_DEV_KEY_FILE, "utf8").trim()));
  return keys;
}

export function parseEnv(source: Record<string, string | undefined>, options: { devKeys?: Buffer[] } = {}): Env {
  const mode = {
    isProduction: source.NODE_ENV === "production",
    // `next build` evaluates server modules to prerender pages; secrets are checked when
    // the server starts, not while building, so a build machine never needs them.
    isBuild: source.NEXT_PHASE === "phase-production-build",
    devKeys: options.devKeys ?? keyBytes(DEV_ENCRYPTION_KEYS),
    allowPlainLoopback: flag.safeParse(source.SMTP_ALLOW_PLAINTEXT_LOOPBACK).data === true,
  };
  const result = schemaFor(mode).safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvironmentError(`Haven cannot start: invalid environment\n${lines.join("\n")}`);
  }
  return result.data as Env;
}

/** A refused configuration: its message names every variable at fault and never quotes a secret. */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvironmentError";
  }
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env, { devKeys: developmentKeys() });
  return cached;
}
