import { randomUUID } from "node:crypto";
import { E2E } from "./config";
import { expect, test } from "./fixtures";
import { waitForEmails } from "./mail";

const PAGES = ["/dashboard/emails", "/dashboard/audit"];

test("the clinician sees a failed email with its reason, without its contents, and retries it", async ({
  page,
  db,
  signInAsClinician,
  expectAccessible,
}) => {
  await signInAsClinician(page);
  const tag = randomUUID().slice(0, 8);
  const id = randomUUID();
  const messageId = `<${randomUUID()}@practice.test>`;
  const subject = `CANARY-SUBJECT retry ${tag}`;
  const lastError = `Email delivery failed (SMTP 550, e2e ${tag})`;
  // A real ciphertext: the app's inline outbox worker picks the row up as soon as it is
  // PENDING again, and an undecryptable payload would make it FAILED straight away.
  const { encryptJson, parseKeyRing } = await import("../lib/platform/crypto");
  const payloadEnc = encryptJson(
    parseKeyRing(E2E.appEnv.ENCRYPTION_KEYS!),
    { to: E2E.clinicianEmail, subject, text: `CANARY-BODY ${tag}`, html: `<p>CANARY-BODY ${tag}</p>` },
    `OutboxEmail:${messageId}`,
  );
  await db.query(
    `INSERT INTO "OutboxEmail" (id, kind, "messageId", "payloadEnc", status, attempts, "maxAttempts", "lastError", "sendAfter", "updatedAt")
     VALUES ($1, 'booking.confirmed.clinician', $2, $3, 'FAILED', 8, 8, $4, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')`,
    [id, messageId, payloadEnc, lastError],
  );

  try {
    await page.goto("/dashboard/emails");
    await expect(page.getByRole("heading", { level: 1, name: "Emails that could not be sent" })).toBeVisible();
    await expect(page.getByText(/contents .* are stored encrypted and are not shown/)).toBeVisible();
    const row = page.locator(`tr[data-email-id="${id}"]`);
    await expect(row).toContainText("Booking confirmed — to clinician");
    await expect(row).toContainText(lastError);
    await expect(row.getByRole("cell", { name: "8", exact: true })).toBeVisible();
    await expect(page.getByText(/CANARY/)).toHaveCount(0);
    expect(await page.content()).not.toContain(payloadEnc);
    await expectAccessible(page);

    await row.getByRole("button", { name: /^Retry/ }).click();
    await expect(page.getByRole("status").filter({ hasText: "back in the queue" })).toBeVisible();
    await expect(page).toHaveURL(/\/dashboard\/emails\?status=retried$/);
    await expect(row).toHaveCount(0);

    // Back in the queue with a fresh round of attempts; the inline worker may already have
    // claimed it (attempts 1) or sent it by the time this runs.
    const { rows } = await db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM "OutboxEmail" WHERE id = $1`, [id]);
    expect(["PENDING", "SENDING", "SENT"]).toContain(rows[0]!.status);
    expect(rows[0]!.attempts).toBeLessThanOrEqual(1);
    const audit = await db.query(`SELECT 1 FROM "AuditEvent" WHERE action = 'email.retry' AND "subjectId" = $1`, [id]);
    expect(audit.rowCount).toBe(1);

    await waitForEmails((mail) => mail.subject === subject);
    await expect
      .poll(
        async () =>
          (
            await db.query<{ status: string; lastError: string | null }>(`SELECT status, "lastError" FROM "OutboxEmail" WHERE id = $1`, [
              id,
            ])
          ).rows[0],
      )
      .toEqual({ status: "SENT", lastError: null });
  } finally {
    await db.query(`DELETE FROM "OutboxEmail" WHERE id = $1`, [id]);
  }
});

test("the audit trail filters by client, action and date, and explains bad input", async ({
  page,
  db,
  signInAsClinician,
  expectAccessible,
}) => {
  const clinician = await signInAsClinician(page);
  const tag = randomUUID().slice(0, 8);
  const ann = { id: randomUUID(), email: `audit-ann-${tag}@example.test` };
  const bea = { id: randomUUID(), email: `audit-bea-${tag}@example.test` };
  const readAction = `e2e.${tag}.read`;
  const deniedAction = `e2e.${tag}.denied`;
  for (const client of [ann, bea]) {
    await db.query(`INSERT INTO "User" (id, email, role) VALUES ($1, $2, 'CLIENT')`, [client.id, client.email]);
  }
  // Times are UTC, as the app stores them.
  const events = [
    { at: "2030-06-10 14:00:00", actorId: clinician.id, role: "CLINICIAN", action: readAction, client: ann, outcome: "allowed" },
    { at: "2030-06-11 14:00:00", actorId: null, role: "ANONYMOUS", action: deniedAction, client: bea, outcome: "denied" },
    { at: "2030-06-12 14:00:00", actorId: clinician.id, role: "CLINICIAN", action: readAction, client: bea, outcome: "allowed" },
  ];
  for (const e of events) {
    await db.query(
      `INSERT INTO "AuditEvent" (at, "actorId", "actorRole", action, "subjectType", "subjectId", "clientId", outcome)
       VALUES ($1::timestamp, $2, $3, $4, 'Intake', $5, $6, $7)`,
      [e.at, e.actorId, e.role, e.action, `intake-${tag}`, e.client.id, e.outcome],
    );
  }
  const bodyRows = page.locator("table.data-table tbody tr");

  await page.goto("/dashboard/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail" })).toBeVisible();
  await expectAccessible(page);

  // By client (email).
  await page.getByLabel("Client email or ID").fill(ann.email);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/client=/);
  await expect(page.getByRole("status")).toHaveText(`1 event matches these filters for ${ann.email}, newest first.`);
  await expect(bodyRows).toHaveCount(1);
  await expect(bodyRows.first()).toContainText(readAction);
  await expect(bodyRows.first()).toContainText(clinician.email);
  await expect(bodyRows.first()).toContainText("Allowed");
  await expectAccessible(page);

  // By action.
  await page.getByLabel("Client email or ID").fill("");
  await page.getByLabel("Action").selectOption(deniedAction);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(bodyRows).toHaveCount(1);
  await expect(bodyRows.first()).toContainText(bea.email);
  await expect(bodyRows.first()).toContainText("Anonymous visitor");
  await expect(bodyRows.first()).toContainText("Denied");

  await page.getByLabel("Action").selectOption(readAction);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(bodyRows).toHaveCount(2);
  // Newest first.
  await expect(bodyRows.nth(0)).toContainText(bea.email);
  await expect(bodyRows.nth(1)).toContainText(ann.email);

  // By action and client id together.
  await page.getByLabel("Client email or ID").fill(bea.id);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(bodyRows).toHaveCount(1);
  await expect(bodyRows.first()).toContainText(bea.email);

  // A date range that excludes them.
  await page.getByLabel("Action").selectOption("");
  await page.getByLabel("From (date)").fill("2030-07-01");
  await page.getByLabel("To (date, inclusive)").fill("2030-07-31");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("status")).toHaveText("No events match these filters.");
  await expect(page.getByRole("table")).toHaveCount(0);

  // And one that includes Bea's two.
  await page.getByLabel("From (date)").fill("2030-06-01");
  await page.getByLabel("To (date, inclusive)").fill("2030-06-30");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(bodyRows).toHaveCount(2);

  // Bad input is explained, not a server error.
  const response = await page.goto(`/dashboard/audit?from=2030-02-30&to=soon&client=${encodeURIComponent(`nobody-${tag}@example.test`)}`);
  expect(response?.status()).toBe(200);
  const alert = page.getByRole("alert").filter({ hasText: "Please check the filter" });
  await expect(alert).toContainText("Enter the “from” date as a real date");
  await expect(alert).toContainText("Enter the “to” date as a real date");
  await expect(alert).toContainText("No account uses that email address");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectAccessible(page);
});

test("clients and visitors are sent to the clinician sign-in", async ({ page, signInAsClient }) => {
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/dashboard\/signin(\?|$)/);
  }
  await signInAsClient(page);
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/dashboard\/signin(\?|$)/);
  }
});
