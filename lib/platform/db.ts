import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { pgPoolConfig } from "@/lib/platform/db-config";
import { errorCode, logger } from "@/lib/platform/logger";

// One client per process: Next's dev server re-evaluates modules on every change, and each
// new client would open its own connection pool.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient() {
  const adapter = new PrismaPg(pgPoolConfig(), {
    // An idle connection dropped by a database restart: the pool discards it and opens a
    // new one on the next query. Logged by code only; the message can quote connection details.
    onPoolError: (error) => logger.warn({ event: "db.pool.error", errorCode: errorCode(error) }, "database connection lost"),
  });
  const client = new PrismaClient({
    adapter,
    // Through the app's logger, as one line without the message: Prisma's messages can quote
    // the values of a query.
    log: [
      { emit: "event", level: "error" },
      { emit: "event", level: "warn" },
    ],
  });
  client.$on("error", (event) => logger.error({ event: "db.error", target: event.target }, "database error"));
  client.$on("warn", (event) => logger.warn({ event: "db.warn", target: event.target }, "database warning"));
  return client;
}

export const prisma: PrismaClient = globalForPrisma.prisma ?? createClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.prisma = prisma;

/** The client inside `prisma.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

/** Either the client or a transaction: functions that may run inside the caller's transaction take this. */
export type Db = Tx | typeof prisma;
