/**
 * Environment, validated with zod on first use and at server start-up (instrumentation.ts).
 * Development gets safe defaults; production refuses to start without real values, and the
 * message names every missing or malformed variable.
 */
import "server-only";
import { z } from "@/lib/platform/zod";

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

// Development defaults that must never reach production: each is refused there.
const DEV_AUTH_SECRET = "haven-development-secret-do-not-use-in-production";
export const DEV_ENCRYPTION_KEYS = "dev:aGF2ZW4tZGV2LW9ubHkta2V5LW5ldmVyLWluLXByb2Q=";

type Mode = { isProduction: boolean; isBuild: boolean };

function schemaFor({ isProduction, isBuild }: Mode) {
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

  return z.object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string({ error: "is required (npm run dev sets it for the embedded database)" })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL"),
    SITE_URL: isProduction ? url : url.default("http://localhost:3000"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    NEXTAUTH_SECRET: secret(DEV_AUTH_SECRET, "signs session cookies"),
    /** Comma-separated key ring "id:base64key,...": the first key encrypts, all decrypt. */
    ENCRYPTION_KEYS: required(
      z
        .string()
        .regex(
          /^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]+)*$/,
          "must look like k1:BASE64KEY[,k0:BASE64KEY]",
        ),
      // Development only; `npm run dev` generates a local key in .data/ instead.
      DEV_ENCRYPTION_KEYS,
    ),
    SMTP_URL: required(z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL"), "smtp://127.0.0.1:2525"),
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
  });
}

type Parsed = z.infer<ReturnType<typeof schemaFor>>;
// Secrets are optional only while `next build` runs, when no code reads them.
export type Env = { [K in keyof Parsed]-?: NonNullable<Parsed[K]> };

export function parseEnv(source: Record<string, string | undefined>): Env {
  const mode = {
    isProduction: source.NODE_ENV === "production",
    // `next build` evaluates server modules to prerender pages; secrets are checked when
    // the server starts, not while building, so a build machine never needs them.
    isBuild: source.NEXT_PHASE === "phase-production-build",
  };
  const result = schemaFor(mode).safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Haven cannot start: invalid environment\n${lines.join("\n")}`);
  }
  return result.data as Env;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
