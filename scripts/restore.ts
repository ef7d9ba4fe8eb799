/**
 * `npm run db:restore -- FILE [--force]`: restores a dump made by `npm run db:backup` into the
 * database in DATABASE_URL (in development without it: the `npm run dev` database).
 *
 * It refuses a database that already holds tables unless --force is given, and restores in
 * one transaction: a restore that fails leaves the database as it was. See docs/BACKUPS.md.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import pg from "pg";
import { BackupError, connectionFor, encryptionKeyIds, findTool, resolveTarget, runMain, scrub } from "./pg-tools";

const USAGE = `Usage: npm run db:restore -- FILE [--force]

Restores FILE (made by npm run db:backup) into the database in DATABASE_URL (in development
without it: the npm run dev database). The database must be empty, unless --force is given:
then every object that the dump holds is dropped and recreated from the dump.`;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/** Tables, views and sequences outside the system schemas. */
async function existingRelations(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
          -- Objects of extensions that a hosting provider installs in every new database.
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY c.relkind = 'S', 1`,
    );
    return rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

async function summary(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: string[] = [];
    for (const table of ["User", "Booking", "Intake", "AuditEvent", "Article"]) {
      const { rows } = await client
        .query<{ n: string }>(`SELECT count(*) AS n FROM public.${client.escapeIdentifier(table)}`)
        .catch(() => ({ rows: [] }));
      if (rows[0]) counts.push(`${table} ${rows[0].n}`);
    }
    const { rows: migration } = await client
      .query<{ migration_name: string }>(
        `SELECT migration_name FROM public._prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name DESC LIMIT 1`,
      )
      .catch(() => ({ rows: [] as { migration_name: string }[] }));
    return `    rows      ${counts.join(", ") || "(no Haven tables found)"}\n    schema    latest migration ${migration[0]?.migration_name ?? "unknown"}`;
  } finally {
    await client.end();
  }
}

function configuredKeyIds(): string[] | undefined {
  const spec = process.env.ENCRYPTION_KEYS;
  return spec ? spec.split(",").map((entry) => entry.split(":")[0]!.trim()) : undefined;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { force: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1) throw new BackupError(`Name one dump file to restore.\n\n${USAGE}`);
  const file = path.resolve(positionals[0]!);
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`${file} does not exist or is not a file.`);

  const checksumFile = `${file}.sha256`;
  if (existsSync(checksumFile)) {
    const expected = readFileSync(checksumFile, "utf8").trim().split(/\s+/)[0];
    if ((await sha256Of(file)) !== expected) {
      throw new BackupError(
        `${path.basename(file)} does not match its checksum in ${path.basename(checksumFile)}: the file is damaged or was changed. Nothing was restored.`,
      );
    }
    console.log(`▸ Checksum matches ${path.basename(checksumFile)}.`);
  } else {
    console.log(`▸ No ${path.basename(checksumFile)} beside the dump: its checksum was not checked.`);
  }

  const restore = findTool("pg_restore");
  const listed = spawnSync(restore.path, ["--list", file], { encoding: "utf8" });
  if (listed.status !== 0) {
    throw new BackupError(
      `pg_restore ${restore.version} cannot read ${path.basename(file)}:\n${listed.stderr.trim()}\n` +
        `(A dump made by a newer pg_dump needs a pg_restore at least as new; set PG_BIN_DIR to choose one.)`,
    );
  }

  const target = await resolveTarget({ purpose: "restore" });
  try {
    const connection = connectionFor(target.url);
    console.log(`▸ Restoring ${path.basename(file)} into ${target.description}…`);

    const existing = await existingRelations(target.url);
    if (existing.length > 0 && !values.force) {
      const examples = existing.slice(0, 5).join(", ") + (existing.length > 5 ? ", …" : "");
      throw new BackupError(
        `The target, ${target.description}, is not empty: it holds ${existing.length} tables, views or sequences (${examples}).\n` +
          `Nothing was restored. Restore into a new, empty database, or, to replace what this database holds\n` +
          `with the dump, run again with --force.`,
      );
    }

    const args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password"];
    // Drops the dump's objects before recreating them; the AuditEvent triggers guard UPDATE,
    // DELETE and TRUNCATE, not DROP, so they do not stand in the way.
    if (existing.length > 0) args.push("--clean", "--if-exists");
    if (existing.length > 0) console.log(`▸ --force: replacing the ${existing.length} objects that are there.`);
    const result = spawnSync(restore.path, [...args, `--dbname=${connection.dbname}`, file], { env: connection.env, encoding: "utf8" });
    if (result.status !== 0) {
      throw new BackupError(
        `pg_restore failed (exit code ${result.status}); the restore ran in one transaction, so the database is unchanged:\n` +
          scrub(`${result.stderr}${result.stdout}`.trim(), connection.password),
      );
    }

    const needed = await encryptionKeyIds(target.url);
    const configured = configuredKeyIds();
    console.log(`\n✔ Restored ${path.basename(file)} into ${target.description}\n${await summary(target.url)}`);
    console.log(`    key ids   ${needed.length ? needed.join(", ") : "none (no encrypted data)"}  (the encryption keys this data needs)`);
    const missing = configured ? needed.filter((id) => !configured.includes(id)) : [];
    if (!configured && needed.length > 0) {
      console.log(
        `\n! Start the app with ENCRYPTION_KEYS holding the key${needed.length === 1 ? "" : "s"} ${needed.join(", ")} from when the backup was made.`,
      );
    } else if (missing.length > 0) {
      console.log(
        `\n! ENCRYPTION_KEYS here lacks the key id${missing.length === 1 ? "" : "s"} ${missing.join(", ")}: the encrypted fields cannot be read until ${missing.length === 1 ? "it is" : "they are"} added.`,
      );
    }
    console.log(`\nNext: if this app is newer than the backup, apply its migrations (npx prisma migrate deploy), then start it.`);
  } finally {
    await target.close();
  }
}

runMain(main);
