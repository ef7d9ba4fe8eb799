/**
 * The booking forms before and without JavaScript: on a slow phone the form is visible long
 * before its scripts run, and a submit then is a plain form post. Each form is submitted with
 * JavaScript disabled and again with the scripts held back; nothing typed may appear in any
 * URL or server log line, and the submission must be saved.
 */
import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, startSession, test } from "./fixtures";
import { appLib } from "./app-lib";
import { E2E } from "./config";
import { linkFrom, waitForEmails } from "./mail";

test.use({ timezoneId: "America/Los_Angeles" });

test.beforeEach(async ({ db }) => {
  await db.query("DELETE FROM rate_limit");
});

const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

type Mode = "no-js" | "scripts-delayed";

/** A phone-sized page with JavaScript off, or with every script held back until `release()`. */
async function openPage(
  browser: Browser,
  mode: Mode,
): Promise<{ context: BrowserContext; page: Page; urls: string[]; release: () => void }> {
  const context = await browser.newContext({
    javaScriptEnabled: mode !== "no-js",
    timezoneId: "America/Los_Angeles",
    viewport: { width: 412, height: 915 },
    isMobile: true,
  });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  let release = () => {};
  if (mode === "scripts-delayed") {
    const gate = new Promise<void>((resolve) => (release = resolve));
    await context.route(/\/_next\/static\/.*\.js/, async (route) => {
      await gate;
      await route.continue().catch(() => {});
    });
  }
  return { context, page, urls, release };
}

function expectNowhere(typed: string[], urls: string[]) {
  const log = readFileSync(E2E.serverLog, "utf8");
  for (const value of typed) {
    for (const url of urls) {
      expect(decodeURIComponent(url), "a URL").not.toContain(value);
      expect(url, "a URL").not.toContain(encodeURIComponent(value));
    }
    expect(log.includes(value), `the server log contains "${value}"`).toBe(false);
  }
}

for (const mode of ["no-js", "scripts-delayed"] as const) {
  test(`the booking form posts and is saved (${mode})`, async ({ browser, db }) => {
    const { context, page, urls, release } = await openPage(browser, mode);
    const id = unique();
    const client = {
      firstName: `Nojsname${id}`,
      email: `nojs-${id}@example.test`,
      phone: `(555) 02${id.slice(-5)}`,
      note: `Nojsnote ${id}`,
    };
    await page.goto("/book?tz=America/Los_Angeles", { waitUntil: "domcontentloaded" });
    await page.locator("a.slot[data-slot]:visible").first().click();
    await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();

    // A mistake first: the page comes back with the message and everything typed.
    await page.getByLabel("First name").fill(client.firstName);
    await page.getByRole("textbox", { name: "Email" }).fill(client.email);
    await page.getByLabel("Phone call").check();
    await page.getByLabel(/^Phone/).fill(client.phone);
    await page.getByLabel(/What would you like help with/).fill(client.note);
    await page.getByRole("button", { name: "Request this time" }).click();
    await expect(page.getByText("Please agree to be contacted about your consultation.")).toBeVisible();
    await expect(page.getByLabel("First name")).toHaveValue(client.firstName);
    await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue(client.email);
    await expect(page.getByLabel(/^Phone/)).toHaveValue(client.phone);
    await expect(page.getByLabel(/What would you like help with/)).toHaveValue(client.note);
    await expect(page.getByLabel("Phone call")).toBeChecked();

    await page.getByLabel(/I agree to be contacted/).check();
    await page.getByRole("button", { name: "Request this time" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByText(/holding this time for you until/)).toBeVisible();

    const { rows } = await db.query<{ status: string; contactMethod: string }>(
      `SELECT status, "contactMethod" FROM "Booking" WHERE email = $1`,
      [client.email],
    );
    expect(rows).toEqual([{ status: "HOLD", contactMethod: "PHONE" }]);
    const [mail] = await waitForEmails((m) => m.to.includes(client.email));
    expect(mail!.subject).toBe("Confirm your consultation");
    expectNowhere(Object.values(client), urls);
    release();
    await context.close();
  });
}

test("a time taken while she typed: the nearest times are offered in the same form, and nothing typed is lost", async ({ browser }) => {
  const { booking } = await appLib();
  const { context, page, urls } = await openPage(browser, "no-js");
  const id = unique();
  const client = { firstName: `Takenname${id}`, email: `taken-${id}@example.test`, note: `Takennote ${id}` };
  await page.goto("/book?tz=America/Los_Angeles");
  const slot = page.locator("a.slot[data-slot]:visible").first();
  const iso = (await slot.getAttribute("data-slot"))!;
  await slot.click();
  await page.getByLabel("First name").fill(client.firstName);
  await page.getByRole("textbox", { name: "Email" }).fill(client.email);
  await page.getByLabel(/What would you like help with/).fill(client.note);
  await page.getByLabel(/I agree to be contacted/).check();

  // Someone else takes the time meanwhile.
  const other = await booking.createHold({
    slotStart: iso,
    firstName: "Other",
    email: `other-${id}@example.test`,
    phone: "",
    contactMethod: "EMAIL",
    note: "",
    consent: true,
    timeZone: "America/New_York",
    website: "",
  });
  expect(other.ok).toBe(true);

  await page.getByRole("button", { name: "Request this time" }).click();
  await expect(page.getByText(/that time was just taken|no longer available/i).first()).toBeVisible();
  const choices = page.getByRole("group", { name: "Choose one of the nearest open times" }).getByRole("radio");
  await expect(choices.first()).toBeVisible();
  await expect(page.getByLabel("First name")).toHaveValue(client.firstName);
  await expect(page.getByLabel(/What would you like help with/)).toHaveValue(client.note);
  await expect(page.getByLabel(/I agree to be contacted/)).toBeChecked();
  await choices.first().check();
  await page.getByRole("button", { name: "Request this time" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  expectNowhere(Object.values(client), urls);
  await context.close();
});

test("the same form with JavaScript keeps what was typed when the time was taken", async ({ page, expectAccessible }) => {
  const { booking } = await appLib();
  const id = unique();
  await page.goto("/book");
  const slot = page.locator("a.slot[data-slot]:visible").first();
  const iso = (await slot.getAttribute("data-slot"))!;
  await slot.click();
  await page.getByLabel("First name").fill(`Jsname${id}`);
  await page.getByRole("textbox", { name: "Email" }).fill(`js-${id}@example.test`);
  await page.getByLabel(/I agree to be contacted/).check();
  const other = await booking.createHold({
    slotStart: iso,
    firstName: "Other",
    email: `other-js-${id}@example.test`,
    phone: "",
    contactMethod: "EMAIL",
    note: "",
    consent: true,
    timeZone: "America/New_York",
    website: "",
  });
  expect(other.ok).toBe(true);
  await page.getByRole("button", { name: "Request this time" }).click();
  const choices = page.getByRole("group", { name: "Choose one of the nearest open times" }).getByRole("radio");
  await expect(choices.first()).toBeVisible();
  await expect(page.getByLabel("First name")).toHaveValue(`Jsname${id}`);
  await expectAccessible(page);
  await choices.nth(1).check();
  await page.getByRole("button", { name: "Request this time" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
});

test("rotating client IPs cannot hold a pile of times for one address, nor withdraw her hold", async ({ page, baseURL, db }) => {
  await page.goto("/book");
  const slots = await page
    .locator("a.slot[data-slot]")
    .evaluateAll((links) => links.slice(10, 20).map((a) => a.getAttribute("data-slot")!));
  const email = `victim-${unique()}@example.test`;
  const statuses: number[] = [];
  for (const [i, slotStart] of slots.entries()) {
    const response = await page.request.post("/api/bookings/hold", {
      data: { slotStart, firstName: "X", email, contactMethod: "EMAIL", consent: true, timeZone: "America/New_York" },
      // A fresh forged address and no cookie each time, as the flood did.
      headers: { Origin: baseURL!, "X-Forwarded-For": `203.0.113.${i + 1}`, Cookie: "" },
    });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 2)).toEqual([201, 201]);
  expect(statuses.slice(2).every((s) => s === 429)).toBe(true);
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Booking" WHERE email = $1 AND status = 'HOLD'`, [email]);
  expect(rows[0]!.n).toBe(2);
});

for (const mode of ["no-js", "scripts-delayed"] as const) {
  test(`the portal's reschedule and cancel forms post and are saved (${mode})`, async ({ browser, db }) => {
    const { booking } = await appLib();
    const email = `portal-${mode}-${unique()}@example.test`;
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "User" (id, email, role) VALUES (gen_random_uuid()::text, $1, 'CLIENT') RETURNING id`,
      [email],
    );
    const userId = rows[0]!.id;
    const { slots } = await booking.getOpenSlots();
    const slot = slots[slots.length - (mode === "no-js" ? 3 : 6)]!;
    const hold = await booking.createHold({
      slotStart: slot.start.toISOString(),
      firstName: "Portal",
      email,
      phone: "",
      contactMethod: "EMAIL",
      note: "",
      consent: true,
      timeZone: "America/Los_Angeles",
      website: "",
    });
    if (!hold.ok) throw new Error("no hold");
    expect((await booking.confirmHold(hold.bookingId, { id: userId, email })).status).toBe("confirmed");

    const { context, page, release } = await openPage(browser, mode);
    await startSession(db, page, userId);
    await page.goto(`/portal/bookings/${hold.bookingId}/reschedule`, { waitUntil: "domcontentloaded" });
    const choice = page.locator('input[name="slotStart"]').first();
    const newIso = (await choice.getAttribute("value"))!;
    await choice.check();
    await page.getByRole("button", { name: "Move to this time" }).click();
    await expect(page).toHaveURL(/status=rescheduled/);
    const moved = await db.query<{ startsAt: Date }>(`SELECT "startsAt" FROM "Booking" WHERE id = $1`, [hold.bookingId]);
    expect(moved.rows[0]!.startsAt.toISOString()).toBe(newIso);

    await page.goto(`/portal/bookings/${hold.bookingId}/cancel`, { waitUntil: "domcontentloaded" });
    await page.getByRole("button", { name: "Yes, cancel my consultation" }).click();
    await expect(page).toHaveURL(/status=cancelled/);
    const cancelled = await db.query<{ status: string; cancelledBy: string }>(`SELECT status, "cancelledBy" FROM "Booking" WHERE id = $1`, [
      hold.bookingId,
    ]);
    expect(cancelled.rows[0]).toEqual({ status: "CANCELLED", cancelledBy: "CLIENT" });
    release();
    await context.close();
  });
}

test("a confirm link that comes too late brings her back to the booking page with her answers filled in", async ({ page, db }) => {
  const { booking } = await appLib();
  const id = unique();
  const email = `late-${id}@example.test`;
  const { slots } = await booking.getOpenSlots();
  const slot = slots[slots.length - 8]!;
  const hold = await booking.createHold({
    slotStart: slot.start.toISOString(),
    firstName: `Latename${id}`,
    email,
    phone: "",
    contactMethod: "EMAIL",
    note: `Latenote ${id}`,
    consent: true,
    timeZone: "America/Los_Angeles",
    website: "",
  });
  if (!hold.ok) throw new Error("no hold");
  // The hold lapsed and the practice took that day off meanwhile.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(slot.start);
  await db.query(`UPDATE "Booking" SET status = 'EXPIRED' WHERE id = $1`, [hold.bookingId]);
  const { rows: settings } = await db.query<{ daysOff: string[] }>(`SELECT "daysOff" FROM "BookingSettings" WHERE id = 1`);
  await db.query(`UPDATE "BookingSettings" SET "daysOff" = array_append("daysOff", $1) WHERE id = 1`, [day]);
  try {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "User" (id, email, role) VALUES (gen_random_uuid()::text, $1, 'CLIENT') RETURNING id`,
      [email],
    );
    await startSession(db, page, rows[0]!.id);
    await page.goto(`/portal/confirm?booking=${hold.bookingId}`);
    await expect(page).toHaveURL(/\/book\?notice=taken/);
    await expect(page.getByText(/no longer available/).first()).toBeVisible();
    await page.locator(".notice a.slot").first().click();
    await expect(page.getByLabel("First name")).toHaveValue(`Latename${id}`);
    await expect(page.getByLabel(/What would you like help with/)).toHaveValue(`Latenote ${id}`);
    // Signed in with that address: choosing the new time confirms it at once.
    await page.getByLabel(/I agree to be contacted/).check();
    await page.getByRole("button", { name: "Request this time" }).click();
    await expect(page).toHaveURL(/\/portal\?status=confirmed/);
  } finally {
    await db.query(`UPDATE "BookingSettings" SET "daysOff" = $1 WHERE id = 1`, [settings[0]!.daysOff]);
  }
});

test("the emailed link confirms and states the hold the screen stated", async ({ page }) => {
  const id = unique();
  const email = `agree-${id}@example.test`;
  await page.goto("/book");
  await expect(page.getByText("Pacific", { exact: false }).first()).toBeVisible();
  await page.locator("a.slot[data-slot]:visible").first().click();
  await page.getByLabel("First name").fill("Agree");
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel(/I agree to be contacted/).check();
  await page.getByRole("button", { name: "Request this time" }).click();
  const panel = page.getByRole("status").filter({ hasText: "Check your email" });
  const heldUntil = /until (\d{1,2}:\d{2} [AP]M \w+)/.exec((await panel.textContent()) ?? "")?.[1];
  expect(heldUntil).toBeTruthy();
  const [mail] = await waitForEmails((m) => m.to.includes(email));
  expect(mail!.subject).toBe("Confirm your consultation");
  expect(mail!.text).toContain(`until ${heldUntil}`);
  expect(mail!.text).toMatch(/Pacific|P[SD]T/);
  await page.goto(linkFrom(mail!));
  await expect(page).toHaveURL(/\/portal\?status=confirmed/);
});
