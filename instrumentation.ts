import type { Instrumentation } from "next";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // Fail at start-up, with every problem named, rather than on the first request.
  const { environmentOrExit } = await import("@/lib/platform/startup");
  const config = environmentOrExit();
  // The outbox worker runs inside each server by default; claims use SKIP LOCKED, so
  // several instances (and `npm run worker`) never send one email twice.
  if (config.OUTBOX_WORKER === "inline") {
    const { startOutboxWorker } = await import("@/lib/email/outbox");
    startOutboxWorker({ intervalMs: config.OUTBOX_POLL_MS });
  }
  // Background jobs (lib/platform/jobs.ts): her calendars' busy times on a schedule. A database
  // that is down at start-up only delays them; the server starts anyway.
  if (config.JOBS_WORKER === "inline") {
    const [{ startJobs }, { scheduleCalendarSync }, { logger, errorCode }] = await Promise.all([
      import("@/lib/platform/jobs"),
      import("@/lib/booking/calendars"),
      import("@/lib/platform/logger"),
    ]);
    void scheduleCalendarSync()
      .then(startJobs)
      .catch((error: unknown) =>
        logger.error({ event: "jobs.start.failed", errorCode: errorCode(error) }, "background jobs did not start"),
      );
  }
}

/**
 * Every error Next.js catches while answering a request, as one log line: where (the path,
 * never its query string), what kind of route, and Next's digest, which is the reference
 * number the error page shows. Next's own multi-line print of the same error is routed
 * through the logger too (routeConsoleToLogger).
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { libraryErrorFields, logPath, logger } = await import("@/lib/platform/logger");
  logger.error(
    {
      event: "request.failed",
      method: request.method,
      path: logPath(request.path),
      routePath: context.routePath,
      routeType: context.routeType,
      ...libraryErrorFields(error),
    },
    "request failed",
  );
};
