/**
 * Her real calendar and how she meets clients (issue 12), end to end: busy times from ICS files
 * served by a local HTTP server, the subscription feed, consultation details in every place,
 * reminders outside quiet hours, and scheduling from her side.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { expect, startSession, test } from "./fixtures";
import { appLib } from "./app-lib";
import { E2E } from "./config";
import { everything, waitForEmails } from "./mail";

test.use({ timezoneId: "America/Los_Angeles" });

const NY = "America/New_York";
const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
const ics = (events: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//e2e//EN", ...events, "END:VCALENDAR"].join("\r\n");

// The calendars her other systems publish, served from this test process.
let calendarBody = ics([]);
let calendarStatus = 200;
const server = http.createServer((req, res) => {
  if (req.url === "/login")
    return void res.writeHead(200, { "content-type": "text/html" }).end(readFileSync(path.join("e2e/fixtures/calendars/login-page.txt")));
  res.writeHead(calendarStatus, { "content-type": "text/calendar" }).end(calendarStatus === 200 ? calendarBody : "unavailable");
});
let base = "";

test.beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

test.beforeEach(async ({ db }) => {
  await db.query("DELETE FROM rate_limit");
  await db.query(`DELETE FROM "CalendarSource"`);
  calendarStatus = 200;
});

async function openSlotStarts(): Promise<Date[]> {
  const { booking } = await appLib();
  return (await booking.getOpenSlots()).slots.map((s) => s.start);
}

test("a busy event from her calendar removes that time; a failing fetch keeps the last copy and shows its age", async ({
  page,
  signInAsClinician,
  expectAccessible,
}) => {
  test.setTimeout(90_000);
  const [target] = (await openSlotStarts()).slice(-1);
  calendarBody = ics([
    [
      "BEGIN:VEVENT",
      "UID:busy-1",
      `DTSTART:${stamp(target!)}`,
      `DTEND:${stamp(new Date(target!.getTime() + 15 * 60_000))}`,
      "SUMMARY:Private client",
      "END:VEVENT",
    ].join("\r\n"),
  ]);
  await signInAsClinician(page);
  await page.goto("/dashboard/availability");

  // Bad addresses first: a sentence each, nothing connected.
  await page.getByLabel("Name").fill("Practice system");
  await page.getByLabel("Secret iCal (ICS) address").fill("my calendar");
  await page.getByRole("button", { name: "Connect calendar" }).click();
  await expect(page.getByText(/not a web address/).first()).toBeVisible();
  await page.getByLabel("Secret iCal (ICS) address").fill(`${base}/login`);
  await page.getByRole("button", { name: "Connect calendar" }).click();
  await expect(page.getByText(/web page, not a calendar/).first()).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Practice system");

  await page.getByLabel("Secret iCal (ICS) address").fill(`${base}/practice.ics`);
  await page.getByRole("button", { name: "Connect calendar" }).click();
  await expect(page.getByText(/Connected "Practice system": 1 busy times/)).toBeVisible();
  await expectAccessible(page);
  expect((await openSlotStarts()).map((d) => d.toISOString())).not.toContain(target!.toISOString());
  await page.goto("/book");
  await expect(page.locator(`a.slot[data-slot="${target!.toISOString()}"]`)).toHaveCount(0);

  // The calendar's server fails: the busy time stays, and her dashboard says so and how old it is.
  calendarStatus = 500;
  await page.goto("/dashboard/availability");
  const card = page.locator('[data-calendar="Practice system"]');
  await card.getByRole("button", { name: "Fetch now" }).click();
  await expect(card.getByText("Last fetch failed")).toBeVisible();
  await expect(card).toContainText("(500)");
  await expect(card).toContainText(/Using the busy times from .*(just now|minute)/);
  expect((await openSlotStarts()).map((d) => d.toISOString())).not.toContain(target!.toISOString());
});

test("a weekly busy event across the March DST change removes 9:00 New York time on both sides of it", async ({
  page,
  db,
  signInAsClinician,
}) => {
  test.setTimeout(90_000);
  const { rows } = await db.query<{ horizonDays: number }>(`SELECT "horizonDays" FROM "BookingSettings" WHERE id = 1`);
  const horizon = rows[0]!.horizonDays;
  // Long enough to reach past the second Sunday of March.
  await db.query(`UPDATE "BookingSettings" SET "horizonDays" = 150 WHERE id = 1`);
  try {
    const firstTuesday = DateTime.now().setZone(NY).plus({ days: 2 }).startOf("week").plus({ weeks: 1, days: 1 });
    calendarBody = readFileSync("e2e/fixtures/calendars/practice.ics", "utf8").replace(
      "DTSTART;TZID=America/New_York:20260303T090000\r\nDTEND;TZID=America/New_York:20260303T100000\r\nRRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T235959Z",
      `DTSTART;TZID=America/New_York:${firstTuesday.toFormat("yyyyLLdd")}T090000\r\nDTEND;TZID=America/New_York:${firstTuesday.toFormat("yyyyLLdd")}T092000\r\nRRULE:FREQ=WEEKLY;BYDAY=TU`,
    );
    await signInAsClinician(page);
    await page.goto("/dashboard/availability");
    await page.getByLabel("Name").fill("Weekly");
    await page.getByLabel("Secret iCal (ICS) address").fill(`${base}/weekly.ics`);
    await page.getByRole("button", { name: "Connect calendar" }).click();
    await expect(page.getByText(/Connected "Weekly"/)).toBeVisible();

    const offered = (await openSlotStarts()).map((d) => DateTime.fromJSDate(d, { zone: NY }));
    const tuesdays = offered.filter((d) => d.weekday === 2 && d > firstTuesday);
    const before = tuesdays.filter((d) => d.isInDST === false && d.month !== 3);
    const after = tuesdays.filter((d) => d.isInDST);
    expect(before.length, "Tuesday slots before the change").toBeGreaterThan(0);
    expect(after.length, "Tuesday slots after the change").toBeGreaterThan(0);
    // 9:00 is busy every Tuesday, in winter (14:00 UTC) and in summer time (13:00 UTC); 9:30 is free.
    expect(tuesdays.some((d) => d.hour === 9 && d.minute === 0)).toBe(false);
    expect(before.some((d) => d.hour === 9 && d.minute === 30)).toBe(true);
    expect(after.some((d) => d.hour === 9 && d.minute === 30)).toBe(true);
  } finally {
    await db.query(`UPDATE "BookingSettings" SET "horizonDays" = $1 WHERE id = 1`, [horizon]);
  }
});

test("video consultations: the link reaches the client's emails, portal and .ics; reminders avoid her quiet hours; her feed lists it", async ({
  page,
  db,
  signInAsClinician,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const room = `https://meet.example.test/room-${Date.now()}`;
  await signInAsClinician(page);
  await page.goto("/dashboard/availability");
  await page.getByLabel("By video").check();
  await page.getByLabel("Your standing video-room link").fill(room);
  await page.getByLabel("First reminder").selectOption({ label: "24 hours before" });
  await page.getByLabel("Second reminder").selectOption({ label: "1 hour before" });
  await page.getByRole("button", { name: "Save consultation details" }).click();
  await expect(page.getByText("Saved. New confirmations and reminders use these details.")).toBeVisible();

  // Her subscription address, made before the booking.
  await page.getByRole("button", { name: /Make .*address/ }).click();
  const feed = await page.getByLabel("Subscription address").inputValue();
  expect(feed).toContain("/api/calendar-feed/");

  try {
    await page.goto("/book");
    await expect(page.getByText("By video: a private link to join comes with your confirmation.")).toBeVisible();
    await expect(page.getByText(room)).toHaveCount(0);

    // A client in Los Angeles books the earliest time: 9:00 New York is 6:00 for her.
    const { booking } = await appLib();
    const email = `video-${Date.now()}@example.test`;
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "User" (id, email, role) VALUES (gen_random_uuid()::text, $1, 'CLIENT') RETURNING id`,
      [email],
    );
    const slots = await openSlotStarts();
    const early = slots.find((d) => DateTime.fromJSDate(d, { zone: NY }).hour === 9) ?? slots[0]!;
    const hold = await booking.createHold({
      slotStart: early.toISOString(),
      firstName: "Videoname",
      email,
      phone: "",
      contactMethod: "EMAIL",
      note: "",
      consent: true,
      timeZone: "America/Los_Angeles",
      website: "",
    });
    if (!hold.ok) throw new Error("no hold");
    expect((await booking.confirmHold(hold.bookingId, { id: rows[0]!.id, email })).status).toBe("confirmed");

    const [confirmation] = await waitForEmails((m) => m.to.includes(email) && m.subject === "Your consultation is confirmed");
    expect(confirmation!.text).toContain(`Join at ${room}`);
    expect(confirmation!.text).toContain("calendar.google.com");
    const invite = confirmation!.attachments.find((a) => a.contentType.startsWith("text/calendar"))!.content;
    const event = new ICAL.Component(ICAL.parse(invite)).getFirstSubcomponent("vevent")!;
    expect(event.getFirstPropertyValue("summary")).toBe("Appointment");
    expect(event.getFirstPropertyValue("location")).toBe(room);
    expect(event.getFirstSubcomponent("valarm")).not.toBeNull();
    expect(event.getFirstProperty("attendee")!.getParameter("rsvp")).toBe("FALSE");

    // Reminders: none inside 21:00-08:00 in her zone.
    const reminders = await db.query<{ sendAfter: Date }>(
      `SELECT "sendAfter" FROM "OutboxEmail" WHERE "bookingId" = $1 AND kind = 'booking.reminder.client' AND status = 'PENDING'`,
      [hold.bookingId],
    );
    expect(reminders.rows.length).toBeGreaterThan(0);
    for (const { sendAfter } of reminders.rows) {
      const local = DateTime.fromJSDate(sendAfter, { zone: "America/Los_Angeles" });
      expect(local.hour >= 8 && local.hour < 21, `reminder at ${local.toISO()}`).toBe(true);
    }

    // Her portal: how it happens and the Join button (not open yet).
    const client = await page.context().browser()!.newContext({ timezoneId: "America/Los_Angeles" });
    const clientPage = await client.newPage();
    await startSession(db, clientPage, rows[0]!.id);
    await clientPage.goto("/portal");
    const card = clientPage.locator(`[data-booking="${hold.bookingId}"]`);
    await expect(card).toContainText(`Join at ${room}`);
    await expect(card.getByText("Join video")).toBeVisible();
    await expect(card.getByRole("link", { name: "Google Calendar" })).toHaveAttribute("href", /calendar\.google\.com/);
    const download = await clientPage.request.get(`/portal/bookings/${hold.bookingId}/calendar.ics`);
    const published = new ICAL.Component(ICAL.parse(await download.text()));
    expect(published.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(published.getFirstSubcomponent("vevent")!.getFirstPropertyValue("location")).toBe(room);
    await client.close();

    // The clinician's notice: how it happens, nothing about who.
    const [notice] = await waitForEmails(
      (m) => m.to.includes(E2E.clinicianEmail) && m.subject === "A consultation was booked" && m.text.includes(room),
    );
    expect(everything(notice!)).not.toContain("Videoname");
    expect(everything(notice!)).not.toContain(email);

    // Her feed parses and lists it; revoking ends it.
    const feedBody = await (await page.request.get(feed)).text();
    const uids = new ICAL.Component(ICAL.parse(feedBody)).getAllSubcomponents("vevent").map((e) => String(e.getFirstPropertyValue("uid")));
    const { rows: uidRows } = await db.query<{ icsUid: string }>(`SELECT "icsUid" FROM "Booking" WHERE id = $1`, [hold.bookingId]);
    expect(uids).toContain(uidRows[0]!.icsUid);
    expect(feedBody).not.toContain("Videoname");
    await page.goto("/dashboard/availability");
    await page.getByRole("button", { name: "Revoke the address" }).click();
    await expect(page.getByText("The subscription address no longer works.")).toBeVisible();
    expect((await page.request.get(feed)).status()).toBe(404);
    await expectAccessible(page);
  } finally {
    await db.query(
      `UPDATE "BookingSettings" SET "consultationMode" = 'PHONE_CLINICIAN_CALLS', "videoRoomUrlEnc" = NULL, "reminderMinutes" = ARRAY[1440] WHERE id = 1`,
    );
  }
});

test("she books someone who phoned, moves it and cancels it with a confirmation step; the client gets each email", async ({
  page,
  signInAsClinician,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const email = `phoned-${Date.now()}@example.test`;
  await signInAsClinician(page);
  await page.goto("/dashboard/bookings");
  await page.getByRole("link", { name: "Book for someone who phoned" }).click();
  await expectAccessible(page);
  // A mistake keeps what she typed.
  await page.getByLabel("Client's first name").fill("Phonedname");
  await page.getByLabel("Client's email").fill(email);
  await page.getByRole("button", { name: "Book and email the client" }).click();
  await expect(page.getByText("Please choose a time from the list.").first()).toBeVisible();
  await expect(page.getByLabel("Client's email")).toHaveValue(email);
  const time = page.getByLabel("Time");
  const first = await time.locator("option").nth(1).getAttribute("value");
  await time.selectOption(first!);
  await page.getByLabel("Client's phone").fill("(555) 010-2020");
  await page.getByRole("button", { name: "Book and email the client" }).click();
  await expect(page.getByText(/^Booked\. The client has been emailed/)).toBeVisible();
  await waitForEmails((m) => m.to.includes(email) && m.subject === "Your consultation is confirmed");

  const row = page.locator("tr[data-booking]").filter({ hasText: email });
  await row.getByRole("link", { name: "Move…" }).click();
  await expectAccessible(page);
  const move = page.getByLabel("Time");
  await move.selectOption((await move.locator("option").nth(3).getAttribute("value"))!);
  await page.getByLabel("Message to the client (optional)").fill("Something came up, sorry.");
  await page.getByRole("button", { name: "Move and email the client" }).click();
  await expect(page.getByText(/^Moved\./)).toBeVisible();
  const [moved] = await waitForEmails((m) => m.to.includes(email) && m.subject === "Your consultation has a new time");
  expect(moved!.text).toContain("Something came up, sorry.");
  expect(moved!.attachments.find((a) => a.contentType.startsWith("text/calendar"))!.content).toMatch(/SEQUENCE:1/);

  await page.locator("tr[data-booking]").filter({ hasText: email }).getByRole("link", { name: "Cancel…" }).click();
  await expectAccessible(page);
  // No single click cancels: without the tick nothing happens.
  await page.getByRole("button", { name: "Cancel the consultation" }).click();
  await expect(page.getByText("Please tick the box to confirm").first()).toBeVisible();
  await page.getByLabel("Reason (kept for you, never sent)").fill("Illness");
  await page.getByLabel("Yes, cancel this consultation and email the client").check();
  await page.getByRole("button", { name: "Cancel the consultation" }).click();
  await expect(page.getByText(/^Cancelled\. The client has been emailed/)).toBeVisible();
  const cancelledRow = page.locator("tr[data-booking]").filter({ hasText: email });
  await expect(cancelledRow).toContainText("Cancelled by you");
  await expect(cancelledRow).toContainText("Reason: Illness");
  const [cancelled] = await waitForEmails((m) => m.to.includes(email) && m.subject === "Your consultation was cancelled");
  expect(everything(cancelled!)).not.toContain("Illness");
});

test("the booking page on a phone: a day strip, one day's times, the zone named for those dates", async ({ page, expectAccessible }) => {
  await page.goto("/book");
  const strip = page.getByRole("navigation", { name: "Days with open times" });
  const chips = strip.getByRole("link");
  expect(await chips.count()).toBeGreaterThan(1);
  await expect(page.getByText("Pacific Standard Time").first()).toBeVisible();
  const visible = page.locator("a.slot[data-slot]:visible");
  const firstDay = await visible.first().getAttribute("data-slot");
  await chips.nth(1).click();
  await expect(chips.nth(1)).toHaveAttribute("aria-current", "date");
  await expect(page).toHaveURL(/day=/);
  expect(await visible.first().getAttribute("data-slot")).not.toBe(firstDay);
  // Nothing widens the page beyond the phone's screen (the strip scrolls by itself).
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
  // The list is one day long, not weeks of times.
  const height = await page.locator(".book-times").evaluate((el) => el.getBoundingClientRect().height);
  expect(height).toBeLessThan(1200);
  await expectAccessible(page);
});
