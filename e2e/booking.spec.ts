import { expect, test } from "./fixtures";
import { E2E } from "./config";
import { allEmails, everything, linkFrom, waitForEmails } from "./mail";

// Clients book from their own time zone; the practice is in New York.
test.use({ timezoneId: "America/Los_Angeles" });

test.beforeEach(async ({ db }) => {
  // Every test books from 127.0.0.1; start each with fresh abuse counters.
  await db.query("DELETE FROM rate_limit");
});

const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

async function pickFirstSlot(page: import("@playwright/test").Page, skip = 0) {
  await page.goto("/book");
  await expect(page.getByText("Pacific", { exact: false }).first()).toBeVisible();
  const slot = page.locator("a.slot[data-slot]").nth(skip);
  const iso = (await slot.getAttribute("data-slot"))!;
  await slot.click();
  await expect(page).toHaveURL(/slot=/);
  await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();
  return iso;
}

test("book, confirm by email link, see it in the portal, download the invitation, reschedule and cancel", async ({
  page,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const id = unique();
  const client = {
    firstName: `Canaryname${id}`,
    email: `client-${id}@example.test`,
    phone: `(555) 01${id.slice(-5)}`,
    note: `Canarynote ${id} sleep and intrusive thoughts`,
  };

  const iso = await pickFirstSlot(page);
  await expectAccessible(page);

  // Bad input: clear messages, nothing is lost.
  await page.getByRole("button", { name: "Request this time" }).click();
  await expect(page.getByText("Please tell us your first name.")).toBeVisible();
  await expect(page.getByText("Please agree to be contacted about your consultation.")).toBeVisible();

  await page.getByLabel("First name").fill(client.firstName);
  await page.getByRole("textbox", { name: "Email" }).fill(client.email);
  await page.getByLabel("Text message").check();
  await page.getByRole("button", { name: "Request this time" }).click();
  await expect(page.getByText("Please add a phone number so we can call or text you.")).toBeVisible();
  await expect(page.getByLabel("First name")).toHaveValue(client.firstName);
  await page.getByLabel(/^Phone/).fill(client.phone);
  await page.getByLabel(/What would you like help with/).fill(client.note);
  await page.getByLabel(/I agree to be contacted/).check();
  await page.getByRole("button", { name: "Request this time" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();

  // While held, the slot is gone for everyone else.
  await page.goto("/book");
  await expect(page.locator(`a.slot[data-slot="${iso}"]`)).toHaveCount(0);

  const [signInMail] = await waitForEmails((m) => m.to.includes(client.email) && m.subject === "Confirm your consultation");
  const link = linkFrom(signInMail!);
  expect(link).not.toContain(encodeURIComponent(client.email));
  await page.goto(link);
  await expect(page).toHaveURL(/\/portal\?status=confirmed/);
  await expect(page.getByText("Your consultation is confirmed")).toBeVisible();

  // Shown in the browser's zone (Los Angeles), not the practice's.
  const expectedTime = new Intl.DateTimeFormat("en-US", { timeZone: "America/Los_Angeles", hour: "numeric", minute: "2-digit" }).format(
    new Date(iso),
  );
  const card = page.locator(".booking-card");
  await expect(card).toContainText(expectedTime);
  await expect(card).toContainText("Pacific");
  await expectAccessible(page);

  // The link works once.
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This sign-in link has expired or was already used");

  // Sign in again for the rest of the journey.
  await page.goto("/signin");
  await page.getByLabel("Email").fill(client.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const [again] = await waitForEmails((m) => m.to.includes(client.email) && /sign-in link/i.test(m.subject) && linkFrom(m) !== link);
  await page.goto(linkFrom(again!));
  await expect(page).toHaveURL(/\/portal/);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Add to calendar" }).click();
  const ics = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  });
  // A copy for her own calendar: published, with nothing to reply to.
  expect(ics).toContain("METHOD:PUBLISH");
  const uid = /UID:(.+)/.exec(ics)?.[1]?.trim();
  expect(uid).toBeTruthy();
  const utcStart = iso.replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  expect(ics).toContain(`DTSTART:${utcStart}`);

  const [confirmation] = await waitForEmails((m) => m.to.includes(client.email) && /confirmed/i.test(m.subject));
  expect(confirmation!.attachments.some((a) => a.contentType.startsWith("text/calendar") && a.content.includes(`UID:${uid}`))).toBe(true);

  // Reschedule to another time.
  await page.getByRole("link", { name: "Reschedule" }).click();
  const choices = page.locator('input[name="slotStart"]');
  const newIso = (await choices.nth(1).getAttribute("value"))!;
  await choices.nth(1).check();
  await page.getByRole("button", { name: "Move to this time" }).click();
  await expect(page).toHaveURL(/status=rescheduled/);
  const [moved] = await waitForEmails((m) => m.to.includes(client.email) && /new time/i.test(m.subject));
  const movedIcs = moved!.attachments.find((a) => a.contentType.startsWith("text/calendar"))!.content;
  expect(movedIcs).toContain(`UID:${uid}`);
  expect(movedIcs).toMatch(/SEQUENCE:1/);

  await page.goto("/book");
  await expect(page.locator(`a.slot[data-slot="${iso}"]`)).toHaveCount(1);
  await expect(page.locator(`a.slot[data-slot="${newIso}"]`)).toHaveCount(0);

  // Cancel: the time comes back.
  await page.goto("/portal");
  await page.getByRole("link", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Yes, cancel my consultation" }).click();
  await expect(page).toHaveURL(/status=cancelled/);
  await expect(page.getByText("You have no upcoming consultation.")).toBeVisible();
  const [cancelled] = await waitForEmails((m) => m.to.includes(client.email) && /cancelled/i.test(m.subject));
  expect(cancelled!.attachments.find((a) => a.contentType.startsWith("text/calendar"))!.content).toContain("METHOD:CANCEL");
  await page.goto("/book");
  await expect(page.locator(`a.slot[data-slot="${newIso}"]`)).toHaveCount(1);

  // The clinician heard of each step, and learned nothing about who it was.
  const clinicianMails = await waitForEmails((m) => m.to.includes(E2E.clinicianEmail), { count: 3 });
  const subjects = clinicianMails.map((m) => m.subject).join(" | ");
  expect(subjects).toMatch(/booked/);
  expect(subjects).toMatch(/rescheduled/);
  expect(subjects).toMatch(/cancelled/);
  for (const mail of clinicianMails) {
    const text = everything(mail);
    for (const secret of [client.firstName, client.email, client.phone, client.note, "Canarynote", "Canaryname", id]) {
      expect(text, `clinician email "${mail.subject}"`).not.toContain(secret);
    }
  }
});

test("the portal is for signed-in clients only", async ({ page }) => {
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fportal/);
  const response = await page.request.get("/portal/bookings/anything/calendar.ics");
  expect(response.status()).toBe(404);
});

test("the booking endpoint refuses tampered or past slots, cross-site posts, bots and floods", async ({ page, baseURL, db }) => {
  await page.goto("/book");
  const post = (body: object, origin = baseURL!) => page.request.post("/api/bookings/hold", { data: body, headers: { Origin: origin } });
  const valid = {
    firstName: "Test",
    email: `t-${unique()}@example.test`,
    contactMethod: "EMAIL",
    consent: true,
    timeZone: "America/New_York",
  };
  const past = await post({ ...valid, slotStart: "2020-01-07T14:00:00.000Z" });
  expect(past.status()).toBe(409);
  expect((await past.json()).error).toMatch(/no longer available/);
  const offGrid = await post({ ...valid, slotStart: new Date(Date.now() + 3 * 86400_000).toISOString() });
  expect(offGrid.status()).toBe(409);
  const bad = await post({ ...valid, email: "not-an-email", slotStart: "x" });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).fieldErrors.email[0]).toMatch(/valid email/);
  const crossSite = await post({ ...valid, slotStart: "2020-01-07T14:00:00.000Z" }, "https://evil.example");
  expect(crossSite.status()).toBe(403);

  // A bot that fills the hidden field is told "fine" and nothing is stored.
  await page.goto("/book");
  const openSlot = await page.locator("a.slot[data-slot]").first().getAttribute("data-slot");
  const botEmail = `bot-${unique()}@example.test`;
  const bot = await post({ ...valid, email: botEmail, slotStart: openSlot!, website: "http://spam.example" });
  expect(bot.status()).toBe(202);
  const stored = await db.query(`SELECT count(*)::int AS n FROM "Booking" WHERE email = $1`, [botEmail]);
  expect(stored.rows[0].n).toBe(0);

  let last = 0;
  for (let i = 0; i < 12; i++) last = (await post({ ...valid, slotStart: "2020-01-07T14:00:00.000Z" })).status();
  expect(last).toBe(429);
  const mails = await allEmails();
  expect(mails.some((m) => m.to.includes(valid.email))).toBe(false);
});

test("the booking page works without JavaScript enough to see and pick times", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, timezoneId: "America/Los_Angeles" });
  const page = await context.newPage();
  await page.goto("/book?tz=America/Chicago");
  await expect(page.getByText("Central", { exact: false }).first()).toBeVisible();
  const slot = page.locator("a.slot[data-slot]").first();
  await expect(slot).toBeVisible();
  await slot.click();
  await expect(page.locator(".selected-slot")).toBeVisible();
  await context.close();
});
