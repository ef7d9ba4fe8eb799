/**
 * Environment, validated with zod on first use and at server start-up (instrumentation.ts).
 * Development gets safe defaults; production refuses to start without real values, and the
 * message names every missing or malformed variable.
 */
import { z } from "zod";

const isProduction = process.env.NODE_ENV === "production";
// `next build` evaluates server modules to prerender pages; secrets are checked when the
// server starts, not while building, so a build machine never needs them.
const isBuild = process.env.NEXT_PHASE === "phase-production-build";

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (npm run dev sets it for the embedded database)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection URL"),
  SITE_URL: isProduction ? url : url.default("http://localhost:3000"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Haven cannot start: invalid environment\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export const envFlags = { isProduction, isBuild };
