/**
 * Issue 16, "production refuses what would weaken it": `next start` of the production build
 * the suite has just made, once with each setting that would weaken a deployment (it must
 * exit and name the variable), and once with a good set (it must start, and decide at run
 * time what the build could not know, such as HSTS). Also what that server logs: one JSON line
 * per event, no stack traces, no query strings, even with the database gone.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { forNext } from "../scripts/server-condition";
import { freePort } from "../tests/support/smtp";
import { E2E } from "./config";

test.describe.configure({ mode: "serial" });

const DEV_KEY = "aGF2ZW4tZGV2LW9ubHkta2V5LW5ldmVyLWluLXByb2Q=";
const REAL_KEY = "cmVhbC1rZXktcmVhbC1rZXktcmVhbC1rZXktcmVhbCE=";

type Started = { port: number; output: () => string; exited: Promise<number | null>; stop: () => Promise<void> };

/** `next start` with the e2e settings, changed by `changes` (undefined removes a variable). */
async function start(changes: Record<string, string | undefined>): Promise<Started> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...E2E.appEnv,
    DATABASE_URL: E2E.databaseUrl,
    SITE_URL: `http://localhost:${port}`,
    // Its own server must not deliver the main suite's emails.
    OUTBOX_WORKER: "off",
    LOG_LEVEL: "info",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const child = spawn(path.resolve("node_modules/.bin/next"), ["start", "--port", String(port)], {
    env: forNext(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    port,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

async function answers(port: number): Promise<boolean> {
  return fetch(`http://localhost:${port}/robots.txt`).then(
    (response) => response.ok,
    () => false,
  );
}

const REFUSED: [string, Record<string, string | undefined>, RegExp][] = [
  ["plain SMTP to a mail server", { SMTP_URL: "smtp://user:pass@smtp.example.test:587" }, /SMTP_URL: sends mail without TLS/],
  ["plain SMTP to this machine, not allowed", { SMTP_ALLOW_PLAINTEXT_LOOPBACK: undefined }, /SMTP_URL: is plain SMTP/],
  ["a TLS check turned off", { SMTP_URL: "smtps://smtp.example.test:465?tls.rejectUnauthorized=false" }, /SMTP_URL: option/],
  ["a 3-byte encryption key", { ENCRYPTION_KEYS: "k1:YWJj" }, /ENCRYPTION_KEYS: Encryption key "k1" must be 32 bytes/],
  ["the development key under another id", { ENCRYPTION_KEYS: `prod:${DEV_KEY}` }, /ENCRYPTION_KEYS: key "prod" is a development key/],
  ["the development key as an older key", { ENCRYPTION_KEYS: `k2:${REAL_KEY},dev:${DEV_KEY}` }, /ENCRYPTION_KEYS: key "dev"/],
  ["a key id used twice", { ENCRYPTION_KEYS: `k1:${REAL_KEY},k1:${REAL_KEY}` }, /ENCRYPTION_KEYS: .*duplicate key id/],
  ["an http SITE_URL", { SITE_URL: "http://practice.example.test" }, /SITE_URL: must be the public https:\/\/ address/],
  [
    "the development secret",
    { NEXTAUTH_SECRET: "haven-development-secret-do-not-use-in-production" },
    /NEXTAUTH_SECRET: is the development default/,
  ],
  ["no clinician address", { CLINICIAN_NOTIFY_EMAIL: undefined }, /CLINICIAN_NOTIFY_EMAIL/],
];

for (const [what, changes, named] of REFUSED) {
  test(`Found: production refuses to start with ${what}, naming the variable`, async () => {
    const server = await start(changes);
    const code = await Promise.race([server.exited, new Promise<"running">((resolve) => setTimeout(() => resolve("running"), 30_000))]);
    await server.stop();
    expect(code, server.output()).not.toBe("running");
    expect(code).not.toBe(0);
    expect(server.output()).toMatch(named);
    // The refusal names the problem; it never prints the values of secrets or keys.
    expect(server.output()).not.toContain(DEV_KEY);
    expect(server.output()).not.toContain("user:pass");
  });
}

test("with a good set it starts, and HSTS is decided by where it runs, not by the build", async () => {
  // The build was made with an http SITE_URL; this server is told it is served over https.
  const server = await start({ SITE_URL: "https://haven.example.test" });
  try {
    await expect.poll(() => answers(server.port), { timeout: 30_000, message: server.output() }).toBe(true);
    const page = await fetch(`http://localhost:${server.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    // robots.txt names the sitemap at the address this server was given, not the build's.
    expect(await (await fetch(`http://localhost:${server.port}/robots.txt`)).text()).toContain(
      "Sitemap: https://haven.example.test/sitemap.xml",
    );
  } finally {
    await server.stop();
  }
  // The main e2e server, with its http://localhost address, sends none.
  const local = await fetch(`${E2E.baseUrl}/`);
  expect(local.headers.get("strict-transport-security")).toBeNull();
});

test("Found: with the database gone, what Next.js, next-auth and Prisma report is logged as JSON lines, without stacks or query strings", async () => {
  const closed = await freePort();
  const server = await start({ DATABASE_URL: `postgresql://haven:haven@127.0.0.1:${closed}/haven`, DB_CONNECT_TIMEOUT_MS: "500" });
  try {
    await expect.poll(() => answers(server.port), { timeout: 30_000, message: server.output() }).toBe(true);
    const base = `http://localhost:${server.port}`;
    // A page, an article, a sign-in link request and a portal address with a typed value in its query.
    await fetch(`${base}/articles/a-difficult-connection`);
    await fetch(`${base}/signin?email=canary.query%40example.test&password=CANARY-PASSWORD`);
    await fetch(`${base}/portal?note=CANARY-NOTE`);
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    await fetch(`${base}/api/auth/signin/email`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: base },
      body: new URLSearchParams({ email: "canary.signin@example.test", csrfToken, json: "true" }),
    });
    await expect.poll(() => server.output(), { timeout: 10_000 }).toMatch(/"event":"(request\.failed|library\.error|auth\.error)"/);
  } finally {
    await server.stop();
  }
  const lines = server
    .output()
    // Next.js colours its banner.
    .replace(/\u001b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((line) => line.trim() !== "");
  // Next.js's own start-up banner ("▲ Next.js 16", "- Local: …", "✓ Ready in …") is not a log.
  const logs = lines.filter((line) => !/^\s*(▲|- |✓ )/.test(line));
  for (const line of logs) {
    expect(() => JSON.parse(line), `not a JSON line: ${line}`).not.toThrow();
  }
  const text = logs.join("\n");
  test.info().attachments.push({ name: "server output", contentType: "text/plain", body: Buffer.from(text) });
  expect(text).not.toMatch(/\\n\s+at |node_modules|\.next\/server/);
  for (const canary of ["canary.query", "CANARY-PASSWORD", "CANARY-NOTE", "canary.signin"]) expect(text).not.toContain(canary);
  expect(text).toMatch(/"event":"http\.request".*"path":"\/signin"/);
});
