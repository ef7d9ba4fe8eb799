/**
 * `npm run worker`: delivers the email outbox and runs the background jobs from its own
 * process (for OUTBOX_WORKER=off / JOBS_WORKER=off deployments). On SIGINT/SIGTERM it lets the batch in progress finish, so no row is left
 * SENDING until its lease runs out.
 */
import { prisma } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { startOutboxWorker } from "@/lib/email/outbox";
import { startJobs, stopJobs } from "@/lib/platform/jobs";
import { scheduleCalendarSync } from "@/lib/booking/calendars";

env(); // fail fast, naming every missing variable
const worker = startOutboxWorker();
await scheduleCalendarSync();
await startJobs();
console.log("▸ Outbox worker and background jobs running (Ctrl-C to stop).");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`▸ ${signal}: finishing the current batch…`);
  await worker.stop();
  await stopJobs();
  await prisma.$disconnect();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
