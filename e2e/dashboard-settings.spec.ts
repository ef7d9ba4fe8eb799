import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { DateTime } from "luxon";
import { E2E } from "./config";
import { publicValue } from "../lib/practice/defaults";
import { expect, test } from "./fixtures";

const PRACTICE_ZONE = "America/New_York";
// A 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

/** The About page's heading for a stored name: a seeded placeholder is never shown publicly. */
const aboutHeading = (name: string) => (publicValue(name) ? `About ${name}` : "About me");

/** Slot starts on /book that fall on a Monday in the practice's zone. */
async function mondaySlots(page: Page): Promise<string[]> {
  await page.goto("/book");
  await expect(page.getByRole("heading", { name: "Open times" })).toBeVisible();
  const starts = await page.locator("a.slot[data-slot]").evaluateAll((links) => links.map((a) => a.getAttribute("data-slot") ?? ""));
  return starts.filter((iso) => DateTime.fromISO(iso, { zone: PRACTICE_ZONE }).weekday === 1);
}

async function saveAvailability(page: Page) {
  await page.getByRole("button", { name: "Save availability" }).click();
  await expect(page.getByText("Saved.", { exact: false }).first()).toBeVisible();
}

test("availability changes show on /book at once, and bookings left outside are listed, never cancelled", async ({
  page,
  db,
  signInAsClinician,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const { rows } = await db.query(`SELECT * FROM "BookingSettings" WHERE id = 1`);
  const original = rows[0] as {
    timeZone: string;
    windows: { weekday: number; start: string; end: string }[];
    slotMinutes: number;
    bufferMinutes: number;
    minNoticeMinutes: number;
    horizonDays: number;
    cancelCutoffMinutes: number;
    daysOff: string[];
  };
  expect(
    original.windows.some((w) => w.weekday === 1),
    "the seeded availability has no Monday hours",
  ).toBe(false);
  const bookingId = randomUUID();
  const clientEmail = `outside-${Date.now()}@example.test`;
  try {
    await signInAsClinician(page);
    expect(await mondaySlots(page)).toEqual([]);

    await page.goto("/dashboard/availability");
    await expect(page.getByRole("heading", { level: 1, name: "Availability" })).toBeVisible();
    await expectAccessible(page);

    // A mistake is explained next to its field and nothing is saved.
    const length = page.getByLabel("Consultation length (minutes)");
    await length.fill("twenty");
    await page.getByRole("button", { name: "Save availability" }).click();
    await expect(page.getByText("Consultation length must be a whole number of minutes")).toBeVisible();
    await expect(length).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await length.fill(String(original.slotMinutes));

    // Add Monday 09:00–10:00: /book offers Monday times straight away.
    const mondayHours = page.getByRole("group", { name: "Monday", exact: true });
    await mondayHours.getByLabel("From", { exact: true }).fill("09:00");
    await mondayHours.getByLabel("Until").first().fill("10:00");
    await saveAvailability(page);
    await expect(page.getByText("These bookings are now outside your availability")).toHaveCount(0);

    const monday = await mondaySlots(page);
    expect(monday.length).toBeGreaterThan(0);

    // A client confirmed the first Monday time.
    const start = new Date(monday[0]!);
    const end = new Date(start.getTime() + original.slotMinutes * 60_000);
    await db.query(
      `INSERT INTO "Booking" (id, "icsUid", status, "startsAt", "endsAt", "blockedUntil", email, "firstNameEnc", "contactMethod", "consentAt", "clientTimeZone", "confirmedAt", "updatedAt")
       VALUES ($1, $2, 'CONFIRMED', $3, $4, $5, $6, 'not-read', 'EMAIL', now(), $7, now(), now())`,
      [bookingId, `${bookingId}@haven`, start, end, new Date(end.getTime() + original.bufferMinutes * 60_000), clientEmail, PRACTICE_ZONE],
    );

    // Removing Monday lists that booking for her to follow up, and leaves it confirmed.
    await page.goto("/dashboard/availability");
    const monday2 = page.getByRole("group", { name: "Monday", exact: true });
    await expect(monday2.getByLabel("From", { exact: true })).toHaveValue("09:00");
    await monday2.getByLabel("From", { exact: true }).fill("");
    await monday2.getByLabel("Until").first().fill("");
    await saveAvailability(page);
    const status = page.getByRole("status").filter({ hasText: "Saved." });
    await expect(status.getByText("These bookings are now outside your availability:")).toBeVisible();
    await expect(status.getByRole("listitem").filter({ hasText: clientEmail })).toContainText(
      DateTime.fromJSDate(start, { zone: PRACTICE_ZONE }).setLocale("en-US").toFormat("cccc, LLLL d, yyyy"),
    );
    await expect(status).toContainText("They have not been cancelled.");
    const after = await db.query(`SELECT status FROM "Booking" WHERE id = $1`, [bookingId]);
    expect(after.rows[0]?.status).toBe("CONFIRMED");

    expect(await mondaySlots(page)).toEqual([]);
  } finally {
    await db.query(`DELETE FROM "Booking" WHERE id = $1`, [bookingId]);
    await db.query(
      `UPDATE "BookingSettings" SET "timeZone" = $1, windows = $2::jsonb, "slotMinutes" = $3, "bufferMinutes" = $4, "minNoticeMinutes" = $5,
         "horizonDays" = $6, "cancelCutoffMinutes" = $7, "daysOff" = $8, "updatedAt" = now() WHERE id = 1`,
      [
        original.timeZone,
        JSON.stringify(original.windows),
        original.slotMinutes,
        original.bufferMinutes,
        original.minNoticeMinutes,
        original.horizonDays,
        original.cancelCutoffMinutes,
        original.daysOff,
      ],
    );
  }
});

test("profile changes show on the public pages at once; photos are checked; the EPDS needs confirmed permission", async ({
  page,
  db,
  signInAsClinician,
  expectAccessible,
}) => {
  test.setTimeout(120_000);
  const practice = (await db.query(`SELECT "clinicianName", photo, "photoType" FROM "PracticeSettings" WHERE id = 1`)).rows[0] as {
    clinicianName: string;
    photo: Buffer | null;
    photoType: string | null;
  };
  const clinical = (await db.query(`SELECT * FROM "ClinicalSettings" WHERE id = 1`)).rows[0] as Record<string, unknown> | undefined;
  const newName = `Dr. Settings Check ${Date.now()}`;
  let renamed = false;
  try {
    await signInAsClinician(page);
    // The public pages are pre-rendered; look at them first so a stale copy would show.
    await page.goto("/about");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(aboutHeading(practice.clinicianName));

    await page.goto("/dashboard/profile");
    await expect(page.getByRole("heading", { level: 1, name: "Practice profile" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Your name").fill(newName);
    renamed = true;
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByText("Saved. The public pages now show your changes.")).toBeVisible();

    await page.goto("/");
    await expect(page.getByText(`${newName} is a clinical psychologist`)).toBeVisible();
    await page.goto("/about");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`About ${newName}`);

    // A text file renamed .png is refused with a clear message.
    await page.goto("/dashboard/profile");
    const photoInput = page.getByLabel("Choose a photo");
    await photoInput.setInputFiles({
      name: "portrait.png",
      mimeType: "image/png",
      buffer: Buffer.from("This is a text file, not a photo.\n"),
    });
    await page.getByRole("button", { name: "Upload photo" }).click();
    await expect(page.getByText("That file is not a JPEG, PNG or WebP image even though its name says it is one.")).toBeVisible();
    await expect(photoInput).toHaveAttribute("aria-invalid", "true");
    expect((await page.request.get("/practice-photo")).status()).toBe(404);

    // A real PNG is stored, previewed and served with its type and an ETag.
    await photoInput.setInputFiles({ name: "portrait.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Upload photo" }).click();
    await expect(page.getByText("Photo saved.")).toBeVisible();
    await expect(page.getByRole("img", { name: "Your current profile photo" })).toBeVisible();
    const served = await page.request.get("/practice-photo");
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("image/png");
    const etag = served.headers()["etag"]!;
    expect(etag).toBeTruthy();
    expect((await page.request.get("/practice-photo", { headers: { "If-None-Match": etag } })).status()).toBe(304);
    await page.getByRole("button", { name: "Remove photo" }).click();
    await expect(page.getByText("Photo removed.")).toBeVisible();
    expect((await page.request.get("/practice-photo")).status()).toBe(404);

    // The EPDS cannot be turned on without confirming permission.
    await page.getByLabel("Include the EPDS in the intake questionnaire").check();
    await page.getByRole("button", { name: "Save EPDS setting" }).click();
    const confirm = page.getByLabel("I confirm I hold written permission from the Royal College of Psychiatrists to use the EPDS online");
    await expect(page.getByText(/can only be turned on once you confirm that you hold written permission/)).toBeVisible();
    await expect(confirm).toHaveAttribute("aria-invalid", "true");
    await expect(confirm).toBeFocused();
    const refused = await db.query(`SELECT "epdsEnabled" FROM "ClinicalSettings" WHERE id = 1`);
    expect(refused.rows[0]?.epdsEnabled ?? false).toBe(false);
    await expectAccessible(page);

    // With the confirmation it is turned on, and who and when are recorded and shown.
    await confirm.check();
    await page.getByLabel(/sensitive cut-off of 10/).check();
    await page.getByRole("button", { name: "Save EPDS setting" }).click();
    await expect(page.getByText("Saved. The EPDS is part of the intake questionnaire.")).toBeVisible();
    await expect(page.getByText(`Permission confirmed by ${E2E.clinicianLoginEmail} on`)).toBeVisible();
    const enabled = (await db.query(`SELECT * FROM "ClinicalSettings" WHERE id = 1`)).rows[0];
    expect(enabled).toMatchObject({ epdsEnabled: true, epdsSensitiveCutoff: true, epdsPermissionBy: E2E.clinicianLoginEmail });
    expect(Math.abs(Date.now() - new Date(enabled.epdsPermissionAt).getTime())).toBeLessThan(5 * 60_000);
    const audit = await db.query(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'settings.epds' AND at > now() - interval '5 minutes'`,
    );
    expect(audit.rows[0].n).toBeGreaterThan(0);

    await page.reload();
    await expect(page.getByText(`Permission confirmed by ${E2E.clinicianLoginEmail} on`)).toBeVisible();
    await page.getByLabel("Include the EPDS in the intake questionnaire").uncheck();
    await page.getByRole("button", { name: "Save EPDS setting" }).click();
    await expect(page.getByText("Saved. The EPDS is turned off.")).toBeVisible();
    await expect(page.getByText("Currently turned off.")).toBeVisible();
  } finally {
    if (clinical) {
      await db.query(
        `UPDATE "ClinicalSettings" SET "epdsEnabled" = $1, "epdsPermissionBy" = $2, "epdsPermissionAt" = $3, "epdsSensitiveCutoff" = $4 WHERE id = 1`,
        [clinical.epdsEnabled, clinical.epdsPermissionBy, clinical.epdsPermissionAt, clinical.epdsSensitiveCutoff],
      );
    } else {
      await db.query(`DELETE FROM "ClinicalSettings" WHERE id = 1`);
    }
    await db.query(`UPDATE "PracticeSettings" SET photo = $1, "photoType" = $2 WHERE id = 1`, [practice.photo, practice.photoType]);
    if (renamed) {
      // Through the form, so the pre-rendered public pages are rebuilt with the original name too.
      await page.goto("/dashboard/profile");
      await page.getByLabel("Your name").fill(practice.clinicianName);
      await page.getByRole("button", { name: "Save profile" }).click();
      await expect(page.getByText("Saved. The public pages now show your changes.")).toBeVisible();
      await page.goto("/about");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(aboutHeading(practice.clinicianName));
    }
  }
});

test("clients and visitors are sent to the clinician sign-in", async ({ page, signInAsClient }) => {
  await signInAsClient(page);
  for (const path of ["/dashboard/availability", "/dashboard/profile"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/dashboard\/signin\?callbackUrl=/);
    await expect(page.getByLabel("Consultation length (minutes)")).toHaveCount(0);
    await expect(page.getByLabel("Your name")).toHaveCount(0);
  }
  await page.context().clearCookies();
  await page.goto("/dashboard/profile");
  await expect(page).toHaveURL(/\/dashboard\/signin\?callbackUrl=/);
});
