export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // Fail at start-up, with every problem named, rather than on the first request.
  const { env } = await import("@/lib/platform/env");
  const config = env();
  // The outbox worker runs inside each server by default; claims use SKIP LOCKED, so
  // several instances (and `npm run worker`) never send one email twice.
  if (config.OUTBOX_WORKER === "inline") {
    const { startOutboxWorker } = await import("@/lib/email/outbox");
    startOutboxWorker({ intervalMs: config.OUTBOX_POLL_MS });
  }
}
