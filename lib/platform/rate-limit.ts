/**
 * Abuse limits, counted in PostgreSQL (table rate_limit) so that they hold across every
 * app instance. rate-limiter-flexible does the counting.
 */
import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pgPoolConfig } from "@/lib/platform/db-config";
import { errorCode, logger } from "@/lib/platform/logger";

const globalForLimits = globalThis as unknown as { rateLimitPool?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForLimits.rateLimitPool) {
    const created = new pg.Pool(pgPoolConfig({ max: 3 }));
    // Without a listener, an idle connection dropped by a database restart would be an
    // unhandled 'error' event and take the whole server down.
    created.on("error", (error) =>
      logger.warn({ event: "db.pool.error", pool: "rate-limit", errorCode: errorCode(error) }, "database connection lost"),
    );
    globalForLimits.rateLimitPool = created;
  }
  return globalForLimits.rateLimitPool;
}

const limiters = new Map<string, RateLimiterPostgres>();

function limiter(keyPrefix: string, points: number, durationSeconds: number): RateLimiterPostgres {
  let found = limiters.get(keyPrefix);
  if (!found) {
    found = new RateLimiterPostgres({
      storeClient: pool(),
      storeType: "pool",
      tableName: "rate_limit",
      tableCreated: true,
      keyPrefix,
      points,
      duration: durationSeconds,
      clearExpiredByTimeout: false,
    });
    limiters.set(keyPrefix, found);
  }
  return found;
}

export type Limited = { retryAfterSeconds: number };

/** Consumes one point from each limit; returns the longest wait if any limit is exceeded. */
async function consumeAll(checks: { name: string; key: string; points: number; durationSeconds: number }[]): Promise<Limited | null> {
  let worst: Limited | null = null;
  for (const check of checks) {
    try {
      await limiter(check.name, check.points, check.durationSeconds).consume(check.key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      if (!worst || retryAfterSeconds > worst.retryAfterSeconds) worst = { retryAfterSeconds };
    }
  }
  return worst;
}

export const LIMITS = {
  signInPerEmail: { points: 5, durationSeconds: 60 * 60 },
  signInPerIp: { points: 20, durationSeconds: 60 * 60 },
  bookingPerIp: { points: 10, durationSeconds: 60 * 60 },
  clinicianPerAccount: { points: 5, durationSeconds: 15 * 60 },
  clinicianPerIp: { points: 20, durationSeconds: 15 * 60 },
} as const;

const hashed = (value: string) => createHash("sha256").update(value).digest("hex");

export function limitSignInLinkRequest({ email, ip }: { email: string; ip: string }) {
  return consumeAll([
    // Hashed: the counter table should not become a list of who asked to sign in.
    { name: "signin-email", key: hashed(email), ...LIMITS.signInPerEmail },
    { name: "signin-ip", key: ip, ...LIMITS.signInPerIp },
  ]);
}

export function limitBookingAttempt({ ip }: { ip: string }) {
  return consumeAll([{ name: "booking-ip", key: ip, ...LIMITS.bookingPerIp }]);
}

/** Counts a clinician sign-in attempt; a success clears the account's count. */
export function limitClinicianSignIn({ email, ip }: { email: string; ip: string }) {
  return consumeAll([
    { name: "clinician-account", key: hashed(email), ...LIMITS.clinicianPerAccount },
    { name: "clinician-ip", key: ip, ...LIMITS.clinicianPerIp },
  ]);
}

export async function clearClinicianFailures({ email }: { email: string }) {
  await limiter("clinician-account", LIMITS.clinicianPerAccount.points, LIMITS.clinicianPerAccount.durationSeconds).delete(hashed(email));
}
