/**
 * `npm run db:backup [-- --out-dir DIR]`: dumps the database in DATABASE_URL (in development
 * without it: the `npm run dev` database) with `pg_dump --format=custom` into a timestamped
 * file readable only by its owner, checks that pg_restore can read it, and prints its size
 * and SHA-256. See docs/BACKUPS.md.
 *
 * The dump holds the encrypted fields as ciphertext. The keys that decrypt them
 * (ENCRYPTION_KEYS) and NEXTAUTH_SECRET are not in it and must be kept elsewhere.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, createWriteStream, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import {
  BackupError,
  connectionFor,
  encryptionKeyIds,
  findTool,
  formatBytes,
  requireDumpCanRead,
  resolveTarget,
  runMain,
  scrub,
  serverMajorVersion,
} from "./pg-tools";

const USAGE = `Usage: npm run db:backup [-- --out-dir DIR]

Backs up the database in DATABASE_URL (in development without it: the npm run dev database)
into DIR (default: $BACKUP_DIR, else ./backups) as haven-<database>-<UTC time>.dump.`;

/** 20301127T091500Z: sorts by time, and is valid in file names everywhere. */
function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

async function main() {
  const { values } = parseArgs({
    options: { "out-dir": { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const outDir = path.resolve(values["out-dir"] ?? process.env.BACKUP_DIR ?? "backups");
  // Everything this process creates (folder, dump, checksum) is private to its owner.
  process.umask(0o077);

  const target = await resolveTarget({ purpose: "backup" });
  try {
    const connection = connectionFor(target.url);
    const dump = findTool("pg_dump");
    const restore = findTool("pg_restore");
    requireDumpCanRead(dump, await serverMajorVersion(target.url, connection.password));

    console.log(`▸ Backing up ${target.description} with pg_dump ${dump.version}…`);
    mkdirSync(outDir, { recursive: true, mode: 0o700 });
    const file = path.join(outDir, `haven-${target.database.replace(/[^A-Za-z0-9_-]/g, "_")}-${stamp(new Date())}.dump`);
    // Written under a temporary name: a file with the final name is always complete.
    const partial = `${file}.partial`;

    const hash = createHash("sha256");
    const child = spawn(dump.path, ["--format=custom", "--no-password", `--dbname=${connection.dbname}`], {
      env: connection.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", resolve);
    });
    // Awaited after the output is written; until then a spawn failure must not go unhandled.
    exited.catch(() => {});
    try {
      await pipeline(
        child.stdout,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            hash.update(chunk);
            yield chunk;
          }
        },
        // "wx": never overwrite an existing file; 0600 from the first byte, not chmod-ed later.
        createWriteStream(partial, { flags: "wx", mode: 0o600 }),
      );
      const code = await exited;
      if (code !== 0) throw new BackupError(`pg_dump failed (exit code ${code}):\n${scrub(stderr.trim(), connection.password)}`);
      chmodSync(partial, 0o600);

      const listed = spawnSync(restore.path, ["--list", partial], { encoding: "utf8" });
      if (listed.status !== 0) {
        throw new BackupError(`The dump could not be verified: pg_restore --list failed:\n${listed.stderr.trim()}`);
      }
      if (!/TABLE DATA \S+ _prisma_migrations/.test(listed.stdout)) {
        throw new BackupError(`The dump holds no _prisma_migrations table: ${target.description} does not look like Haven's database.`);
      }
      renameSync(partial, file);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }

    const digest = hash.digest("hex");
    writeFileSync(`${file}.sha256`, `${digest}  ${path.basename(file)}\n`, { mode: 0o600 });
    const keyIds = await encryptionKeyIds(target.url);
    const relative = path.relative(process.cwd(), file);
    const shown = relative.startsWith("..") ? file : relative;

    console.log(`\n✔ Backup written and verified (pg_restore --list reads it)
    file      ${shown}  (mode 0600)
    size      ${formatBytes(statSync(file).size)}
    sha256    ${digest}  (also in ${path.basename(file)}.sha256; check with: sha256sum -c)
    key ids   ${keyIds.length ? keyIds.join(", ") : "none yet (no encrypted data)"}  (the encryption keys this data needs)

! NOT in the dump, and kept separately (password manager or secrets store, never beside the dump):
    ENCRYPTION_KEYS   with the key ids above: without them the intake answers, notes, names and
                      phone numbers in this dump can never be read
    NEXTAUTH_SECRET   without it everyone signs in again after a restore; no data is lost
  Store the dump itself encrypted, and keep a copy off-site. See docs/BACKUPS.md.`);
    if (!process.env.DATABASE_URL && !process.env.ENCRYPTION_KEYS) {
      console.log("  (Development: npm run dev keeps its key in .data/dev-encryption-keys.)");
    }
  } finally {
    await target.close();
  }
}

runMain(main);
