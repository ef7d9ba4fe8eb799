/**
 * The one job runner: recurring and one-off background work, kept in PostgreSQL by pg-boss so
 * that it is safe with several app instances (jobs are claimed with SKIP LOCKED; a schedule
 * fires once per tick however many instances run it; a job whose worker died is retried after
 * its expiry). Calendar fetching uses it; retention purges and check-in schedules should too.
 * (The email outbox keeps its own worker: it predates this and needs nothing more.)
 *
 * Why pg-boss 10: no extra service (the database we already have), a small API with cron
 * schedules, singleton keys and retries, and it runs on Node 20. pg-boss 11/12 and
 * graphile-worker 0.18 require Node 22; graphile-worker 0.16 would also do, but needs a task
 * list loaded at start and offers nothing the jobs here need beyond pg-boss.
 *
 * The API:
 *
 *   defineJob("calendar.sync", async (data) => { … }, { policy: "stately" }); // once, at module load
 *   await every("calendar.sync", "*\/5 * * * *");                 // a recurring schedule (cron, UTC)
 *   await runOnce("retention.purge", { table: "x" }, { startAfter: date, singletonKey: "x" });
 *   await startJobs();                                            // in each app server (JOBS_WORKER=inline) or `npm run worker`
 *
 * Handlers must be idempotent: a job can run twice after a crash. Handlers get plain JSON data;
 * never put personal data in it (it is stored unencrypted in the pgboss schema).
 */
import "server-only";
import PgBoss from "pg-boss";
import { pgPoolConfig } from "@/lib/platform/db-config";
import { errorCode, logger } from "@/lib/platform/logger";

export type JobData = Record<string, string | number | boolean | null>;
type Handler = (data: JobData) => Promise<void>;

/**
 * "standard": every job sent runs. "stately": at most one waiting and one running job per
 * singletonKey (or per name without one), so a slow recurring job never piles up.
 */
export type JobPolicy = "standard" | "stately";

const handlers = new Map<string, Handler>();
const policies = new Map<string, JobPolicy>();
const schedules = new Map<string, string>();

const globalForJobs = globalThis as unknown as { jobBoss?: Promise<PgBoss>; jobWorkers?: boolean };

/** Registers what a job does. Call at module load; the name is what schedules and runOnce refer to. */
export function defineJob(name: string, handler: Handler, options: { policy?: JobPolicy } = {}): void {
  handlers.set(name, handler);
  policies.set(name, options.policy ?? "standard");
}

async function boss(): Promise<PgBoss> {
  globalForJobs.jobBoss ??= (async () => {
    const config = pgPoolConfig({ max: 3 });
    const created = new PgBoss({
      connectionString: config.connectionString,
      max: 3,
      schema: "pgboss",
      application_name: "haven-jobs",
    });
    // Without a listener an error (the database restarting) would crash the server.
    created.on("error", (error) => logger.warn({ event: "jobs.error", errorCode: errorCode(error) }, "job runner error"));
    await created.start();
    return created;
  })().catch((error: unknown) => {
    globalForJobs.jobBoss = undefined;
    throw error;
  });
  return globalForJobs.jobBoss;
}

async function ensureQueue(b: PgBoss, name: string) {
  // Two instances starting at once may both try: the second create fails harmlessly.
  if (!(await b.getQueue(name))) await b.createQueue(name, { name, policy: policies.get(name) ?? "standard" }).catch(() => undefined);
}

/** A recurring job on a cron schedule (UTC). Safe to call on every start and on every instance. */
export async function every(name: string, cron: string, data: JobData = {}): Promise<void> {
  schedules.set(name, cron);
  const b = await boss();
  await ensureQueue(b, name);
  await b.schedule(name, cron, data, { tz: "UTC" });
}

/** A one-off job, now or later. In a "stately" job, a second request for the same singletonKey while one waits is dropped (null). */
export async function runOnce(
  name: string,
  data: JobData = {},
  options: { startAfter?: Date; singletonKey?: string; retryLimit?: number } = {},
): Promise<string | null> {
  const b = await boss();
  await ensureQueue(b, name);
  return b.send(name, data, { retryLimit: 3, retryBackoff: true, ...options });
}

/** Starts working every defined job in this process. Idempotent. */
export async function startJobs(): Promise<void> {
  if (globalForJobs.jobWorkers) return;
  globalForJobs.jobWorkers = true;
  const b = await boss();
  for (const [name, handler] of handlers) {
    await ensureQueue(b, name);
    await b.work<JobData>(name, { pollingIntervalSeconds: 10 }, async (jobs) => {
      for (const job of jobs) {
        const started = Date.now();
        try {
          await handler(job.data ?? {});
          logger.info({ event: "job.done", job: name, ms: Date.now() - started }, "job done");
        } catch (error) {
          logger.error({ event: "job.failed", job: name, errorCode: errorCode(error) }, "job failed");
          throw error;
        }
      }
    });
  }
}

/** Stops this process's workers, letting running jobs finish (for `npm run worker` and tests). */
export async function stopJobs(): Promise<void> {
  const pending = globalForJobs.jobBoss;
  globalForJobs.jobBoss = undefined;
  globalForJobs.jobWorkers = false;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 });
}

/** The schedules this process has set up, for the dashboard and tests. */
export function scheduledJobs(): ReadonlyMap<string, string> {
  return schedules;
}
