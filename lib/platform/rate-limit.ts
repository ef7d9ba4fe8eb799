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

/** How many points a key has used of a limit, without using one. */
async function used(check: {
  name: string;
  key: string;
  points: number;
  durationSeconds: number;
}): Promise<{ consumed: number; msBeforeNext: number }> {
  const res = await limiter(check.name, check.points, check.durationSeconds).get(check.key);
  return { consumed: res?.consumedPoints ?? 0, msBeforeNext: res?.msBeforeNext ?? 0 };
}

/**
 * The numbers, and why:
 *  - sign-in links: 5 per address an hour is more than a person needs (each link works for 10
 *    minutes), 20 per IP. Only requests that passed next-auth's CSRF check and the Origin
 *    check count, so a forged post cannot use up someone's allowance, and every request that
 *    does count sends the person a working link. A pending hold is never refused because of
 *    its address, only because of the asking connection: nobody else can stop a person from
 *    getting the link that confirms the time she is holding.
 *  - the clinician: failures, not attempts, are counted. Per IP they stop guessing (refused
 *    before the password is checked); per account they never lock her out, since anyone who
 *    knows her address could then keep her out. Past the account threshold every answer for
 *    that account is slowed instead (CLINICIAN_SLOW_ANSWER_MS).
 */
export const LIMITS = {
  signInPerEmail: { points: 5, durationSeconds: 60 * 60 },
  signInPerIp: { points: 20, durationSeconds: 60 * 60 },
  bookingPerIp: { points: 10, durationSeconds: 60 * 60 },
  // Holds one address can request, however many client IPs (real or forged) they come from.
  bookingPerEmail: { points: 6, durationSeconds: 60 * 60 },
  clinicianFailuresPerAccount: { points: 5, durationSeconds: 15 * 60 },
  clinicianFailuresPerIp: { points: 20, durationSeconds: 15 * 60 },
} as const;

const hashed = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * Counts a sign-in link request that next-auth has accepted (CSRF token and Origin checked).
 * `hasPendingHold`: the address holds a time that this link would confirm; then only the
 * connection's limit applies, so an exhausted address never stops her confirming it.
 */
export function limitSignInLinkRequest({ email, ip, hasPendingHold = false }: { email: string; ip: string; hasPendingHold?: boolean }) {
  const perIp = { name: "signin-ip", key: ip, ...LIMITS.signInPerIp };
  if (hasPendingHold) return consumeAll([perIp]);
  // Hashed: the counter table should not become a list of who asked to sign in.
  return consumeAll([{ name: "signin-email", key: hashed(email), ...LIMITS.signInPerEmail }, perIp]);
}

export function limitBookingAttempt({ ip }: { ip: string }) {
  return consumeAll([{ name: "booking-ip", key: ip, ...LIMITS.bookingPerIp }]);
}

/** Per email address, so rotating (or forged) client IPs do not multiply one address's requests. */
export function limitBookingForEmail({ email }: { email: string }) {
  return consumeAll([{ name: "booking-email", key: hashed(email), ...LIMITS.bookingPerEmail }]);
}

const clinicianAccount = (email: string) => ({
  name: "clinician-account-failures",
  key: hashed(email),
  ...LIMITS.clinicianFailuresPerAccount,
});
const clinicianIp = (ip: string) => ({ name: "clinician-ip-failures", key: ip, ...LIMITS.clinicianFailuresPerIp });

/**
 * Before a clinician sign-in is checked: `blocked` when this IP has failed too often (the
 * attempt is refused unchecked), `slow` when the account has (the attempt is checked, and
 * answered slowly whatever the outcome).
 */
export async function clinicianSignInStanding({
  email,
  ip,
}: {
  email: string;
  ip: string;
}): Promise<{ blocked: Limited | null; slow: boolean }> {
  const [account, fromIp] = await Promise.all([used(clinicianAccount(email)), used(clinicianIp(ip))]);
  const blocked =
    fromIp.consumed >= LIMITS.clinicianFailuresPerIp.points
      ? { retryAfterSeconds: Math.max(1, Math.ceil(fromIp.msBeforeNext / 1000)) }
      : null;
  return { blocked, slow: account.consumed >= LIMITS.clinicianFailuresPerAccount.points };
}

/** A failed clinician sign-in, counted against the account and the IP. */
export async function recordClinicianFailure({ email, ip }: { email: string; ip: string }): Promise<void> {
  await consumeAll([clinicianAccount(email), clinicianIp(ip)]);
}

/** A successful sign-in clears the account's failures (not the IP's). */
export async function clearClinicianFailures({ email }: { email: string }) {
  const check = clinicianAccount(email);
  await limiter(check.name, check.points, check.durationSeconds).delete(check.key);
}
