import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "./fixtures";
import { appLib } from "./app-lib";
import { E2E } from "./config";
import { COMPLETE_INTAKE } from "./data";

/** Waits until the next 30-second TOTP step, so a fresh code is not a replay of setup's. */
async function nextTotpStep() {
  const msIntoStep = Date.now() % 30_000;
  await new Promise((resolve) => setTimeout(resolve, 30_000 - msIntoStep + 500));
}

test.describe.configure({ mode: "serial" });

test("first-run setup through the printed link, then sign-in with password and authenticator code, then sign-out", async ({
  page,
  db,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const { totp } = await appLib();
  await db.query("DELETE FROM rate_limit");

  // The setup command prints a one-time link.
  const output = execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/clinician-setup.ts", E2E.clinicianLoginEmail], {
    env: { ...process.env, ...E2E.appEnv, DATABASE_URL: E2E.databaseUrl },
    encoding: "utf8",
  });
  const link = /https?:\/\/\S+\/dashboard\/setup\?token=[\w-]+/.exec(output)?.[0];
  expect(link, output).toBeTruthy();

  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up your clinician account");
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  await expectAccessible(page);
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  const password = "correct horse battery staple, perinatal edition: ünïcode and more than sixty-four characters long";
  await page.getByLabel("New password").fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByLabel("Code from your authenticator app").fill(totp.currentTotp(secret));
  await page.getByRole("button", { name: "Finish setup" }).click();
  await expect(page.getByRole("heading", { name: /Save these recovery codes/ })).toBeVisible();
  await expect(page.locator(".recovery-codes li")).toHaveCount(10);

  // The link works once.
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This setup link has expired or was already used");

  // Sign in: a wrong code fails, the right one succeeds.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/signin/);
  await expectAccessible(page);
  await page.getByLabel("Email").fill(E2E.clinicianLoginEmail);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The email, password or code is not right. Please try again." })).toBeVisible();
  await expect(page).toHaveURL(/\/dashboard\/signin/);

  await nextTotpStep();
  await page.getByLabel("Authentication code").fill(totp.currentTotp(secret));
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expectAccessible(page);

  // Sign-out ends the session on the server: the old cookie, replayed, gets nothing.
  const cookie = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token")!;
  // Found (issue 16): her cookie lived 7 days while her session ends after 12 hours.
  const lifetimeHours = (cookie.expires * 1000 - Date.now()) / 3600_000;
  expect(lifetimeHours).toBeGreaterThan(11.9);
  expect(lifetimeHours).toBeLessThanOrEqual(12);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/dashboard\/signin/);
  await page.context().addCookies([{ ...cookie }]);
  await page.goto("/dashboard/intakes");
  await expect(page).toHaveURL(/\/dashboard\/signin/);
});

test("reviewing an intake shows its scores and writes an audit event", async ({
  page,
  db,
  signInAsClient,
  signInAsClinician,
  expectAccessible,
}) => {
  const { intake } = await appLib();
  const client = await signInAsClient(page);
  for (const [step, values] of Object.entries(COMPLETE_INTAKE)) await intake.saveDraft(client.id, step as never, values);
  expect((await intake.submitIntake(client.id)).ok).toBe(true);
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Intake" WHERE "clientId" = $1`, [client.id]);
  const intakeId = rows[0]!.id;

  await page.context().clearCookies();
  const clinician = await signInAsClinician(page);
  await page.goto("/dashboard/intakes");
  const row = page.locator(`tr[data-intake="${intakeId}"]`);
  await expect(row).toContainText("PHQ-9 11 (moderate)");
  await expect(row).toContainText("GAD-7 12 (moderate)");
  await expectAccessible(page);
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { name: /PHQ-9: 11 · moderate/ })).toBeVisible();
  await expect(page.getByText("CANARYDASH worry")).toBeVisible();
  await expect(page.getByText(/consent text version/)).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Private note").fill("Follow up about sleep.");
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked as reviewed." })).toBeVisible();

  const audit = await db.query(`SELECT action, outcome FROM "AuditEvent" WHERE "actorId" = $1 AND "subjectId" = $2 ORDER BY at`, [
    clinician.id,
    intakeId,
  ]);
  expect(audit.rows.map((r) => `${r.action}:${r.outcome}`)).toEqual(
    expect.arrayContaining(["intake.read:allowed", "intake.review:allowed"]),
  );
  // The audit page lists the read, by this clinician, without any of the content.
  await page.goto(`/dashboard/audit?${new URLSearchParams({ action: "intake.read" })}`);
  await expect(page.getByRole("region", { name: "Audit events" }).getByText("intake.read").first()).toBeVisible();
  await expect(page.getByText("CANARYDASH")).toHaveCount(0);

  const all = JSON.stringify((await db.query(`SELECT * FROM "AuditEvent"`)).rows);
  expect(all).not.toContain("CANARYDASH");
  expect(all).not.toContain("Follow up about sleep");

  // Another client asking for this intake's page gets nothing.
  await page.context().clearCookies();
  await signInAsClient(page);
  await page.goto(`/dashboard/intakes/${intakeId}`);
  await expect(page).toHaveURL(/\/dashboard\/signin/);
  await expect(page.getByText("CANARYDASH")).toHaveCount(0);
});

test("the clinician follows up on an urgent draft, and the overview stops counting it", async ({
  page,
  db,
  signInAsClient,
  signInAsClinician,
  expectAccessible,
}) => {
  const { intake } = await appLib();
  const client = await signInAsClient(page);
  // PHQ-9 item 9 answered above "not at all", and the intake never submitted.
  const screening = { ...COMPLETE_INTAKE.screening, phq9: [...COMPLETE_INTAKE.screening.phq9.slice(0, 8), 2] };
  expect(await intake.saveDraft(client.id, "screening", screening)).toMatchObject({ ok: true, risk: true });
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Intake" WHERE "clientId" = $1`, [client.id]);
  const intakeId = rows[0]!.id;

  await page.context().clearCookies();
  const clinician = await signInAsClinician(page);
  const urgentStat = page.locator(".stat-grid li").filter({ hasText: "Urgent intakes" }).locator(".stat");
  await page.goto("/dashboard");
  const before = Number(await urgentStat.textContent());
  expect(before).toBeGreaterThanOrEqual(1);

  await page.goto(`/dashboard/intakes/${intakeId}`);
  await expect(page.getByText("Urgent", { exact: true })).toBeVisible();
  await page.getByLabel("Follow-up note (optional)").fill("CANARYFOLLOW phoned, safe");
  await page.getByRole("button", { name: "I have followed up on this urgent flag" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Follow-up recorded." })).toBeVisible();
  // The history stays: it was urgent, and who followed up, when, with the note.
  await expect(page.getByText("Was urgent", { exact: true })).toBeVisible();
  await expect(page.getByText(/You recorded a follow-up .* \(dr\.haven@practice\.test\)/)).toBeVisible();
  await expect(page.getByText("CANARYFOLLOW phoned, safe")).toBeVisible();
  await expect(page.getByRole("button", { name: "I have followed up on this urgent flag" })).toHaveCount(0);
  await expectAccessible(page);

  await page.goto("/dashboard/intakes");
  await expect(page.locator(`tr[data-intake="${intakeId}"]`)).toContainText("Was urgent");
  await expect(page.locator(`tr[data-intake="${intakeId}"]`)).toContainText("Followed up");
  await page.goto("/dashboard");
  await expect(urgentStat).toHaveText(String(before - 1));
  await expectAccessible(page);

  const audit = await db.query(
    `SELECT outcome FROM "AuditEvent" WHERE "actorId" = $1 AND "subjectId" = $2 AND action = 'intake.urgent.followup'`,
    [clinician.id, intakeId],
  );
  expect(audit.rows.map((r) => r.outcome)).toEqual(["allowed"]);
  const stored = JSON.stringify((await db.query(`SELECT * FROM "Intake" WHERE id = $1`, [intakeId])).rows);
  expect(stored).not.toContain("CANARYFOLLOW");
});

test("the clinician's session ends after 30 idle minutes and after 12 hours at most", async ({ page, db, signInAsClinician }) => {
  const clinician = await signInAsClinician(page);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  await db.query(`UPDATE "Session" SET "lastSeenAt" = now() - interval '31 minutes' WHERE "userId" = $1 AND "revokedAt" IS NULL`, [
    clinician.id,
  ]);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/signin/);

  await page.context().clearCookies();
  await signInAsClinician(page);
  await db.query(`UPDATE "Session" SET "expiresAt" = now() - interval '1 minute' WHERE "userId" = $1 AND "revokedAt" IS NULL`, [
    clinician.id,
  ]);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard\/signin/);
});

test("every dashboard page passes an axe WCAG 2.2 AA scan", async ({ page, signInAsClinician, expectAccessible }) => {
  // Eight scans, the profile page's long privacy notice among them: more than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  const { DASHBOARD_LINKS } = await import("../components/dashboard/links");
  await signInAsClinician(page);
  for (const link of DASHBOARD_LINKS) {
    await page.goto(link.href);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
});
