/**
 * The production stack every benchmark runs against: embedded PostgreSQL with a fresh seeded
 * database, the mail catcher, `next build` into its own folder and `next start`, on ports of
 * their own. `withStack` starts it, runs the benchmark, and stops everything again, also on
 * error or Ctrl-C.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { E2E } from "../../e2e/config";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "../../scripts/embedded-pg";
import { startMailCatcher } from "../../scripts/mail-catcher";
import { prismaCli } from "../../scripts/prisma-cli";
import { sec, timed } from "./measure";
import { serverProcess } from "./memory";

// Ports of their own: CI may be using 54339/54349 (PostgreSQL), 3100 (app) and 2526 (SMTP).
export const BENCH = {
  appPort: Number(process.env.BENCH_APP_PORT ?? 3300),
  pgPort: Number(process.env.BENCH_PG_PORT ?? 54600),
  smtpPort: Number(process.env.BENCH_SMTP_PORT ?? 2600),
  /** Free port for the static file server of the article benchmark. */
  staticPort: Number(process.env.BENCH_STATIC_PORT ?? 2601),
  /** nginx in front of the app for the article benchmark (bench/article.ts). */
  nginxPort: Number(process.env.BENCH_NGINX_PORT ?? 2602),
  dataDir: ".data/postgres-bench",
  database: "haven_bench",
  mailbox: ".data/mail-bench",
  appLog: ".data/bench-app.log",
  distDir: process.env.NEXT_DIST_DIR ?? ".next-bench",
  get baseUrl() {
    return `http://127.0.0.1:${this.appPort}`;
  },
  /** The e2e production environment (test-only secrets), pointed at this stack. */
  get appEnv(): Record<string, string> {
    return { ...E2E.appEnv, SITE_URL: this.baseUrl, SMTP_URL: `smtp://127.0.0.1:${this.smtpPort}` };
  },
};

const READY_TIMEOUT_MS = 90_000;

export type Stack = {
  baseUrl: string;
  databaseUrl: string;
  /** The process that serves requests (a child of `next start`), for memory readings. */
  serverPid: number;
  buildSeconds: number | null;
  skippedBuild: boolean;
};

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

const running: { pg?: EmbeddedServer; catcher?: { stop(): Promise<void> }; app?: ChildProcess } = {};

async function stopApp(app: ChildProcess) {
  if (app.exitCode !== null || app.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => app.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      // Detached: the negative pid is the process group of this `next start` only.
      process.kill(-app.pid!, sig);
    } catch {
      /* already gone */
    }
  };
  signal("SIGTERM");
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 10_000).unref());
  if ((await Promise.race([exited, timer])) === "timeout") {
    signal("SIGKILL");
    await exited;
  }
}

let stopping: Promise<void> | undefined;
export function stopStack(): Promise<void> {
  stopping ??= (async () => {
    if (running.app) await stopApp(running.app).catch((e) => console.error("stopping app:", e));
    await running.catcher?.stop().catch((e) => console.error("stopping mail catcher:", e));
    await running.pg?.stop().catch((e) => console.error("stopping PostgreSQL:", e));
  })();
  return stopping;
}

export async function startStack(): Promise<Stack> {
  for (const [what, port] of [
    ["APP", BENCH.appPort],
    ["SMTP", BENCH.smtpPort],
    ["STATIC", BENCH.staticPort],
    ["NGINX", BENCH.nginxPort],
  ] as const) {
    if (!(await portFree(port))) throw new Error(`Port ${port} is in use; set BENCH_${what}_PORT.`);
  }
  let t = performance.now();
  running.pg = await startEmbeddedPostgres({ dataDir: BENCH.dataDir, port: BENCH.pgPort, fast: true });
  await ensureDatabase(running.pg, BENCH.database, { recreate: true });
  const databaseUrl = running.pg.urlFor(BENCH.database);
  prismaCli(["migrate", "deploy"], databaseUrl);
  prismaCli(["db", "seed"], databaseUrl);
  console.log(`PostgreSQL :${BENCH.pgPort} ready, migrated and seeded (${sec(t)})`);

  rmSync(BENCH.mailbox, { recursive: true, force: true });
  running.catcher = await startMailCatcher({ port: BENCH.smtpPort, dir: BENCH.mailbox });

  // Its own build folder, so the benchmark never disturbs a test run's or a deployment's build.
  const env = { ...process.env, ...BENCH.appEnv, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: BENCH.distDir };
  const next = path.resolve("node_modules", ".bin", "next");
  const skipBuild = process.env.BENCH_SKIP_BUILD === "1" && existsSync(path.join(BENCH.distDir, "BUILD_ID"));
  if (process.env.BENCH_SKIP_BUILD === "1" && !skipBuild) console.log(`BENCH_SKIP_BUILD=1 but no build in ${BENCH.distDir}/: building`);
  let buildSeconds: number | null = null;
  if (!skipBuild) {
    t = performance.now();
    console.log("next build ...");
    // With a distDir other than .next, `next build` adds it to tsconfig.json's include list
    // (and reformats the file): put the committed file back afterwards.
    const tsconfig = readFileSync("tsconfig.json", "utf8");
    const build = spawnSync(next, ["build"], { env, stdio: ["ignore", "inherit", "inherit"] });
    writeFileSync("tsconfig.json", tsconfig);
    if (build.status !== 0) throw new Error("next build failed");
    buildSeconds = Math.round((performance.now() - t) / 100) / 10;
    console.log(`next build done (${buildSeconds}s)`);
  }

  mkdirSync(path.dirname(BENCH.appLog), { recursive: true });
  const log = createWriteStream(BENCH.appLog);
  t = performance.now();
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (Node
  // refuses --cpu-prof in NODE_OPTIONS, so the flags go on node's own command line).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const startArgs = ["start", "--hostname", "127.0.0.1", "--port", String(BENCH.appPort)];
  const app = spawn(
    nodeArgs.length ? process.execPath : next,
    nodeArgs.length ? [...nodeArgs, path.resolve("node_modules/next/dist/bin/next"), ...startArgs] : startArgs,
    {
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  running.app = app;
  app.stdout!.pipe(log);
  app.stderr!.pipe(log);

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (app.exitCode !== null) throw new Error(`next start exited with ${app.exitCode}; see ${BENCH.appLog}`);
    if (Date.now() > deadline) throw new Error(`next start did not answer within ${READY_TIMEOUT_MS / 1000}s; see ${BENCH.appLog}`);
    const probe = await timed(`${BENCH.baseUrl}/book`);
    if (probe.status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const server = serverProcess(app.pid!);
  console.log(`next start ${BENCH.baseUrl} answering (${sec(t)}); server process ${server.pid} (${server.tree})`);
  return { baseUrl: BENCH.baseUrl, databaseUrl, serverPid: server.pid, buildSeconds, skippedBuild: skipBuild };
}

/**
 * Starts the stack, runs `fn`, stops the stack, and exits with the code `fn` set. Ctrl-C
 * stops the stack too.
 */
export function withStack(fn: (stack: Stack) => Promise<void>) {
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      console.error(`\n${sig}: stopping the benchmark stack`);
      void stopStack().finally(() => process.exit(130));
    });
  }
  startStack()
    .then(fn)
    .catch((error) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    })
    .finally(async () => {
      await stopStack();
      // fetch keep-alive sockets and pg pools may linger: exit now.
      process.exit(process.exitCode ?? 0);
    });
}
