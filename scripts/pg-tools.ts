/**
 * Shared by `npm run db:backup` and `npm run db:restore`: which database to use, which
 * pg_dump / pg_restore to run, and how to hand them the connection without the password
 * ever appearing on a command line (visible in `ps`) or in what is printed.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { EmbeddedPgError, embeddedUrl, ensureDatabase, startEmbeddedPostgres } from "./embedded-pg";

/** A failure the operator can act on: printed as its message alone, without a stack. */
export class BackupError extends Error {}

export type Target = {
  /** Full connection URL, password included: pass it only to code, never to output. */
  url: string;
  database: string;
  /** What is printed instead of the URL, e.g. `database "haven" on db.internal:5432 as haven`. */
  description: string;
  /** Stops the development database if this run had to start it. */
  close(): Promise<void>;
};

// Connection parameters libpq understands. Others that DATABASE_URL may carry for Prisma or
// the pg driver (schema, connection_limit, pgbouncer…) make libpq refuse the URL.
const LIBPQ_PARAMS = new Set([
  "host",
  "hostaddr",
  "port",
  "sslmode",
  "sslrootcert",
  "sslcert",
  "sslkey",
  "sslcrl",
  "sslnegotiation",
  "sslcompression",
  "sslsni",
  "requiressl",
  "channel_binding",
  "gssencmode",
  "krbsrvname",
  "gsslib",
  "connect_timeout",
  "application_name",
  "options",
  "target_session_attrs",
  "keepalives",
  "keepalives_idle",
  "keepalives_interval",
  "keepalives_count",
  "tcp_user_timeout",
  "service",
]);

type Connection = {
  /** For `--dbname=`: the URL without its password. */
  dbname: string;
  /** The password travels in the child's environment (PGPASSWORD) only. */
  env: NodeJS.ProcessEnv;
  password: string;
  database: string;
  description: string;
};

export function connectionFor(url: string): Connection {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new BackupError("DATABASE_URL is not a valid postgresql:// URL.");
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new BackupError("DATABASE_URL must be a postgresql:// URL.");
  const password = decodeURIComponent(parsed.password);
  const user = decodeURIComponent(parsed.username) || process.env.PGUSER || "(default user)";
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || user;
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) {
    if (!LIBPQ_PARAMS.has(key)) parsed.searchParams.delete(key);
  }
  const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
  const port = parsed.port || "5432";
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return {
    dbname: parsed.toString(),
    env,
    password,
    database,
    description: `database "${database}" on ${host}:${port} as ${user}`,
  };
}

/** Removes the password from text that came back from a tool or a driver, just in case. */
export function scrub(text: string, password: string): string {
  return password ? text.split(password).join("***") : text;
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const DEV_DATA_DIR = ".data/postgres";
const DEV_DATABASE = "haven";

/**
 * DATABASE_URL when set. Otherwise, outside production, the development database of
 * `npm run dev`: the running one, or started here for the duration of the command.
 */
export async function resolveTarget({ purpose }: { purpose: "backup" | "restore" }): Promise<Target> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    const connection = connectionFor(fromEnv);
    return { url: fromEnv, database: connection.database, description: connection.description, close: async () => {} };
  }
  if (process.env.NODE_ENV === "production") {
    throw new BackupError("DATABASE_URL is not set. In production it must name the database to " + purpose + ".");
  }

  const port = Number(process.env.HAVEN_PG_PORT ?? 54329);
  const url = embeddedUrl(port, DEV_DATABASE);
  const description = `the development database "${DEV_DATABASE}" (embedded PostgreSQL on 127.0.0.1:${port}, data in ${DEV_DATA_DIR})`;
  if (await reachable(url)) return { url, database: DEV_DATABASE, description, close: async () => {} };

  if (purpose === "backup" && !existsSync(path.join(DEV_DATA_DIR, "PG_VERSION"))) {
    throw new BackupError(`There is no development database in ${DEV_DATA_DIR} to back up. Set DATABASE_URL to back up another one.`);
  }
  const server = await startEmbeddedPostgres({ dataDir: DEV_DATA_DIR, port });
  await ensureDatabase(server, DEV_DATABASE);
  return { url, database: DEV_DATABASE, description: `${description}, started for this command`, close: () => server.stop() };
}

export type Tool = { path: string; version: string; major: number };

/** How to get the client tools, of `major` (the server's) or newer when it is known. */
export function installHint(name: string, major?: number): string {
  const version = major ? `version ${major} or newer` : "of your server's major version or newer";
  const debian = major ? `postgresql-client-${major}` : "postgresql-client";
  return (
    `Install PostgreSQL's client tools, ${version}:\n` +
    `  Debian/Ubuntu:  apt-get install ${debian}   (newer majors than your release has: from the PostgreSQL project's apt repository)\n` +
    `  macOS:          brew install postgresql@${major ?? 18}\n` +
    `or set PG_BIN_DIR to the folder that holds ${name}.`
  );
}

/** pg_dump or pg_restore from PG_BIN_DIR when set, else from PATH, with its version. */
export function findTool(name: "pg_dump" | "pg_restore"): Tool {
  const dir = process.env.PG_BIN_DIR;
  const bin = dir ? path.join(dir, name) : name;
  const result = spawnSync(bin, ["--version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) {
    throw new BackupError(`${name} was not found${dir ? ` in PG_BIN_DIR (${dir})` : " on PATH"}.\n${installHint(name)}`);
  }
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(result.stdout);
  if (!match) throw new BackupError(`Could not read the version of ${name} from: ${result.stdout.trim()}`);
  return { path: bin, version: match[1] + (match[2] ? `.${match[2]}` : ""), major: Number(match[1]) };
}

export async function serverMajorVersion(url: string, password: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version_num: string }>("SHOW server_version_num");
    return Math.floor(Number(rows[0]!.server_version_num) / 10_000);
  } catch (error) {
    throw new BackupError(`Could not connect to the database: ${scrub((error as Error).message, password)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * pg_dump refuses a server of a newer major version than its own, with a message that does
 * not say what to do; this says it first.
 */
export function requireDumpCanRead(dump: Tool, serverMajor: number) {
  if (dump.major < serverMajor) {
    throw new BackupError(
      `pg_dump ${dump.version} is older than the PostgreSQL ${serverMajor} server, and pg_dump cannot back up a newer server.\n` +
        installHint("pg_dump", serverMajor),
    );
  }
}

/**
 * The key ids that the encrypted columns (every text column named …Enc) were written with.
 * Not secret, and exactly the keys that must be kept for as long as this data or a backup
 * of it exists.
 */
export async function encryptionKeyIds(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name LIKE '%Enc' AND data_type = 'text'`,
    );
    if (columns.length === 0) return [];
    const parts = columns.map(({ table_name, column_name }) => {
      const column = client.escapeIdentifier(column_name);
      return `SELECT DISTINCT split_part(${column}, '.', 2) AS id FROM public.${client.escapeIdentifier(table_name)} WHERE ${column} LIKE 'v1.%'`;
    });
    const { rows } = await client.query<{ id: string }>(`SELECT DISTINCT id FROM (${parts.join(" UNION ")}) ids ORDER BY id`);
    return rows.map((row) => row.id);
  } finally {
    await client.end();
  }
}

export function formatBytes(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]} (${bytes.toLocaleString("en")} bytes)`;
}

/** Runs the command-line entry point, printing a BackupError as a plain message. */
export function runMain(main: () => Promise<void>) {
  main().catch((error: unknown) => {
    let password = "";
    try {
      password = process.env.DATABASE_URL ? decodeURIComponent(new URL(process.env.DATABASE_URL).password) : "";
    } catch {
      // An unparseable URL was already reported as such.
    }
    const known = error instanceof BackupError || error instanceof EmbeddedPgError;
    const text = known ? `\n✖ ${(error as Error).message}\n` : error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(scrub(text, password));
    process.exit(1);
  });
}
