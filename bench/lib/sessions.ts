/**
 * Signed-in clients without the email round trip, as e2e/fixtures.ts does it: a client row,
 * a server-side session row, and the next-auth JWT cookie that points at it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { BENCH } from "./stack";

export type BenchClient = { id: string; email: string; cookie: string };

export async function createClients(databaseUrl: string, count: number, label: string): Promise<BenchClient[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const clients: BenchClient[] = [];
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const email = `${label}-${i}-${id.slice(0, 8)}@bench.test`;
      const sid = randomBytes(32).toString("base64url");
      await db.query(`INSERT INTO "User" (id, email, role) VALUES ($1, $2, 'CLIENT')`, [id, email]);
      await db.query(`INSERT INTO "Session" (id, "userId", "expiresAt") VALUES ($1, $2, now() + interval '2 hours')`, [sid, id]);
      const token = await encode({ token: { sub: id, sid }, secret: BENCH.appEnv.NEXTAUTH_SECRET! });
      clients.push({ id, email, cookie: `next-auth.session-token=${token}` });
    }
    return clients;
  } finally {
    await db.end();
  }
}
