/**
 * Backups end to end, with the real pg_dump and pg_restore: an intake written through the
 * app is backed up by `npm run db:backup`, restored by `npm run db:restore` into a fresh
 * database, and read back through the clinician's dashboard code with the same key; with
 * another key it cannot be read, which is why the key is kept apart from the dump.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, inject, test, vi } from "vitest";
import { generateKeySpec } from "@/lib/platform/crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { prismaCli } from "../scripts/prisma-cli";
import { postgresForPgDump, type BackupTestServer } from "./support/postgres-for-pg-dump";

const KEYS = generateKeySpec("k1");
// The same key id with other key bytes: what a restore with the wrong key looks like.
const WRONG_KEYS = generateKeySpec("k1");
const SOURCE = "haven_backup_source";
const RESTORED = "haven_backup_restored";

let server: BackupTestServer;
let outDir: string;

/** The app's own modules, freshly loaded against `url` with `keys` (env and client are cached per load). */
async function app(url: string, keys: string) {
  const holder = globalThis as { prisma?: PrismaClient };
  await holder.prisma?.$disconnect();
  delete holder.prisma;
  process.env.DATABASE_URL = url;
  process.env.ENCRYPTION_KEYS = keys;
  vi.resetModules();
  const [db, service, dashboard, crypto] = await Promise.all([
    import("@/lib/platform/db"),
    import("@/lib/intake/service"),
    import("@/lib/intake/review"),
    import("@/lib/platform/crypto"),
  ]);
  return { prisma: db.prisma, service, dashboard, DecryptionError: crypto.DecryptionError };
}

function runScript(script: "backup" | "restore", args: string[], databaseUrl: string) {
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(
      path.resolve("node_modules", ".bin", "tsx"),
      ["--conditions=react-server", path.resolve("scripts", `${script}.ts`), ...args],
      {
        env: { ...process.env, DATABASE_URL: databaseUrl, ENCRYPTION_KEYS: KEYS },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, out }));
  });
}

const clinician = { id: "backup-clinician", email: "dr@practice.test", role: "CLINICIAN" as const, sessionId: "backup-test" };

const answers = {
  "about-you": {
    legalName: "Rowan Backupson",
    preferredName: "Ro",
    pronouns: "they/them",
    dateOfBirth: "1991-03-09",
    phone: "(555) 987-6543",
    state: "Virginia",
    emergencyName: "Sam Backupson",
    emergencyRelationship: "Partner",
    emergencyPhone: "+1 555 010 9999",
  },
  "pregnancy-and-postpartum": { situation: "pregnant", dueDate: "2030-04-01", feeding: null },
  "what-brings-you": { concerns: ["anxiety"], whatBrings: "Worry that will not switch off", goals: "Sleep" },
  history: { diagnoses: "", medications: "", trauma: "no", traumaDetails: "" },
  screening: { phq9: [2, 2, 1, 1, 0, 1, 2, 0, 1], phq9Difficulty: 2, gad7: [3, 2, 2, 1, 1, 0, 2] },
  consent: {
    consentTherapy: true,
    consentTelehealth: true,
    privacyNotice: true,
    voicemailOk: false,
    emailOk: true,
    signature: "Rowan Backupson",
  },
};

beforeAll(async () => {
  server = await postgresForPgDump(inject("databaseUrl"));
  outDir = mkdtempSync(path.join(os.tmpdir(), "haven-backups-"));
  await server.createDatabase(SOURCE);
  await server.createDatabase(RESTORED);
  prismaCli(["migrate", "deploy"], server.urlFor(SOURCE));
});

afterAll(async () => {
  await (globalThis as { prisma?: PrismaClient }).prisma?.$disconnect();
  await server?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test("pg_dump older than the server: the backup stops with a clear message", async ({ skip }) => {
  const shared = inject("databaseUrl");
  if (server.dump.major >= 18) skip("pg_dump is new enough for every server here");
  const { code, out } = await runScript("backup", ["--out-dir", outDir], shared);
  expect(code).toBe(1);
  expect(out).toContain(`pg_dump ${server.dump.version} is older than the PostgreSQL 18 server`);
  expect(out).toContain("postgresql-client-18");
  expect(readdirSync(outDir)).toEqual([]);
});

test("an intake survives backup and restore into a fresh database, and only the kept key reads it", async () => {
  // Written through the app, as a client and the clinician would.
  const source = await app(server.urlFor(SOURCE), KEYS);
  const client = await source.prisma.user.create({ data: { email: "backup-client@example.test" } });
  await source.prisma.user.create({ data: { id: clinician.id, email: clinician.email, role: "CLINICIAN" } });
  for (const [step, values] of Object.entries(answers)) {
    expect((await source.service.saveDraft(client.id, step as keyof typeof answers, values)).ok).toBe(true);
  }
  expect(await source.service.submitIntake(client.id)).toEqual({ ok: true, risk: true });
  const listed = await source.dashboard.listIntakes(clinician);
  const intakeId = listed[0]!.id;
  const detail = await source.service.readIntake(intakeId, clinician);
  expect(detail?.scores?.phq9.total).toBe(10);
  expect(listed).toHaveLength(1);

  // Backup.
  const backup = await runScript("backup", ["--out-dir", outDir], server.urlFor(SOURCE));
  expect(backup.code, backup.out).toBe(0);
  const dumps = readdirSync(outDir).filter((name) => name.endsWith(".dump"));
  expect(dumps).toEqual([expect.stringMatching(/^haven-haven_backup_source-\d{8}T\d{6}Z\.dump$/)]);
  const file = path.join(outDir, dumps[0]!);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const digest = createHash("sha256").update(readFileSync(file)).digest("hex");
  expect(backup.out).toContain(`sha256    ${digest}`);
  expect(readFileSync(`${file}.sha256`, "utf8")).toBe(`${digest}  ${dumps[0]}\n`);
  expect(backup.out).toMatch(/key ids\s+k1\b/);
  expect(backup.out).toContain("ENCRYPTION_KEYS");
  expect(backup.out).toContain("NEXTAUTH_SECRET");
  expect(backup.out).not.toContain(server.password);
  // The dump holds ciphertext only.
  expect(readFileSync(file).toString("latin1")).not.toContain("Backupson");

  // Restore into a fresh, different database.
  const restore = await runScript("restore", [file], server.urlFor(RESTORED));
  expect(restore.code, restore.out).toBe(0);
  expect(restore.out).toContain(`into database "${RESTORED}"`);
  expect(restore.out).not.toContain(server.password);

  // A second restore into the now non-empty database is refused unless forced.
  const refused = await runScript("restore", [file], server.urlFor(RESTORED));
  expect(refused.code).toBe(1);
  expect(refused.out).toContain(`database "${RESTORED}"`);
  expect(refused.out).toContain("is not empty");
  expect(refused.out).toContain("--force");

  const restored = await app(server.urlFor(RESTORED), KEYS);
  // Read-back through the dashboard: decrypted answers and scores as they were.
  expect(await restored.dashboard.listIntakes(clinician)).toEqual(listed);
  const again = await restored.service.readIntake(intakeId, clinician);
  expect(again?.answers).toEqual(detail?.answers);
  expect(again?.answers?.["about-you"].legalName).toBe("Rowan Backupson");
  expect(again?.scores).toEqual(detail?.scores);
  expect(again?.urgent).toBe(true);
  // The audit trail came along (the read before the backup, plus the one just made) and is still append-only.
  expect(await restored.prisma.auditEvent.count({ where: { action: "intake.read" } })).toBe(2);
  await expect(restored.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET outcome = 'changed'`)).rejects.toThrow(/append-only/);
  // The double-booking guard came along too.
  const constraints = await restored.prisma.$queryRawUnsafe<{ conname: string }[]>(
    `SELECT conname FROM pg_constraint WHERE conname = 'Booking_no_overlap'`,
  );
  expect(constraints).toHaveLength(1);

  // --force replaces the contents, past the AuditEvent triggers.
  await restored.prisma.$disconnect();
  const forced = await runScript("restore", [file, "--force"], server.urlFor(RESTORED));
  expect(forced.code, forced.out).toBe(0);

  // The same restored data with another key: nothing clinical can be read.
  const wrong = await app(server.urlFor(RESTORED), WRONG_KEYS);
  expect(await wrong.prisma.intake.count()).toBe(1);
  // The list still opens (an unreadable intake must not hide the others) but shows nothing of it.
  expect(await wrong.dashboard.listIntakes(clinician)).toEqual([
    expect.objectContaining({ id: intakeId, unreadable: true, name: null, scores: null }),
  ]);
  await expect(wrong.service.readIntake(intakeId, clinician)).rejects.toBeInstanceOf(wrong.DecryptionError);
});
