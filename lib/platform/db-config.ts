import "server-only";
import type { PoolConfig } from "pg";
import { env } from "@/lib/platform/env";

/**
 * Settings for every pg pool of the app (Prisma's and the rate limiter's). When PostgreSQL
 * is down or restarting, a request must fail within seconds with a friendly error rather
 * than hang: connecting, each statement and each query are bounded. pg replaces a broken
 * connection on the next checkout, so the pools recover by themselves once it is back.
 */
export function pgPoolConfig(overrides: PoolConfig = {}): PoolConfig {
  const e = env();
  return {
    connectionString: e.DATABASE_URL,
    connectionTimeoutMillis: e.DB_CONNECT_TIMEOUT_MS,
    statement_timeout: e.DB_STATEMENT_TIMEOUT_MS,
    // Client-side bound too, for a server that stops answering without closing the socket.
    query_timeout: e.DB_STATEMENT_TIMEOUT_MS + 5_000,
    idleTimeoutMillis: 30_000,
    ...overrides,
  };
}
