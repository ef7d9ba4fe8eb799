/**
 * Fault drills (issue 6, "Faults survived, nothing lost"), with real processes: an
 * embedded PostgreSQL, an SMTP sink and `next start` of the production build, all of
 * their own, so the main e2e server is never disturbed. The drills run in order on one
 * stack; the SMTP drill relies on the outbox worker having lived through the database
 * restart before it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { E2E } from "./config";
import { SmtpSink, type Received } from "./faults/smtp-sink";
import { Nginx } from "./faults/nginx";
import { App, Database, portFromEnv } from "./faults/stack";

test.describe.configure({ mode: "serial" });

let db: Database;
let sink: SmtpSink;
let appA: App;
let appB: App | undefined;
let nginx: Nginx | undefined;
let sql: pg.Client;

const FRIENDLY = "Something went wrong on our side";
const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

async function connectSql(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: db.url });
  // A database restart ends this session too; the drill reconnects afterwards.
  client.on("error", () => {});
  await client.connect();
  return client;
}

async function outboxIds(): Promise<Set<string>> {
  const { rows } = await sql.query<{ id: string }>(`SELECT id FROM "OutboxEmail"`);
  return new Set(rows.map((r) => r.id));
}

type OutboxRow = { id: string; kind: string; messageId: string; status: string; attempts: number; lastError: string | null };

async function outboxRows(ids?: Set<string>, exclude?: Set<string>): Promise<OutboxRow[]> {
  const { rows } = await sql.query<OutboxRow>(`SELECT id, kind, "messageId", status::text, attempts, "lastError" FROM "OutboxEmail"`);
  return rows.filter((r) => (!ids || ids.has(r.id)) && (!exclude || !exclude.has(r.id)));
}

/** Waits until every email due now (reminders are for later) among `rows()` is SENT. */
async function waitAllSent(rows: () => Promise<OutboxRow[]>) {
  await expect
    .poll(
      async () =>
        (await rows()).filter((r) => r.status !== "SENT" && r.kind !== "booking.reminder.client").map((r) => `${r.kind}:${r.status}`),
      {
        timeout: 30_000,
      },
    )
    .toEqual([]);
}

/** Every SENT row arrived exactly once, and nothing else arrived. */
function expectExactlyOnce(rows: OutboxRow[], received: Received[]) {
  const sent = rows.filter((r) => r.status === "SENT");
  expect(sent.map((r) => [r.kind, received.filter((m) => m.messageId === r.messageId).length])).toEqual(sent.map((r) => [r.kind, 1]));
  expect(received).toHaveLength(sent.length);
}

/** next-auth's email sign-in, as the browser's signIn("email") posts it. */
async function requestSignInLink(app: App, email: string, ip: string): Promise<{ status: number; url?: string }> {
  const csrf = await fetch(`${app.url}/api/auth/csrf`, { headers: { "x-forwarded-for": ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${app.url}/api/auth/signin/email`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: app.url, "x-forwarded-for": ip },
    body: new URLSearchParams({ email, csrfToken, callbackUrl: `${app.url}/portal`, json: "true" }),
  });
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  return { status: response.status, url: body.url };
}

function postHold(app: App, ip: string, body: unknown = {}) {
  return fetch(`${app.url}/api/bookings/hold`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.url, "x-forwarded-for": ip },
    body: JSON.stringify(body),
  });
}

async function signInClient(page: Page, app: App, userId: string) {
  const sid = randomBytes(32).toString("base64url");
  await sql.query(`INSERT INTO "Session" (id, "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 hour')`, [sid, userId]);
  const token = await encode({ token: { sub: userId, sid }, secret: E2E.appEnv.NEXTAUTH_SECRET! });
  await page.context().addCookies([{ name: "next-auth.session-token", value: token, url: app.url, httpOnly: true, sameSite: "Lax" }]);
}

function expectNoCrash(app: App) {
  expect(app.running).toBe(true);
  expect(app.output).not.toMatch(/unhandledRejection|uncaughtException|FATAL/i);
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  db = new Database(await portFromEnv("HAVEN_FAULTS_PG_PORT"));
  await db.create();
  sql = await connectSql();
  sink = new SmtpSink(await portFromEnv("HAVEN_FAULTS_SMTP_PORT"));
  await sink.up();
  appA = new App({ port: await portFromEnv("HAVEN_FAULTS_APP_PORT"), databaseUrl: db.url, smtpUrl: sink.url });
  await appA.start();
});

test.afterAll(async () => {
  // Each step on its own: one failure must not leave a server running.
  await nginx?.stop().catch(() => {});
  await appB?.stop().catch(() => {});
  await appA?.stop().catch(() => {});
  await sql?.end().catch(() => {});
  await sink?.down().catch(() => {});
  await db?.stop().catch(() => {});
});

test("PostgreSQL restarted with requests in flight: they fail with a friendly page or a 503, then the same app serves again", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  // A client halfway through the intake, whose autosave (a server action) meets the outage.
  const intakePage = await (await browser.newContext()).newPage();
  const clientId = randomUUID();
  await sql.query(`INSERT INTO "User" (id, email, role) VALUES ($1, $2, 'CLIENT')`, [clientId, `pg-drill-${unique()}@example.test`]);
  await signInClient(intakePage, appA, clientId);
  await intakePage.goto(`${appA.url}/portal/intake/about-you`);
  const preferredName = intakePage.getByLabel(/Name you would like us to use/);
  await expect(preferredName).toBeVisible();

  // Hold every request at the database: the practice details (read by every public page)
  // and the rate-limit counters (the first thing a hold request touches) are locked.
  const locker = await connectSql();
  await locker.query("BEGIN");
  await locker.query(`LOCK TABLE "PracticeSettings", rate_limit IN ACCESS EXCLUSIVE MODE`);

  const navigation = page.goto(`${appA.url}/book`);
  const hold = postHold(appA, "203.0.113.7");
  await expect
    .poll(async () => {
      const { rows } = await sql.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      return rows[0].n as number;
    })
    .toBeGreaterThanOrEqual(2);

  // Fast shutdown, as in a restart or a failover: PostgreSQL ends every session at once.
  await db.stop();
  await locker.end().catch(() => {});

  const held = await hold;
  expect(held.status).toBe(503);
  expect(held.headers.get("content-type")).toContain("application/json");
  expect(((await held.json()) as { error: string }).error).toContain(FRIENDLY);

  await navigation;
  await expect(page.getByRole("heading", { level: 1, name: FRIENDLY })).toBeVisible();
  await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "call 988", exact: true })).toHaveAttribute("href", "tel:988");
  // No internals on the page: no driver message, no stack.
  await expect(page.locator("body")).not.toContainText(/ECONN|terminat|prisma|postgres|at \S+ \(/i);

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath("friendly-error-page.png"), fullPage: true });

  // While the database is down, new requests fail fast too, and cleanly.
  const whileDown = await postHold(appA, "203.0.113.8");
  expect(whileDown.status).toBe(503);
  // The error page is rendered on the server (Next cannot send a body it renders itself with a
  // 5xx status: see components/ui/page-guard.tsx), marked noindex, and names no internals.
  const failed = await (await fetch(`${appA.url}/book`)).text();
  expect(failed).toContain(FRIENDLY);
  expect(failed).toMatch(/<meta name="robots" content="noindex"\/>/);
  expect(failed).not.toMatch(/ECONNREFUSED|terminating connection|PrismaClient|DriverAdapterError/);
  // The autosave fails cleanly (no hang, no error page) and keeps what was typed on screen.
  await preferredName.fill("Faultdrill");
  await expect(intakePage.getByRole("status").filter({ hasText: "We could not save just now" })).toBeVisible();
  await expect(preferredName).toHaveValue("Faultdrill");
  // The outbox worker meets the outage and logs it rather than dying.
  await expect.poll(() => appA.output.includes('"event":"outbox.run.failed"'), { timeout: 15_000 }).toBe(true);

  await db.start();
  sql = await connectSql();

  // The same page recovers with "Try again", without restarting the app.
  await page.getByRole("link", { name: "Try again" }).click();
  await expect(page.locator("a.slot[data-slot]").first()).toBeVisible();
  // The autosave's own retry goes through once the database is back, and the answer is kept.
  await expect(intakePage.getByRole("status").filter({ hasText: /Saved at/ })).toBeVisible({ timeout: 20_000 });
  await intakePage.reload();
  await expect(intakePage.getByLabel(/Name you would like us to use/)).toHaveValue("Faultdrill");
  await intakePage.context().close();
  const after = await postHold(appA, "203.0.113.9");
  expect(after.status).toBe(400); // the request's own fault now: the database answers again
  expectNoCrash(appA);
  expect(appA.exits).toEqual([]);
});

test("PostgreSQL stopped, JavaScript off: /get-help, the home page and an article are HTML, every error page has the crisis lines", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  appA.runScript("e2e/faults/save-profile.ts", [JSON.stringify({ practiceName: "Faultdrill Practice", contactPhone: "(555) 010-4000" })]);
  // A client and the clinician, signed in before the outage.
  const clientId = randomUUID();
  const clinicianId = randomUUID();
  await sql.query(`INSERT INTO "User" (id, email, role) VALUES ($1, $2, 'CLIENT'), ($3, $4, 'CLINICIAN')`, [
    clientId,
    `nojs-client-${unique()}@example.test`,
    clinicianId,
    `nojs-dr-${unique()}@example.test`,
  ]);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const clinicianPage = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await signInClient(page, appA, clientId);
  await signInClient(clinicianPage, appA, clinicianId);
  // Her details, read once while the database is up: the copy the public pages keep showing.
  // (Through the browser: a kept-alive fetch socket may have been closed during the script above.)
  await page.goto(`${appA.url}/contact`);
  await expect(page.getByRole("banner").getByRole("link", { name: "Faultdrill Practice" })).toBeVisible();

  await db.stop();
  const main = page.getByRole("main");
  const footer = page.getByRole("complementary", { name: "Crisis help" });

  // /get-help: every line, tap to call and to text, with her details from the kept copy.
  const help = await page.goto(`${appA.url}/get-help`);
  expect(help?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Get help now" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("link", { name: "Faultdrill Practice" })).toBeVisible();
  await expect(main.getByRole("link", { name: "Call 988", exact: true })).toHaveAttribute("href", "tel:988");
  await expect(main.getByRole("link", { name: "text 988", exact: true }).first()).toHaveAttribute("href", "sms:988");
  await expect(main.getByRole("link", { name: /1-833-TLC-MAMA/ })).toHaveAttribute("href", "tel:18338526262");
  await expect(main.getByRole("link", { name: "1-800-944-4773" })).toHaveAttribute("href", "tel:18009444773");
  await expect(footer.getByRole("link", { name: "Call 988", exact: true })).toHaveAttribute("href", "tel:988");

  // The home page: all of it but the latest articles, which say so.
  await page.goto(`${appA.url}/`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Latest articles" })).toContainText("could not be loaded just now");
  await expect(page.getByRole("link", { name: "Book a free consultation" }).first()).toBeVisible();

  // An article cannot be read: the error page, rendered on the server, with the site's header,
  // the crisis lines, the maternal hotline and PSI on the page itself.
  const article = await page.goto(`${appA.url}/articles/a-difficult-connection`);
  const html = await article!.text();
  expect(html).not.toContain("__next_error__");
  await expect(page.getByRole("heading", { level: 1, name: FRIENDLY })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await expect(main.getByRole("link", { name: "call 988", exact: true })).toHaveAttribute("href", "tel:988");
  await expect(main.getByRole("link", { name: "text 988", exact: true })).toHaveAttribute("href", "sms:988");
  await expect(main.getByRole("link", { name: /1-833-TLC-MAMA/ })).toHaveAttribute("href", "tel:18338526262");
  await expect(main.getByRole("link", { name: "1-800-944-4773" })).toHaveAttribute("href", "tel:18009444773");
  await expect(main.getByRole("link", { name: "Try again" })).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/ECONN|terminat|prisma|postgres|P1001|at \S+ \(/i);
  // "More ways to get help now" leads to a page that works.
  await main.getByRole("link", { name: "More ways to get help now" }).click();
  await expect(page).toHaveURL(/\/get-help$/);
  await expect(page.getByRole("heading", { level: 1, name: "Get help now" })).toBeVisible();

  // The portal and the dashboard: their own header above the server-rendered error page.
  await page.goto(`${appA.url}/portal`);
  await expect(page.getByRole("navigation", { name: "Portal" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: FRIENDLY })).toBeVisible();
  await expect(main).toContainText("Your intake answers are saved as you go");
  await expect(main.getByRole("link", { name: "call 988", exact: true })).toBeVisible();
  await clinicianPage.goto(`${appA.url}/dashboard`);
  await expect(clinicianPage.getByRole("navigation", { name: "Dashboard" })).toBeVisible();
  await expect(clinicianPage.getByRole("heading", { level: 1, name: FRIENDLY })).toBeVisible();
  await expect(
    clinicianPage.getByRole("complementary", { name: "Crisis help" }).getByRole("link", { name: "Call 988", exact: true }),
  ).toBeVisible();

  // The sitemap answers cleanly with the pages that need no database; an unknown address is a
  // real 404 with the site around it.
  const sitemap = await fetch(`${appA.url}/sitemap.xml`);
  expect(sitemap.status).toBe(200);
  const xml = await sitemap.text();
  expect(xml).toContain(`<loc>${appA.url}/get-help</loc>`);
  expect(xml).not.toContain("/articles/a-difficult-connection");
  const missing = await page.goto(`${appA.url}/no/such/page`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "We couldn’t find that page" })).toBeVisible();
  await expect(footer.getByRole("link", { name: "Call 988", exact: true })).toBeVisible();

  await db.start();
  sql = await connectSql();
  await page.goto(`${appA.url}/articles/a-difficult-connection`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/A Difficult Connection/);
  expect(await (await fetch(`${appA.url}/sitemap.xml`)).text()).toContain("/articles/a-difficult-connection");
  await context.close();
  await clinicianPage.context().close();
  appA.runScript("e2e/faults/save-profile.ts", ["{}"]);
  expectNoCrash(appA);
});

test("SMTP down during a booking and an intake submit: both saved, the person sees success, each email arrives exactly once later", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const before = await outboxIds();
  const id = unique();
  const bookingEmail = `smtp-down-${id}@example.test`;

  // A client with a complete intake draft, ready to submit (set up while mail still works).
  const clientId = randomUUID();
  await sql.query(`INSERT INTO "User" (id, email, role) VALUES ($1, $2, 'CLIENT')`, [clientId, `intake-${id}@example.test`]);
  appA.runScript("e2e/faults/seed-intake.ts", [clientId]);

  await sink.down();
  sink.received.length = 0;

  await page.goto(`${appA.url}/book`);
  await page.locator("a.slot[data-slot]").first().click();
  await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();
  await page.getByLabel("First name").fill("Faultdrill");
  await page.getByRole("textbox", { name: "Email" }).fill(bookingEmail);
  await page.getByLabel(/I agree to be contacted/).check();
  await page.getByRole("button", { name: "Request this time" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  await signInClient(page, appA, clientId);
  await page.goto(`${appA.url}/portal/intake/review`);
  await page.getByRole("button", { name: "Submit my intake" }).click();
  await expect(page).toHaveURL(/\/portal\/intake\?submitted=1/);
  await expect(page.getByText("Thank you. Your intake has been submitted.")).toBeVisible();

  // Saved...
  const booking = await sql.query(`SELECT status::text FROM "Booking" WHERE email = $1`, [bookingEmail]);
  expect(booking.rows).toEqual([{ status: "HOLD" }]);
  const intake = await sql.query(`SELECT status::text FROM "Intake" WHERE "clientId" = $1`, [clientId]);
  expect(intake.rows).toEqual([{ status: "SUBMITTED" }]);
  // ...and each email was really tried against the dead server, and kept for later.
  const drill = () => outboxRows(undefined, before);
  await expect
    .poll(async () =>
      (await drill())
        .filter((r) => r.status === "PENDING" && r.attempts >= 1 && r.lastError)
        .map((r) => r.kind)
        .sort(),
    )
    .toEqual(["auth.signin-link", "intake.submitted.clinician"]);
  expect(sink.received).toEqual([]);

  await sink.up();
  await waitAllSent(drill);
  expectExactlyOnce(await drill(), sink.received);
  expect(sink.received.map((m) => m.to).sort()).toEqual([bookingEmail, E2E.clinicianEmail].sort());

  // The delayed link still confirms the booking, and those emails go out once as well.
  const link = /https?:\/\/\S+\/api\/auth\/callback\/email\?[^\s"<>]+/.exec(sink.received.find((m) => m.to === bookingEmail)!.text)![0];
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page).toHaveURL(/\/portal\?status=confirmed/);
  await waitAllSent(drill);
  const rows = await drill();
  expect(rows.map((r) => r.kind).sort()).toEqual(
    [
      "auth.signin-link",
      "booking.confirmed.client",
      "booking.confirmed.clinician",
      "booking.reminder.client",
      "intake.submitted.clinician",
    ].sort(),
  );
  expectExactlyOnce(rows, sink.received);
  expectNoCrash(appA);
});

test("the app killed (SIGKILL) while the outbox is sending: after a restart nothing is lost, and the duplicate has the same Message-ID", async () => {
  test.setTimeout(60_000);
  const before = await outboxIds();
  sink.received.length = 0;
  const id = unique();
  const emails = [0, 1, 2].map((i) => `kill-${i}-${id}@example.test`);

  const held = sink.holdNextMessage();
  for (const [i, email] of emails.entries()) {
    const { status, url } = await requestSignInLink(appA, email, `198.51.100.${i + 1}`);
    expect(status).toBe(200);
    expect(url).toMatch(/verify-request|check-email/);
  }
  // The server has the whole message but has not said "250 OK": kill the sender now.
  const inFlight = await held;
  await appA.kill();
  sink.releaseHeld();
  const drill = () => outboxRows(undefined, before);
  expect((await drill()).find((r) => r.messageId === inFlight.messageId)?.status).toBe("SENDING");

  await appA.start();
  await waitAllSent(drill);
  const rows = await drill();
  expect(rows).toHaveLength(emails.length);
  // Nothing lost: every email arrived, each recipient's copies carry one Message-ID.
  for (const email of emails) {
    const copies = sink.received.filter((m) => m.to === email);
    expect(copies.length, email).toBeGreaterThanOrEqual(1);
    expect(new Set(copies.map((m) => m.messageId)).size, email).toBe(1);
  }
  expect(new Set(sink.received.map((m) => m.messageId))).toEqual(new Set(rows.map((r) => r.messageId)));
  // The one in flight was sent again after its lease ran out: a duplicate, recognisably so.
  expect(sink.count(inFlight.messageId)).toBe(2);
  expect(sink.received).toHaveLength(emails.length + 1);
  expectNoCrash(appA);
});

test("two app instances on one database: each email is sent once, and the per-IP limits count across both", async () => {
  test.setTimeout(60_000);
  appB = new App({ port: await portFromEnv("HAVEN_FAULTS_APP_PORT_B"), databaseUrl: db.url, smtpUrl: sink.url });
  await appB.start();
  const apps = [appA, appB];
  await sql.query("DELETE FROM rate_limit");
  const before = await outboxIds();
  sink.received.length = 0;
  const id = unique();

  // Booking holds: 10 an hour per IP, whichever instance answers (bad bodies still count).
  const holdStatuses: number[] = [];
  for (let i = 0; i < 11; i++) holdStatuses.push((await postHold(apps[i % 2]!, "192.0.2.10")).status);
  expect(holdStatuses).toEqual([...Array<number>(10).fill(400), 429]);

  // Sign-in links: 20 an hour per IP. 21 requests at once, spread over both instances:
  // exactly 20 accepted, and both instances' workers race for the 20 emails.
  const emails = Array.from({ length: 21 }, (_, i) => `two-${i}-${id}@example.test`);
  const results = await Promise.all(emails.map((email, i) => requestSignInLink(apps[i % 2]!, email, "192.0.2.20")));
  expect(results.filter((r) => r.status === 429)).toHaveLength(1);
  expect(results.filter((r) => r.status === 200 && /verify-request|check-email/.test(r.url ?? ""))).toHaveLength(20);
  const accepted = emails.filter((_, i) => results[i]!.status === 200);

  const drill = () => outboxRows(undefined, before);
  await waitAllSent(drill);
  const rows = await drill();
  expect(rows).toHaveLength(20);
  expectExactlyOnce(rows, sink.received);
  expect(sink.received.map((m) => m.to).sort()).toEqual(accepted.sort());
  expectNoCrash(appA);
  expectNoCrash(appB);
});

/** The hidden fields and action of the first form with an email field, as a browser without JavaScript would post it. */
function emailForm(html: string): URLSearchParams | FormData {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/g;
  const decode = (value: string) =>
    value
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  for (const [, body] of html.matchAll(form)) {
    if (!/name="email"/.test(body!)) continue;
    const data = new FormData();
    for (const [input] of body!.matchAll(/<input\b[^>]*>/g)) {
      const name = /\sname="([^"]*)"/.exec(input)?.[1];
      if (!name) continue;
      data.append(decode(name), decode(/\svalue="([^"]*)"/.exec(input)?.[1] ?? ""));
    }
    return data;
  }
  throw new Error("no sign-in form on the page");
}

test("two instances behind nginx: an action rendered by one is run by the other, an article published through one is fresh everywhere within 2 s, one winner per slot", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  if (!appB) {
    appB = new App({ port: await portFromEnv("HAVEN_FAULTS_APP_PORT_B"), databaseUrl: db.url, smtpUrl: sink.url });
    await appB.start();
  }
  const a = appA;
  const b = appB;
  // Each client of the drill has its own address: nginx passes X-Forwarded-For on here.
  nginx = new Nginx({
    port: await portFromEnv("HAVEN_FAULTS_NGINX_PORT"),
    upstreams: [a.options.port, b.options.port],
    cacheSeconds: 1,
    trustClientForwardedFor: true,
  });
  await nginx.start();
  const proxy = nginx;
  await sql.query("DELETE FROM rate_limit");

  // Round robin: both instances answer through nginx.
  const upstreams = new Set<string | null>();
  for (let i = 0; i < 4; i++) upstreams.add((await fetch(`${proxy.url}/robots.txt`)).headers.get("x-upstream"));
  expect([...upstreams].sort()).toEqual([`127.0.0.1:${a.options.port}`, `127.0.0.1:${b.options.port}`].sort());

  // A server action rendered by A (the sign-in form, posted as without JavaScript) and posted to B.
  const id = unique();
  const email = `across-${id}@example.test`;
  const form = emailForm(await (await fetch(`${a.url}/signin`, { headers: { "x-forwarded-for": "198.51.100.1" } })).text());
  form.set("email", email);
  const posted = await fetch(`${b.url}/signin`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { origin: b.url, "x-forwarded-for": "198.51.100.1" },
  });
  expect(posted.status).toBeLessThan(400);
  expect(b.output).not.toMatch(/Failed to find Server Action/i);
  // B ran it: the sign-in email went out.
  await expect.poll(() => sink.received.filter((m) => m.to === email).length, { timeout: 15_000 }).toBe(1);

  // An article published through A: fresh on A, on B and through nginx within 2 s.
  const slug = `drill-${id}`;
  const title = `Drill article ${id}`;
  const articleId = `drill${id}`;
  await sql.query(
    `INSERT INTO "Article" (id, slug, title, summary, body, tags, status, "updatedAt") VALUES ($1, $2, $3, 'Drill.', 'Drill text.', '{}', 'DRAFT', now())`,
    [articleId, slug, title],
  );
  // Every instance (and nginx) holds the articles index in its cache, without the draft.
  for (const base of [a.url, b.url, proxy.url, proxy.url]) {
    const index = await fetch(`${base}/articles`);
    expect(index.status, `${base}: ${a.output.slice(-2000)}\n${b.output.slice(-2000)}\n${proxy.errorLog()}`).toBe(200);
    expect(await index.text()).not.toContain(title);
  }
  const clinicianId = randomUUID();
  await sql.query(`INSERT INTO "User" (id, email, role) VALUES ($1, $2, 'CLINICIAN')`, [clinicianId, `drill-dr-${id}@example.test`]);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInClient(page, a, clinicianId);
  await page.goto(`${a.url}/dashboard/articles/${articleId}`);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Published");
  const published = Date.now();
  const freshAt: Record<string, number> = {};
  await expect
    .poll(
      async () => {
        for (const [name, base] of [
          ["A", a.url],
          ["B", b.url],
          ["nginx", proxy.url],
        ] as const) {
          if (freshAt[name]) continue;
          const [index, article] = await Promise.all([fetch(`${base}/articles`), fetch(`${base}/articles/${slug}`)]);
          if ((await index.text()).includes(title) && (await article.text()).includes(`<h1>${title}</h1>`))
            freshAt[name] = Date.now() - published;
        }
        return Object.keys(freshAt).sort();
      },
      { timeout: 2_000, intervals: [50] },
    )
    .toEqual(["A", "B", "nginx"]);
  console.log(`publish to fresh (ms): ${JSON.stringify(freshAt)}`);
  await context.close();

  // The booking race through nginx: 20 people on the same slot, spread over both instances.
  const book = await (await fetch(`${proxy.url}/book`)).text();
  const slot = /data-slot="([^"]+)"/.exec(book)?.[1];
  expect(slot).toBeTruthy();
  const holds = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      fetch(`${proxy.url}/api/bookings/hold`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: proxy.url, "x-forwarded-for": `198.51.100.${10 + i}` },
        body: JSON.stringify({
          slotStart: slot,
          firstName: "Drill",
          email: `race-${i}-${id}@example.test`,
          phone: "",
          contactMethod: "EMAIL",
          note: "",
          consent: true,
          timeZone: "America/New_York",
          website: "",
        }),
      }).then(async (r) => ({ status: r.status, upstream: r.headers.get("x-upstream") })),
    ),
  );
  expect(holds.filter((h) => h.status === 201)).toHaveLength(1);
  expect(holds.filter((h) => h.status === 409)).toHaveLength(19);
  expect(new Set(holds.map((h) => h.upstream)).size).toBe(2);
  // Gone from /book on both instances at once.
  for (const base of [a.url, b.url]) expect(await (await fetch(`${base}/book`)).text()).not.toContain(`data-slot="${slot}"`);
  expectNoCrash(a);
  expectNoCrash(b);
});
