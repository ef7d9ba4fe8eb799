/**
 * No risk answer is missed: a self-harm answer reaches the server the moment it is given,
 * even when it is changed back at once, the tab is closed, or the connection is lost; the
 * clinician is told (without details) and reads the whole history in plain words, on screen
 * and in print.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { appLib } from "./app-lib";
import { E2E } from "./config";
import { everything, waitForEmails } from "./mail";

/** React has attached its handlers to the form: answers now go through the page's scripts. */
async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const form = document.querySelector("form.intake-form");
    return !!form && Object.keys(form).some((key) => key.startsWith("__reactProps"));
  });
}

const item9 = (page: Page) =>
  page.getByRole("region", { name: "PHQ-9" }).getByRole("group", { name: /^9\. Thoughts that you would be better off dead/ });

async function urgentNoticeFor(intakeId: string) {
  const [mail] = await waitForEmails(
    (m) => m.to.includes(E2E.clinicianEmail) && m.subject === "An intake needs your prompt review" && m.text.includes(intakeId),
  );
  return mail!;
}

test("'Several days' changed back to 'Not at all' at once and the tab closed: the clinician is told and sees both answers, also in print", async ({
  browser,
  page,
  signInAsClient,
  signInAsClinician,
  expectAccessible,
}) => {
  test.setTimeout(90_000);
  const client = await signInAsClient(page);
  await page.goto("/portal/intake/screening");
  await waitForHydration(page);
  await item9(page).getByRole("radio", { name: "Several days" }).check();
  await expect(page.getByRole("alert").filter({ hasText: "You deserve support right now" })).toBeVisible();
  await item9(page).getByRole("radio", { name: "Not at all", exact: true }).check();
  // Well within the autosave's pause: only the answer sent at once can have reached the server.
  await page.close({ runBeforeUnload: true });

  const { intake } = await appLib();
  const { id: intakeId } = await intake.getOrCreateClientIntake(client.id);
  const notice = await urgentNoticeFor(intakeId);
  expect(everything(notice)).not.toContain(client.email);
  expect(everything(notice)).not.toMatch(/several days|not at all|PHQ/i);

  const context = await browser.newContext();
  const clinicianPage = await context.newPage();
  await signInAsClinician(clinicianPage);
  await clinicianPage.goto(`/dashboard/intakes/${intakeId}`);
  const history = clinicianPage.getByRole("region", { name: "Self-harm questions" });
  await expect(history).toContainText(
    /PHQ-9 item 9: “Several days” at \d{1,2}:\d{2} [AP]M on \w+day, \w+ \d{1,2}, \d{4}, changed to “Not at all” at \d{1,2}:\d{2} [AP]M/,
  );
  await expect(clinicianPage.getByText("a self-harm question was answered above “not at all”. When")).toHaveCount(0);
  await expectAccessible(clinicianPage);
  await clinicianPage.emulateMedia({ media: "print" });
  await expect(history).toBeVisible();
  await expect(history).toContainText("changed to “Not at all”");
  await context.close();
});

test("an answer given while the connection is down waits in the browser and is sent when she is back, even after the tab was lost", async ({
  browser,
  signInAsClient,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  let page = await context.newPage();
  const client = await signInAsClient(page);
  await page.goto("/portal/intake/screening");
  await waitForHydration(page);
  // No signal: nothing leaves the page, not even the last-chance beacon.
  let attempts = 0;
  await page.route("**/api/intake/risk-answers", (route) => ((attempts += 1), route.abort("internetdisconnected")));
  await page.route("**/portal/intake/screening", (route) =>
    route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue(),
  );
  await item9(page).getByRole("radio", { name: "More than half the days" }).check();
  await expect(page.getByRole("alert").filter({ hasText: "You deserve support right now" })).toBeVisible();
  await expect.poll(() => attempts).toBeGreaterThanOrEqual(2);
  // The tab is lost without a chance to say goodbye (a phone ending a background tab).
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent("crash");
  void cdp.send("Page.crash").catch(() => {}); // never answers: the page is gone
  await crashed;
  await page.close().catch(() => {});

  const { intake } = await appLib();
  const { id: intakeId } = await intake.getOrCreateClientIntake(client.id);
  expect((await intake.getOrCreateClientIntake(client.id)).urgent).toBe(false);

  // She comes back later, on any step.
  page = await context.newPage();
  await page.goto("/portal/intake/about-you");
  await urgentNoticeFor(intakeId);
  await expect.poll(async () => (await intake.getOrCreateClientIntake(client.id)).urgent).toBe(true);
  await context.close();
});

test("a risk answer the server could not take is retried until it is recorded", async ({ page, db, signInAsClient }) => {
  const client = await signInAsClient(page);
  // The autosave cannot get through either, so only the retried answer can record it.
  await page.route("**/portal/intake/screening", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  let refused = 0;
  await page.route("**/api/intake/risk-answers", async (route) => {
    if (refused < 2) {
      refused += 1;
      await route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "down" }) });
    } else await route.continue();
  });
  await page.goto("/portal/intake/screening");
  await waitForHydration(page);
  await item9(page).getByRole("radio", { name: "Nearly every day" }).check();
  const { intake } = await appLib();
  await expect.poll(async () => (await intake.getOrCreateClientIntake(client.id)).urgent, { timeout: 15_000 }).toBe(true);
  expect(refused).toBe(2);
  const { rows } = await db.query<{ source: string }>(`SELECT source FROM "RiskEvent" WHERE "clientId" = $1`, [client.id]);
  expect(rows.map((r) => r.source)).toEqual(["answer"]);
});

test("an answer still waiting for a retry when the tab is closed goes out with the page (sendBeacon)", async ({
  page,
  db,
  signInAsClient,
}) => {
  const client = await signInAsClient(page);
  let refused = 0;
  await page.route("**/api/intake/risk-answers", async (route) => {
    if (refused === 0) {
      refused += 1;
      await route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: "down" }) });
    } else await route.continue();
  });
  await page.route("**/portal/intake/screening", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  await page.goto("/portal/intake/screening");
  await waitForHydration(page);
  await item9(page).getByRole("radio", { name: "Several days" }).check();
  await expect.poll(() => refused).toBe(1);
  // Closed during the pause before the retry.
  await page.close({ runBeforeUnload: true });
  await expect
    .poll(async () =>
      (await db.query<{ source: string }>(`SELECT source FROM "RiskEvent" WHERE "clientId" = $1`, [client.id])).rows.map((r) => r.source),
    )
    .toEqual(["page-hide"]);
});
