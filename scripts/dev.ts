/**
 * `npm run dev`: everything a new contributor needs in one command. Without DATABASE_URL it
 * starts an embedded PostgreSQL (data kept in .data/postgres), applies the migrations, seeds
 * an empty database, then runs `next dev`.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { EmbeddedPgError, ensureDatabase, startEmbeddedPostgres, type EmbeddedServer } from "./embedded-pg";
import { generateKeySpec } from "../lib/platform/crypto";
import { startMailCatcher } from "./mail-catcher";
import { prismaCli } from "./prisma-cli";

/** A field-encryption key for this checkout only, kept with the development database. */
function localEncryptionKeys(): string {
  const file = path.resolve(".data", "dev-encryption-keys");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, generateKeySpec("local1") + "\n", { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function isEmpty(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "PracticeSettings"');
    return rows[0]?.n === "0";
  } finally {
    await client.end();
  }
}

const DEMO_PASSWORD = "haven-demo-clinician";

/** Development: a demo clinician with a known password and authenticator key, printed. */
async function printDemoClinician(port: string) {
  const { ensureClinicianAccount, hasCompletedSetup, setDemoCredentials } = await import("../lib/auth/clinician");
  const { env } = await import("../lib/platform/env");
  const account = await ensureClinicianAccount(env().CLINICIAN_NOTIFY_EMAIL);
  const secretFile = path.resolve(".data", "dev-clinician-totp");
  if (!existsSync(secretFile) || !(await hasCompletedSetup(account.id))) {
    const { newTotpSecret } = await import("../lib/auth/totp");
    writeFileSync(secretFile, newTotpSecret() + "\n", { mode: 0o600 });
    await setDemoCredentials(account.id, DEMO_PASSWORD, readFileSync(secretFile, "utf8").trim());
  }
  const secret = readFileSync(secretFile, "utf8").trim();
  console.log(`▸ Demo clinician (development only): http://localhost:${port}/dashboard/signin`);
  console.log(`    email ${account.email} · password ${DEMO_PASSWORD}`);
  console.log(`    authenticator key ${secret} (or print the current code with: npm run clinician:code)`);
}

async function main() {
  let databaseUrl = process.env.DATABASE_URL;
  let server: EmbeddedServer | undefined;

  if (!databaseUrl) {
    const port = Number(process.env.HAVEN_PG_PORT ?? 54329);
    console.log(`▸ Starting the embedded PostgreSQL on 127.0.0.1:${port} (data in .data/postgres)…`);
    server = await startEmbeddedPostgres({ dataDir: ".data/postgres", port });
    await ensureDatabase(server, "haven");
    databaseUrl = server.urlFor("haven");
  } else {
    console.log("▸ Using the database in DATABASE_URL.");
  }

  console.log("▸ Applying migrations…");
  prismaCli(["migrate", "deploy"], databaseUrl);
  if (await isEmpty(databaseUrl)) {
    console.log("▸ Empty database: adding the sample data…");
    prismaCli(["db", "seed"], databaseUrl);
  }

  const port = process.env.PORT ?? "3000";
  const extraEnv: Record<string, string> = {};
  if (!process.env.ENCRYPTION_KEYS) extraEnv.ENCRYPTION_KEYS = localEncryptionKeys();
  Object.assign(process.env, extraEnv, { DATABASE_URL: databaseUrl });
  await printDemoClinician(port);
  let catcher: { stop(): Promise<void> } | undefined;
  if (!process.env.SMTP_URL) {
    const smtpPort = Number(process.env.HAVEN_SMTP_PORT ?? 2525);
    const mailbox = path.resolve(".data", "mail");
    catcher = await startMailCatcher({ port: smtpPort, dir: mailbox });
    extraEnv.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
    extraEnv.HAVEN_DEV_MAILBOX = mailbox;
    console.log(`▸ No SMTP_URL: catching emails on 127.0.0.1:${smtpPort}; read them at http://localhost:${port}/dev/mail`);
  }

  console.log(`▸ Starting Next.js on http://localhost:${port}\n`);
  const next = spawn(path.resolve("node_modules", ".bin", "next"), ["dev", "--port", port], {
    stdio: "inherit",
    env: { ...process.env, ...extraEnv, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" },
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await catcher?.stop().catch(() => {});
    await server?.stop().catch(() => {});
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof EmbeddedPgError ? `\n✖ ${error.message}\n` : error);
  process.exit(1);
});
