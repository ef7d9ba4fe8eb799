/**
 * Real processes for the fault drills, apart from the main e2e server: an embedded
 * PostgreSQL of their own, the SMTP sink, and one or more `next start` of the production
 * build already in .next, each with its own port and environment.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "../../scripts/embedded-pg";
import { prismaCli } from "../../scripts/prisma-cli";
import { forNext, SERVER_CONDITION } from "../../scripts/server-condition";
import { freePort } from "../../tests/support/smtp";
import { E2E } from "../config";

const DATA_DIR = ".data/postgres-faults";
const DATABASE = "haven_faults";

export async function portFromEnv(name: string): Promise<number> {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : freePort();
}

/** The database server, restartable on the same port and data. */
export class Database {
  private server: EmbeddedServer | undefined;
  constructor(readonly port: number) {}

  get url() {
    return `postgresql://haven:haven-local-dev@127.0.0.1:${this.port}/${DATABASE}`;
  }

  async create(): Promise<void> {
    rmSync(DATA_DIR, { recursive: true, force: true });
    await this.start();
    await ensureDatabase(this.server!, DATABASE, { recreate: true });
    prismaCli(["migrate", "deploy"], this.url);
    prismaCli(["db", "seed"], this.url);
  }

  async start(): Promise<void> {
    this.server ??= await startEmbeddedPostgres({ dataDir: DATA_DIR, port: this.port, fast: true });
  }

  /** A fast shutdown (SIGINT): PostgreSQL ends every session, as in a restart or failover. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.stop();
  }
}

export type AppOptions = { port: number; databaseUrl: string; smtpUrl: string; env?: Record<string, string> };

/** One `next start` process; its output is kept for checks (no crash, no unhandled rejection). */
export class App {
  private child: ChildProcess | undefined;
  output = "";
  exits: { code: number | null; signal: NodeJS.Signals | null }[] = [];

  constructor(readonly options: AppOptions) {}

  get url() {
    return `http://localhost:${this.options.port}`;
  }

  get running() {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ...E2E.appEnv,
      SITE_URL: this.url,
      DATABASE_URL: this.options.databaseUrl,
      SMTP_URL: this.options.smtpUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      // Short enough for drills that finish in seconds; the defaults are minutes.
      OUTBOX_POLL_MS: "250",
      OUTBOX_LEASE_MS: "2000",
      OUTBOX_RETRY_BASE_MS: "250",
      DB_CONNECT_TIMEOUT_MS: "2000",
      DB_STATEMENT_TIMEOUT_MS: "5000",
      ...this.options.env,
    };
  }

  async start(): Promise<void> {
    const next = path.resolve("node_modules", ".bin", "next");
    const child = spawn(next, ["start", "--port", String(this.options.port)], {
      env: forNext(this.env()),
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    child.on("exit", (code, signal) => this.exits.push({ code, signal }));
    this.child = child;
    for (;;) {
      if (!this.running) throw new Error(`next start exited:\n${this.output}`);
      const ok = await fetch(`${this.url}/robots.txt`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGKILL: no shutdown hooks, no chance to mark anything as sent. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  async stop(): Promise<void> {
    await this.signal("SIGTERM");
  }

  private async signal(signal: NodeJS.Signals) {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
  }

  /** Runs a script of the repo with this app's environment (e.g. to seed data). */
  runScript(script: string, args: string[]): void {
    const tsx = path.resolve("node_modules", ".bin", "tsx");
    const result = spawnSync(tsx, [SERVER_CONDITION, script, ...args], { env: this.env(), encoding: "utf8" });
    if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}${result.stderr}`);
  }
}
