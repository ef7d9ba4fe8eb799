/**
 * What a server does before it answers anything (called from instrumentation.ts, Node.js only).
 */
import "server-only";
import { env, EnvironmentError, type Env } from "@/lib/platform/env";
import { logger, routeConsoleToLogger } from "@/lib/platform/logger";

/**
 * The validated environment, or the end of the process with every problem named. Next.js
 * would otherwise log the failure and keep listening, answering every request with an
 * error: a server that looks up to a health check while it cannot do anything.
 */
export function environmentOrExit(): Env {
  try {
    const config = env();
    if (config.NODE_ENV === "production") routeConsoleToLogger();
    return config;
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    logger.fatal({ event: "startup.refused" }, error.message.replaceAll("\n", " "));
    process.stderr.write(`\n${error.message}\n\nSee docs/DEPLOY.md for every setting production requires.\n\n`);
    process.exit(1);
  }
}
