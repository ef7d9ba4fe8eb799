/**
 * Web server for the Playwright suite: a fresh embedded PostgreSQL database with the seed,
 * a production build, and `next start`, as a deployment would run them.
 * Set E2E_SKIP_BUILD=1 to reuse an existing build while iterating.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "../scripts/embedded-pg";
import { createWriteStream, rmSync } from "node:fs";
import { startMailCatcher } from "../scripts/mail-catcher";
import { forNext } from "../scripts/server-condition";
import { prismaCli } from "../scripts/prisma-cli";
import { E2E } from "./config";

async function main() {
  let databaseUrl = process.env.E2E_DATABASE_URL;
  const server = databaseUrl ? undefined : await startEmbeddedPostgres({ dataDir: ".data/postgres-e2e", port: E2E.pgPort, fast: true });
  if (server) {
    await ensureDatabase(server, E2E.database, { recreate: true });
    databaseUrl = server.urlFor(E2E.database);
  } else {
    prismaCli(["migrate", "reset", "--force", "--skip-seed"], databaseUrl!);
  }
  prismaCli(["migrate", "deploy"], databaseUrl!);
  prismaCli(["db", "seed"], databaseUrl!);

  rmSync(E2E.mailbox, { recursive: true, force: true });
  const catcher = await startMailCatcher({ port: E2E.smtpPort, dir: E2E.mailbox });

  const env = forNext({ ...process.env, ...E2E.appEnv, DATABASE_URL: databaseUrl!, NEXT_TELEMETRY_DISABLED: "1" });
  const next = path.resolve("node_modules", ".bin", "next");
  if (process.env.E2E_SKIP_BUILD !== "1") {
    const build = spawnSync(next, ["build"], { env: { ...env, HAVEN_SKIP_BUILD_TYPECHECK: "1" }, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  // The app's output goes to the console as before and to a file that tests search for canaries.
  const log = createWriteStream(E2E.appLog, { flags: "w" });
  const app = spawn(next, ["start", "--port", String(E2E.appPort)], { env, stdio: ["ignore", "pipe", "pipe"] });
  app.stdout.on("data", (chunk: Buffer) => (process.stdout.write(chunk), log.write(chunk)));
  app.stderr.on("data", (chunk: Buffer) => (process.stderr.write(chunk), log.write(chunk)));
  const stop = async () => {
    app.kill("SIGTERM");
    await catcher.stop().catch(() => {});
    await server?.stop().catch(() => {});
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  app.on("exit", stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
