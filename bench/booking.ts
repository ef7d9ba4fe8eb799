/**
 * Booking load benchmark: starts its own production stack (embedded PostgreSQL with a fresh
 * seeded database, mail catcher, `next build` + `next start`) on ports of its own, runs three
 * scenarios against it and stops everything again, also on error or Ctrl-C.
 *
 *   npx tsx bench/booking.ts                      # build, then run
 *   BENCH_SKIP_BUILD=1 npx tsx bench/booking.ts   # reuse .next/ when a build exists
 *
 * See bench/README.md for what each scenario measures. Requests go to 127.0.0.1 only.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { E2E } from "../e2e/config";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "../scripts/embedded-pg";
import { startMailCatcher } from "../scripts/mail-catcher";
import { prismaCli } from "../scripts/prisma-cli";

// Ports of their own: CI may be using 54339/54349 (PostgreSQL), 3100 (app) and 2526 (SMTP).
const BENCH = {
  appPort: Number(process.env.BENCH_APP_PORT ?? 3300),
  pgPort: Number(process.env.BENCH_PG_PORT ?? 54600),
  smtpPort: Number(process.env.BENCH_SMTP_PORT ?? 2600),
  dataDir: ".data/postgres-bench",
  database: "haven_bench",
  mailbox: ".data/mail-bench",
  appLog: ".data/bench-app.log",
  get baseUrl() {
    return `http://127.0.0.1:${this.appPort}`;
  },
  /** The e2e production environment (test-only secrets), pointed at this stack. */
  get appEnv(): Record<string, string> {
    return { ...E2E.appEnv, SITE_URL: this.baseUrl, SMTP_URL: `smtp://127.0.0.1:${this.smtpPort}` };
  },
};

const CLIENTS = 50;
const LIST_REQUESTS_PER_CLIENT = 20;
const BASELINE_REQUESTS = 20;
const REQUEST_TIMEOUT_MS = 30_000;
const READY_TIMEOUT_MS = 90_000;

// ---------------------------------------------------------------------------------------------
// Measurement helpers

type Sample = { ms: number; status: number; error?: string };

async function timed(url: string, init: RequestInit = {}): Promise<Sample & { body: string }> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, body };
  } catch (error) {
    return { ms: performance.now() - started, status: 0, error: (error as Error).message, body: "" };
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

type Summary = {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  wallMs: number;
  perSecond: number;
  statuses: Record<string, number>;
};

function summarise(samples: Sample[], wallMs: number): Summary {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples) {
    const key = s.status === 0 ? "network-error" : String(s.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: samples.length,
    min: round(sorted[0] ?? NaN),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? NaN),
    wallMs: Math.round(wallMs),
    perSecond: round(samples.length / (wallMs / 1000)),
    statuses,
  };
}

const SLOT_ATTR = /data-slot="([^"]+)"/g;

/** The open slots /book lists, in page order, without duplicates. */
function slotsFrom(html: string): string[] {
  return [...new Set([...html.matchAll(SLOT_ATTR)].map((m) => m[1]!))];
}

async function openSlots(): Promise<string[]> {
  const page = await timed(`${BENCH.baseUrl}/book`);
  if (page.status !== 200) throw new Error(`GET /book answered ${page.status || page.error}`);
  return slotsFrom(page.body);
}

/** A hold request as the booking form sends it, from its own simulated client IP. */
function hold(slotStart: string, client: { email: string; ip: string }) {
  return timed(`${BENCH.baseUrl}/api/bookings/hold`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Origin: new URL(BENCH.baseUrl).origin,
      "X-Forwarded-For": client.ip,
    },
    body: JSON.stringify({
      slotStart,
      firstName: "Bench",
      email: client.email,
      phone: "",
      contactMethod: "EMAIL",
      note: "",
      consent: true,
      timeZone: "America/New_York",
      website: "",
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Scenarios

type Result = {
  id: string;
  name: string;
  summary: Summary;
  /** Scenario-specific counts (winners, successes, ...). */
  counts: Record<string, number>;
  ok: boolean;
  notes: string[];
};

/** One client, one request at a time: the latency of /book without queueing, for comparison. */
async function scenarioBaseline(): Promise<Result> {
  const samples: Sample[] = [];
  const started = performance.now();
  for (let i = 0; i < BASELINE_REQUESTS; i++) samples.push(await timed(`${BENCH.baseUrl}/book`));
  const errors = samples.filter((s) => s.status !== 200 || s.error).length;
  return {
    id: "A0",
    name: `baseline (GET /book, 1 client × ${BASELINE_REQUESTS}, sequential)`,
    summary: summarise(samples, performance.now() - started),
    counts: { requests: samples.length, errors },
    ok: errors === 0,
    notes: [],
  };
}

async function scenarioListSlots(): Promise<Result> {
  const samples: Sample[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = 0; i < LIST_REQUESTS_PER_CLIENT; i++) {
        const r = await timed(`${BENCH.baseUrl}/book`);
        const ok = r.status === 200 && r.body.includes('data-slot="');
        samples.push({ ms: r.ms, status: r.status, error: ok ? r.error : (r.error ?? "no slots in page") });
      }
    }),
  );
  const summary = summarise(samples, performance.now() - started);
  const errors = samples.filter((s) => s.status !== 200 || s.error).length;
  return {
    id: "A",
    name: `list slots (GET /book, ${CLIENTS} clients × ${LIST_REQUESTS_PER_CLIENT})`,
    summary,
    counts: { requests: samples.length, errors },
    ok: errors === 0,
    notes: errors ? [`${errors} requests failed or returned a page without slots`] : [],
  };
}

async function scenarioOneSlot(): Promise<Result> {
  const slots = await openSlots();
  const target = slots[0];
  if (!target) throw new Error("/book lists no open slots");
  const started = performance.now();
  const samples = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => hold(target, { email: `race-${i}@bench.test`, ip: `10.1.0.${i + 1}` })),
  );
  const summary = summarise(samples, performance.now() - started);
  const winners = samples.filter((s) => s.status === 201).length;
  const conflicts = samples.filter((s) => s.status === 409).length;
  const other = samples.length - winners - conflicts;
  // "taken": the exclusion constraint refused the insert; "unavailable": the slot check inside
  // the transaction already saw the winner's hold.
  const reasons: Record<string, number> = {};
  for (const s of samples.filter((x) => x.status === 409)) {
    let reason = "unparsable";
    try {
      reason = String((JSON.parse(s.body) as { reason?: string }).reason ?? "none");
    } catch {
      /* counted as unparsable */
    }
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  const stillListed = (await openSlots()).includes(target);
  const notes = [`slot ${target}`];
  if (winners !== 1) notes.push(`expected exactly 1 winner, got ${winners}`);
  if (stillListed) notes.push("the held slot is still listed on /book afterwards");
  const firstOther = samples.find((s) => s.status !== 201 && s.status !== 409);
  if (firstOther) notes.push(`first unexpected answer: ${firstOther.status || firstOther.error} ${firstOther.body.slice(0, 200)}`);
  return {
    id: "B",
    name: `one slot, ${CLIENTS} clients (POST /api/bookings/hold)`,
    summary,
    counts: { winners, conflicts409: conflicts, ...Object.fromEntries(Object.entries(reasons).map(([k, v]) => [`409 ${k}`, v])), other },
    ok: winners === 1 && !stillListed,
    notes,
  };
}

async function scenarioDifferentSlots(): Promise<Result> {
  const slots = (await openSlots()).slice(0, CLIENTS);
  if (slots.length === 0) throw new Error("/book lists no open slots");
  const started = performance.now();
  const samples = await Promise.all(
    slots.map((slot, i) => hold(slot, { email: `spread-${i}@bench.test`, ip: `10.2.0.${i + 1}` })),
  );
  const summary = summarise(samples, performance.now() - started);
  const successes = samples.filter((s) => s.status === 201).length;
  const left = new Set(await openSlots());
  const stillListed = slots.filter((slot, i) => samples[i]!.status === 201 && left.has(slot)).length;
  const notes = [`${slots.length} distinct slots requested`];
  if (successes !== slots.length) notes.push(`${slots.length - successes} holds did not succeed`);
  if (stillListed) notes.push(`${stillListed} held slots are still listed on /book afterwards`);
  const firstOther = samples.find((s) => s.status !== 201);
  if (firstOther) notes.push(`first unexpected answer: ${firstOther.status || firstOther.error} ${firstOther.body.slice(0, 200)}`);
  return {
    id: "C",
    name: `different slots, ${slots.length} clients (POST /api/bookings/hold)`,
    summary,
    counts: { requested: slots.length, successes, failures: slots.length - successes },
    ok: successes === slots.length && stillListed === 0,
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// Stack

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

const stack: { pg?: EmbeddedServer; catcher?: { stop(): Promise<void> }; app?: ChildProcess } = {};

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
function stopStack(): Promise<void> {
  stopping ??= (async () => {
    if (stack.app) await stopApp(stack.app).catch((e) => console.error("stopping app:", e));
    await stack.catcher?.stop().catch((e) => console.error("stopping mail catcher:", e));
    await stack.pg?.stop().catch((e) => console.error("stopping PostgreSQL:", e));
  })();
  return stopping;
}

async function startStack() {
  for (const [what, port] of [["app", BENCH.appPort], ["SMTP", BENCH.smtpPort]] as const) {
    if (!(await portFree(port))) throw new Error(`Port ${port} (${what}) is in use; set BENCH_${what === "app" ? "APP" : "SMTP"}_PORT.`);
  }
  let t = performance.now();
  stack.pg = await startEmbeddedPostgres({ dataDir: BENCH.dataDir, port: BENCH.pgPort, fast: true });
  await ensureDatabase(stack.pg, BENCH.database, { recreate: true });
  const databaseUrl = stack.pg.urlFor(BENCH.database);
  prismaCli(["migrate", "deploy"], databaseUrl);
  prismaCli(["db", "seed"], databaseUrl);
  console.log(`PostgreSQL :${BENCH.pgPort} ready, migrated and seeded (${sec(t)})`);

  rmSync(BENCH.mailbox, { recursive: true, force: true });
  stack.catcher = await startMailCatcher({ port: BENCH.smtpPort, dir: BENCH.mailbox });

  // Its own build folder, so the benchmark never disturbs a test run's or a deployment's build.
  const distDir = process.env.NEXT_DIST_DIR ?? ".next-bench";
  const env = { ...process.env, ...BENCH.appEnv, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir };
  const next = path.resolve("node_modules", ".bin", "next");
  const skipBuild = process.env.BENCH_SKIP_BUILD === "1" && existsSync(path.join(distDir, "BUILD_ID"));
  if (process.env.BENCH_SKIP_BUILD === "1" && !skipBuild) console.log(`BENCH_SKIP_BUILD=1 but no build in ${distDir}/: building`);
  let buildSeconds: number | null = null;
  if (!skipBuild) {
    t = performance.now();
    console.log("next build ...");
    const build = spawnSync(next, ["build"], { env, stdio: ["ignore", "inherit", "inherit"] });
    if (build.status !== 0) throw new Error("next build failed");
    buildSeconds = Math.round((performance.now() - t) / 100) / 10;
    console.log(`next build done (${buildSeconds}s)`);
  }

  mkdirSync(path.dirname(BENCH.appLog), { recursive: true });
  const log = createWriteStream(BENCH.appLog);
  t = performance.now();
  const app = spawn(next, ["start", "--hostname", "127.0.0.1", "--port", String(BENCH.appPort)], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  stack.app = app;
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
  console.log(`next start ${BENCH.baseUrl} answering (${sec(t)})`);
  return { buildSeconds, skippedBuild: skipBuild };
}

/** A few untimed requests so that the first measured ones do not pay for module loading. */
async function warmUp() {
  for (let i = 0; i < 5; i++) await timed(`${BENCH.baseUrl}/book`);
  // Invalid body: passes the origin check, loads the route, stores nothing (400).
  const r = await timed(`${BENCH.baseUrl}/api/bookings/hold`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: new URL(BENCH.baseUrl).origin, "X-Forwarded-For": "10.9.9.9" },
    body: "{}",
  });
  if (r.status !== 400) throw new Error(`warm-up hold request answered ${r.status || r.error} (expected 400): ${r.body.slice(0, 200)}`);
}

const sec = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)}s`;

// ---------------------------------------------------------------------------------------------
// Report

function table(results: Result[]): string {
  const rows = results.map((r) => {
    const statuses = Object.entries(r.summary.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(", ");
    const counts = Object.entries(r.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    return `| ${r.id} | ${r.name} | ${r.summary.count} | ${statuses} | ${counts} | ${r.summary.min} | ${r.summary.p50} | ${r.summary.p95} | ${r.summary.p99} | ${r.summary.max} | ${r.summary.perSecond} | ${r.ok ? "pass" : "FAIL"} |`;
  });
  return [
    "| | Scenario | Requests | Statuses | Result | min ms | p50 ms | p95 ms | p99 ms | max ms | req/s | |",
    "| --- | --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows,
  ].join("\n");
}

async function main() {
  const runStarted = performance.now();
  const startedAt = new Date();
  const build = await startStack();
  await warmUp();

  const results: Result[] = [];
  for (const scenario of [scenarioBaseline, scenarioListSlots, scenarioOneSlot, scenarioDifferentSlots]) {
    const t = performance.now();
    const result = await scenario();
    results.push(result);
    console.log(`\n${result.id}: ${result.name} (${sec(t)})`);
    console.log(`  ${result.summary.count} requests; ${JSON.stringify(result.counts)}; statuses ${JSON.stringify(result.summary.statuses)}`);
    console.log(`  min ${result.summary.min} ms, p50 ${result.summary.p50} ms, p95 ${result.summary.p95} ms, p99 ${result.summary.p99} ms, max ${result.summary.max} ms, ${result.summary.perSecond} req/s`);
    for (const note of result.notes) console.log(`  note: ${note}`);
  }

  const markdown = table(results);
  console.log(`\n${markdown}\n`);

  const cpus = os.cpus();
  const report = {
    startedAt: startedAt.toISOString(),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "unknown",
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
    },
    config: { clients: CLIENTS, listRequestsPerClient: LIST_REQUESTS_PER_CLIENT, baseUrl: BENCH.baseUrl, ...build },
    results,
    markdown,
    totalSeconds: Math.round((performance.now() - runStarted) / 100) / 10,
  };
  mkdirSync("bench/results", { recursive: true });
  const file = path.join("bench/results", `booking-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  console.log(`Results written to ${file} (total ${report.totalSeconds}s)`);

  const race = results.find((r) => r.id === "B");
  if (race && race.counts.winners !== 1) {
    console.error(`FAIL: ${race.counts.winners} clients won the same slot (expected exactly 1).`);
    process.exitCode = 1;
  } else if (results.some((r) => !r.ok)) {
    console.error("FAIL: see the notes above.");
    process.exitCode = 1;
  }
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping the benchmark stack`);
    void stopStack().finally(() => process.exit(130));
  });
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopStack();
    // The Prisma CLI and pg pools leave nothing behind, but fetch keep-alive sockets may: exit now.
    process.exit(process.exitCode ?? 0);
  });
