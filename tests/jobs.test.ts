/**
 * The job runner (lib/platform/jobs.ts, pg-boss) against the real test database: a one-off job
 * runs once, a singleton key drops a duplicate while one waits, a schedule is stored once
 * however often it is set up (as every instance does at start).
 */
import { afterAll, expect, test } from "vitest";

const { prisma } = await import("@/lib/platform/db");
const jobs = await import("@/lib/platform/jobs");

afterAll(async () => {
  await jobs.stopJobs();
  await prisma.$disconnect();
});

test("one-off jobs run, singletons are not queued twice, schedules are stored once", async () => {
  const seen: unknown[] = [];
  jobs.defineJob("test.echo", async (data) => void seen.push(data.n), { policy: "stately" });
  const later = new Date(Date.now() + 60 * 60_000);
  expect(await jobs.runOnce("test.echo", { n: 99 }, { startAfter: later, singletonKey: "only-one" })).not.toBeNull();
  expect(await jobs.runOnce("test.echo", { n: 98 }, { startAfter: later, singletonKey: "only-one" })).toBeNull();
  await jobs.runOnce("test.echo", { n: 1 }, { singletonKey: "now" });
  await jobs.startJobs();
  await expect.poll(() => seen, { timeout: 20_000, interval: 200 }).toEqual([1]);

  await jobs.every("test.echo", "*/5 * * * *");
  await jobs.every("test.echo", "*/5 * * * *");
  const rows = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pgboss.schedule WHERE name = 'test.echo'`);
  expect(rows[0]!.n).toBe(1);
});
