/**
 * The clinician's settings, each owned by its domain (lib/booking/rules.ts, lib/practice/,
 * lib/intake/settings.ts), against the real PostgreSQL test database: availability validation,
 * bookings left outside a new availability (listed, never changed), the public profile and
 * its revalidation, photo type checks by content, and the EPDS permission record.
 * next/cache only works inside Next, and the session needs a request: both are mocked.
 */
import sharp from "sharp";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath, revalidateTag: vi.fn(), updateTag: vi.fn() }));

const CLINICIAN = vi.hoisted(() => ({
  id: "vt-settings-clinician",
  email: "dr.settings@practice.test",
  role: "CLINICIAN" as const,
  sessionId: "s",
}));
const requireClinician = vi.hoisted(() => vi.fn(async () => CLINICIAN));
vi.mock("@/lib/auth/session", () => ({ requireClinician }));

const { prisma } = await import("@/lib/platform/db");
const settings = {
  ...(await import("@/lib/booking/rules")),
  ...(await import("@/lib/practice/profile")),
  ...(await import("@/lib/practice/photo")),
  ...(await import("@/lib/practice/schema")),
  ...(await import("@/lib/intake/settings")),
  epdsSchema: (await import("@/lib/intake/schema")).epdsSchema,
};
const actions = {
  ...(await import("@/lib/actions/booking")),
  ...(await import("@/lib/actions/practice")),
  ...(await import("@/lib/actions/intake")),
};
const { getOpenSlots } = await import("@/lib/booking/queries");
const { DEFAULT_BOOKING_SETTINGS } = settings;
const { PLACEHOLDER_SETTINGS } = await import("@/lib/practice/defaults");
const { fieldErrorsFrom } = await import("@/lib/platform/validation");

/** A form as the browser posts it (fields left undefined are not sent). */
function posted(fields: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) data.set(name, String(value));
  return data;
}

/** Parse, then store: the two steps the availability action takes once the clinician is checked. */
async function saveAvailability(input: unknown, now: Date) {
  const parsed = settings.availabilitySchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsFrom(parsed.error) };
  return { ok: true as const, outside: await settings.saveAvailability(parsed.data, now) };
}

// Monday 2030-01-07 12:00 UTC (07:00 in New York).
const NOW = new Date("2030-01-07T12:00:00Z");

const RULES = { ...DEFAULT_BOOKING_SETTINGS, windows: [...DEFAULT_BOOKING_SETTINGS.windows], daysOff: [] as string[] };

type Snapshot = {
  booking: Awaited<ReturnType<typeof prisma.bookingSettings.findUnique>>;
  practice: Awaited<ReturnType<typeof prisma.practiceSettings.findUnique>>;
  clinical: Awaited<ReturnType<typeof prisma.clinicalSettings.findUnique>>;
};
let before: Snapshot;

const withoutKeys = <T extends { id: number; updatedAt: Date }>(row: T) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => key !== "id" && key !== "updatedAt")) as Omit<T, "id" | "updatedAt">;

async function resetSettings() {
  await prisma.bookingSettings.upsert({
    where: { id: 1 },
    create: { id: 1, ...DEFAULT_BOOKING_SETTINGS },
    update: DEFAULT_BOOKING_SETTINGS,
  });
  const practice = { ...PLACEHOLDER_SETTINGS, photo: null, photoType: null };
  await prisma.practiceSettings.upsert({ where: { id: 1 }, create: { id: 1, ...practice }, update: practice });
  await prisma.clinicalSettings.deleteMany({});
}

beforeAll(async () => {
  before = {
    booking: await prisma.bookingSettings.findUnique({ where: { id: 1 } }),
    practice: await prisma.practiceSettings.findUnique({ where: { id: 1 } }),
    clinical: await prisma.clinicalSettings.findUnique({ where: { id: 1 } }),
  };
  await prisma.user.upsert({
    where: { email: CLINICIAN.email },
    create: { id: CLINICIAN.id, email: CLINICIAN.email, role: "CLINICIAN" },
    update: {},
  });
});

beforeEach(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Booking" CASCADE');
  await resetSettings();
  revalidatePath.mockClear();
  requireClinician.mockClear();
});

afterAll(async () => {
  // Leave the shared test database as it was for the other test files.
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Booking" CASCADE');
  await resetSettings();
  if (before.booking) {
    const { windows, ...rest } = withoutKeys(before.booking);
    await prisma.bookingSettings.update({ where: { id: 1 }, data: { ...rest, windows: windows ?? [] } });
  } else await prisma.bookingSettings.deleteMany({});
  if (before.practice) await prisma.practiceSettings.update({ where: { id: 1 }, data: withoutKeys(before.practice) });
  else await prisma.practiceSettings.deleteMany({});
  if (before.clinical) {
    const rest = withoutKeys(before.clinical);
    await prisma.clinicalSettings.upsert({ where: { id: 1 }, create: { id: 1, ...rest }, update: rest });
  }
  await prisma.$disconnect();
});

function availability(overrides: Record<string, unknown> = {}) {
  return { ...RULES, ...overrides };
}

/** The availability as the dashboard form posts it: a week grid, hours, from/to rows. */
function availabilityForm(overrides: Record<string, unknown> = {}, raw: Record<string, string> = {}): FormData {
  const rules = availability(overrides) as typeof RULES;
  const form = new FormData();
  const perDay = new Map<number, number>();
  for (const w of rules.windows) {
    const i = perDay.get(w.weekday) ?? 0;
    perDay.set(w.weekday, i + 1);
    form.set(`hours.${w.weekday}.${i}.start`, w.start);
    form.set(`hours.${w.weekday}.${i}.end`, w.end);
  }
  rules.daysOff.forEach((d, i) => {
    const [from = "", to = ""] = d.split("/");
    form.set(`off.${i}.from`, from);
    form.set(`off.${i}.to`, to);
  });
  form.set(`off.${rules.daysOff.length}.from`, "");
  form.set("timeZone", rules.timeZone);
  form.set("slotMinutes", String(rules.slotMinutes));
  form.set("bufferMinutes", String(rules.bufferMinutes));
  form.set("minNoticeHours", String(rules.minNoticeMinutes / 60));
  form.set("horizonDays", String(rules.horizonDays));
  form.set("cancelCutoffHours", String(rules.cancelCutoffMinutes / 60));
  for (const [name, value] of Object.entries(raw)) form.set(name, value);
  return form;
}

let seq = 0;
async function booking(startsAt: string, status: "CONFIRMED" | "HOLD" | "CANCELLED" = "CONFIRMED", minutes = 20) {
  seq += 1;
  const start = new Date(startsAt);
  const end = new Date(start.getTime() + minutes * 60_000);
  return prisma.booking.create({
    data: {
      id: randomUUID(),
      icsUid: `${randomUUID()}@haven`,
      status,
      startsAt: start,
      endsAt: end,
      blockedUntil: new Date(end.getTime() + 10 * 60_000),
      holdExpiresAt: status === "HOLD" ? new Date(NOW.getTime() + 15 * 60_000) : null,
      email: `vt-settings-${seq}@example.test`,
      firstNameEnc: "not-read-here",
      contactMethod: "EMAIL",
      consentAt: NOW,
      clientTimeZone: "America/New_York",
    },
    select: { id: true, email: true },
  });
}

describe("availability validation", () => {
  test("valid settings pass and are stored sorted, with duplicate days off removed", async () => {
    const result = await saveAvailability(
      availability({
        windows: [
          { weekday: 4, start: "09:00", end: "12:00" },
          { weekday: 2, start: "09:00", end: "12:00" },
        ],
        daysOff: ["2030-02-01", "2030-01-15", "2030-02-01"],
        cancelCutoffMinutes: 720,
      }),
      NOW,
    );
    expect(result.ok).toBe(true);
    const row = await prisma.bookingSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.windows).toEqual([
      { weekday: 2, start: "09:00", end: "12:00" },
      { weekday: 4, start: "09:00", end: "12:00" },
    ]);
    expect(row.daysOff).toEqual(["2030-01-15", "2030-02-01"]);
    expect(row.cancelCutoffMinutes).toBe(720);
  });

  test.each([
    [{ windows: [{ weekday: 1, start: "12:00", end: "09:00" }] }, "windows.0.end", "Window end time must be later than its start time"],
    [{ windows: [{ weekday: 1, start: "9am", end: "12:00" }] }, "windows.0.start", 'Time "9am" must be 24-hour HH:MM, e.g. "09:00"'],
    [
      { windows: [{ weekday: 8, start: "09:00", end: "12:00" }] },
      "windows.0.weekday",
      "Weekday must be a number from 1 (Monday) to 7 (Sunday)",
    ],
    [
      { windows: [{ weekday: 1, start: "09:00", end: "09:10" }] },
      "windows.0.end",
      "Monday 09:00–09:10 is shorter than one 20-minute consultation",
    ],
    [
      {
        windows: [
          { weekday: 1, start: "09:00", end: "12:00" },
          { weekday: 1, start: "11:00", end: "13:00" },
        ],
      },
      "windows.1",
      "Monday 11:00–13:00 overlaps 09:00–12:00",
    ],
    [{ timeZone: "Mars/Olympus" }, "timeZone", 'Unknown time zone "Mars/Olympus": use an IANA name such as "America/New_York"'],
    [{ slotMinutes: null }, "slotMinutes", "Consultation length must be a whole number of minutes"],
    [{ slotMinutes: 22.5 }, "slotMinutes", "Consultation length must be a whole number of minutes"],
    [{ slotMinutes: 5 }, "slotMinutes", "Consultation length must be at least 10 minutes"],
    [{ bufferMinutes: -5 }, "bufferMinutes", "Buffer between appointments must be at least 0 minutes"],
    [{ horizonDays: 400 }, "horizonDays", "Booking horizon must be at most 365 days"],
    [
      { minNoticeMinutes: 3 * 24 * 60, horizonDays: 2 },
      "minNoticeMinutes",
      "Minimum notice must be shorter than the booking horizon, or no slot could ever be offered",
    ],
    [{ cancelCutoffMinutes: -1 }, "cancelCutoffMinutes", "Cancellation cutoff must be at least 0 minutes"],
    [{ cancelCutoffMinutes: "24h" }, "cancelCutoffMinutes", "Cancellation cutoff must be a whole number of minutes"],
    [{ daysOff: ["2030-02-30"] }, "daysOff.0", 'Day off "2030-02-30" must be a real date written YYYY-MM-DD'],
  ])("%o is refused with a clear message on %s", async (overrides, path, message) => {
    const result = await saveAvailability(availability(overrides), NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors[path]).toBe(message);
    const row = await prisma.bookingSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.windows).toEqual(DEFAULT_BOOKING_SETTINGS.windows);
  });

  test("the action returns field errors without saving", async () => {
    const result = await actions.saveAvailabilityAction(null, availabilityForm({}, { slotMinutes: "0", cancelCutoffHours: "" }));
    expect(result?.ok).toBe(false);
    if (result && !result.ok) {
      expect(result.fieldErrors).toMatchObject({
        slotMinutes: "Consultation length must be at least 10 minutes",
        cancelCutoffHours: "Cancellation cutoff must be a number of hours, like 24.",
      });
      // What she typed comes back, for a form posted without JavaScript.
      expect(result.values.slotMinutes).toBe("0");
    }
  });

  test("the action refuses everyone but the clinician before touching anything", async () => {
    requireClinician.mockRejectedValueOnce(new Error("NEXT_REDIRECT"));
    await expect(actions.saveAvailabilityAction(null, availabilityForm({ slotMinutes: 45 }))).rejects.toThrow("NEXT_REDIRECT");
    expect((await prisma.bookingSettings.findUniqueOrThrow({ where: { id: 1 } })).slotMinutes).toBe(20);
  });
});

describe("availability in hours and days", () => {
  test("notice and cutoff are typed in hours, days off as a range, and stored as the same rules", async () => {
    const result = await actions.saveAvailabilityAction(
      null,
      availabilityForm({}, { minNoticeHours: "48", cancelCutoffHours: "12", "off.0.from": "2030-01-14", "off.0.to": "2030-01-25" }),
    );
    expect(result).toMatchObject({ ok: true });
    const row = await prisma.bookingSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row).toMatchObject({ minNoticeMinutes: 48 * 60, cancelCutoffMinutes: 12 * 60, daysOff: ["2030-01-14/2030-01-25"] });
    const offered = (await getOpenSlots(NOW)).slots.map((s) => s.start.toISOString().slice(0, 10));
    expect(offered).not.toContain("2030-01-15");
    expect(offered).not.toContain("2030-01-23");
    expect(offered).toContain("2030-01-29");
  });

  test("a range that ends before it starts, or a window with one end, is refused with the form's own field named", async () => {
    const result = await actions.saveAvailabilityAction(
      null,
      availabilityForm({}, { "off.0.from": "2030-01-25", "off.0.to": "2030-01-14", "hours.5.0.start": "09:00", minNoticeHours: "soon" }),
    );
    expect(result?.ok).toBe(false);
    if (result && !result.ok) {
      expect(result.fieldErrors).toMatchObject({
        "off.0.from": "The days off from 2030-01-25 end before they start (2030-01-14)",
        "hours.5.0.end": "Please give both a start and an end time, or clear both.",
        minNoticeHours: "Minimum notice must be a number of hours, like 24.",
      });
    }
    expect((await prisma.bookingSettings.findUniqueOrThrow({ where: { id: 1 } })).daysOff).toEqual([]);
  });
});

describe("bookings outside a new availability", () => {
  test("a booking fits only wholly inside a window of its local weekday, on a day that is not off", () => {
    const rules = {
      timeZone: "America/New_York",
      windows: [{ weekday: 2 as const, start: "09:00", end: "12:00" }],
      daysOff: [] as string[],
    };
    const at = (iso: string, minutes = 20) => [new Date(iso), new Date(new Date(iso).getTime() + minutes * 60_000)] as const;
    expect(settings.bookingFits(rules, ...at("2030-01-08T14:00:00Z"))).toBe(true); // Tue 09:00 EST
    expect(settings.bookingFits(rules, ...at("2030-01-08T16:40:00Z"))).toBe(true); // 11:40–12:00
    expect(settings.bookingFits(rules, ...at("2030-01-08T16:50:00Z"))).toBe(false); // runs past 12:00
    expect(settings.bookingFits(rules, ...at("2030-01-08T13:50:00Z"))).toBe(false); // 08:50
    expect(settings.bookingFits(rules, ...at("2030-01-07T14:00:00Z"))).toBe(false); // Monday
    expect(settings.bookingFits({ ...rules, daysOff: ["2030-01-08"] }, ...at("2030-01-08T14:00:00Z"))).toBe(false);
    // The same instant is 06:00 in Los Angeles: a time zone change moves it out.
    expect(settings.bookingFits({ ...rules, timeZone: "America/Los_Angeles" }, ...at("2030-01-08T14:00:00Z"))).toBe(false);
    // Summer time: 09:00 EDT is 13:00 UTC.
    expect(settings.bookingFits(rules, ...at("2030-07-02T13:00:00Z"))).toBe(true);
  });

  test("saving lists exactly the confirmed upcoming bookings that no longer fit, and changes none of them", async () => {
    const tuesday = await booking("2030-01-08T14:00:00Z"); // Tue 09:00 New York
    const wednesday = await booking("2030-01-09T18:00:00Z"); // Wed 13:00
    const thursday = await booking("2030-01-10T14:30:00Z"); // Thu 09:30
    const heldThursday = await booking("2030-01-17T15:00:00Z", "HOLD");
    const cancelledThursday = await booking("2030-01-24T15:00:00Z", "CANCELLED");
    const past = await booking("2030-01-02T18:00:00Z"); // a Wednesday before NOW

    // Thursdays are dropped and Wednesday 9 January becomes a day off.
    const result = await saveAvailability(
      availability({
        windows: [
          { weekday: 2, start: "09:00", end: "12:00" },
          { weekday: 3, start: "13:00", end: "17:00" },
        ],
        daysOff: ["2030-01-09"],
      }),
      NOW,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.outside.map((b) => b.id)).toEqual([wednesday.id, thursday.id]);
    expect(result.outside[0]).toMatchObject({
      email: wednesday.email,
      label: expect.stringContaining("Wednesday, January 9, 2030 at 1:00 PM"),
    });
    expect(result.outside.map((b) => b.id)).not.toContain(tuesday.id);
    for (const other of [heldThursday, cancelledThursday, past]) expect(result.outside.map((b) => b.id)).not.toContain(other.id);

    const statuses = await prisma.booking.findMany({ select: { id: true, status: true } });
    const byId = new Map(statuses.map((s) => [s.id, s.status]));
    expect(byId.get(tuesday.id)).toBe("CONFIRMED");
    expect(byId.get(wednesday.id)).toBe("CONFIRMED");
    expect(byId.get(thursday.id)).toBe("CONFIRMED");
    expect(byId.get(heldThursday.id)).toBe("HOLD");
    expect(await prisma.outboxEmail.count()).toBe(0);
  });

  test("a shorter consultation length keeps every booking inside; nothing is listed", async () => {
    await booking("2030-01-08T14:00:00Z");
    const result = await saveAvailability(availability({ slotMinutes: 15 }), NOW);
    expect(result.ok && result.outside).toEqual([]);
  });

  test("the booking page offers the new times at once, and the action reports outside bookings", async () => {
    expect((await getOpenSlots(NOW)).slots.some((s) => s.start.toISOString() === "2030-01-14T14:00:00.000Z")).toBe(false);
    const monday = await actions.saveAvailabilityAction(
      null,
      availabilityForm({ windows: [...RULES.windows, { weekday: 1, start: "09:00", end: "10:00" }] }),
    );
    expect(monday).toMatchObject({ ok: true, data: [] });
    const { slots } = await getOpenSlots(NOW);
    expect(slots.map((s) => s.start.toISOString())).toContain("2030-01-14T14:00:00.000Z"); // Monday 09:00 New York

    const booked = await booking("2030-01-14T14:00:00Z");
    const removed = await actions.saveAvailabilityAction(null, availabilityForm());
    expect(removed?.ok && removed.data?.map((b) => b.id)).toEqual([booked.id]);
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: booked.id } })).status).toBe("CONFIRMED");
  });
});

describe("practice profile", () => {
  const profile = (overrides: Record<string, unknown> = {}) => ({
    ...PLACEHOLDER_SETTINGS,
    telehealthStates: "Texas, New Mexico",
    ...overrides,
  });

  const SAVED = { ok: true, message: "Saved. The public pages now show your changes." };

  test("saves, splits the telehealth states, and revalidates every public page", async () => {
    const result = await actions.saveProfileAction(
      null,
      posted(
        profile({
          clinicianName: "  Dr. Vitest Example ",
          telehealthStates: " Texas,New Mexico, , Texas ",
          contactEmail: "hello@example.test",
        }),
      ),
    );
    expect(result).toEqual(SAVED);
    const row = await prisma.practiceSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.clinicianName).toBe("Dr. Vitest Example");
    expect(row.telehealthStates).toEqual(["Texas", "New Mexico"]);
    expect(row.contactEmail).toBe("hello@example.test");
    expect(revalidatePath).toHaveBeenCalledWith("/", "layout");
  });

  test("the seeded bracketed placeholders may stay while she fills in the rest", async () => {
    expect(await actions.saveProfileAction(null, posted(profile({ contactEmail: "[practice email]" })))).toEqual(SAVED);
  });

  test.each([
    [{ clinicianName: "   " }, "clinicianName", "Please enter your name as clients should see it."],
    [{ practiceName: "x".repeat(121) }, "practiceName", "The practice name must be at most 120 characters."],
    [{ contactEmail: "hello@" }, "contactEmail", "Please enter a valid email address, for example hello@yourpractice.com."],
    [{ telehealthStates: " , " }, "telehealthStates", "Please list at least one state where you offer telehealth, separated by commas."],
    [
      { telehealthStates: `Texas, ${"y".repeat(41)}` },
      "telehealthStates",
      `"${"y".repeat(41)}" is too long for a state name (40 characters at most).`,
    ],
    [{ bio: undefined }, "bio", "Please enter a short biography."],
  ])("%o is refused with a clear message, what was typed, and nothing saved or revalidated", async (overrides, field, message) => {
    const typed = profile(overrides);
    const result = await actions.saveProfileAction(null, posted(typed));
    expect(result?.ok).toBe(false);
    if (result && !result.ok) {
      expect(result.fieldErrors[field]).toBe(message);
      expect(result.values.clinicianName).toBe(typed.clinicianName);
    }
    expect(revalidatePath).not.toHaveBeenCalled();
    expect((await prisma.practiceSettings.findUniqueOrThrow({ where: { id: 1 } })).clinicianName).toBe(PLACEHOLDER_SETTINGS.clinicianName);
  });
});

describe("photo", () => {
  // Only the first bytes: what sniffing reads.
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
  const WEBP = Uint8Array.from([...Buffer.from("RIFF"), 36, 0, 0, 0, ...Buffer.from("WEBPVP8 ")]);
  const TEXT = new TextEncoder().encode("hello, this is not a picture\n");
  /** A real picture, made by sharp. */
  const picture = async (format: "png" | "jpeg" | "webp", width = 40, height = 30) =>
    new Uint8Array(
      await sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 90 } } })
        .toFormat(format)
        .toBuffer(),
    );

  test("Found: a PNG signature followed by garbage is refused: the photo must decode", async () => {
    const garbage = new Uint8Array(4096);
    garbage.set(PNG);
    for (let i = PNG.length; i < garbage.length; i++) garbage[i] = (i * 131) % 251;
    const result = await settings.savePhoto(garbage, "image/png");
    expect(result).toEqual({ ok: false, message: expect.stringContaining("could not be opened as a picture") });
    expect(await settings.getPhoto()).toBeNull();
    // And a real image cut short on its way.
    const real = await picture("jpeg", 400, 300);
    expect((await settings.savePhoto(real.slice(0, Math.floor(real.length / 2)), "image/jpeg")).ok).toBe(false);
    expect(await settings.getPhoto()).toBeNull();
  });

  test("what is stored is re-encoded: anything after the image data is gone, and so is its metadata", async () => {
    const real = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#336699" } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: "CANARY-EXIF-4471" } } })
      .toBuffer();
    const smuggled = Buffer.concat([real, Buffer.from("<script>alert(1)</script>CANARY-TRAILER")]);
    expect(await settings.savePhoto(new Uint8Array(smuggled), "image/jpeg")).toEqual({ ok: true, type: "image/jpeg" });
    const stored = Buffer.from((await settings.getPhoto())!.bytes);
    expect(stored.includes("CANARY-TRAILER")).toBe(false);
    expect(stored.includes("CANARY-EXIF-4471")).toBe(false);
    const info = await sharp(stored).metadata();
    expect([info.format, info.width, info.height]).toEqual(["jpeg", 64, 48]);
  });

  test("the type comes from the file's first bytes", () => {
    expect(settings.sniffImageType(PNG)).toBe("image/png");
    expect(settings.sniffImageType(JPEG)).toBe("image/jpeg");
    expect(settings.sniffImageType(WEBP)).toBe("image/webp");
    expect(settings.sniffImageType(TEXT)).toBeNull();
    expect(settings.sniffImageType(Buffer.from("GIF89a..."))).toBeNull();
    expect(settings.sniffImageType(Buffer.from("RIFF\0\0\0\0WAVEfmt "))).toBeNull();
    expect(settings.sniffImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });

  test("a text file renamed .png is refused, whatever type the browser declared", async () => {
    const result = await settings.savePhoto(TEXT, "image/png");
    expect(result).toEqual({
      ok: false,
      message:
        "That file is not a JPEG, PNG or WebP image even though its name says it is one. Please choose a photo saved as .jpg, .png or .webp.",
    });
    expect(await settings.getPhoto()).toBeNull();
  });

  test("empty and oversized files are refused with their size", async () => {
    expect(await settings.savePhoto(new Uint8Array(0), "image/png")).toEqual({ ok: false, message: "Please choose a photo to upload." });
    const big = new Uint8Array(settings.MAX_PHOTO_BYTES + 1);
    big.set(PNG);
    const result = await settings.savePhoto(big, "image/png");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^That file is 2\.0 MB; photos can be at most 2 MB\./);
    expect(await settings.getPhoto()).toBeNull();
  });

  test("a real image is stored with the type its content shows, and served with an ETag and version", async () => {
    // Named .png by the browser but really a JPEG: stored (and later served) as a JPEG.
    expect(await settings.savePhoto(await picture("jpeg"), "image/png")).toEqual({ ok: true, type: "image/jpeg" });
    const photo = await settings.getPhoto();
    expect(photo?.type).toBe("image/jpeg");
    expect((await sharp(Buffer.from(photo!.bytes)).metadata()).format).toBe("jpeg");
    expect(photo?.etag).toMatch(/^"[\w-]{32}"$/);
    const profile = await settings.getPracticeProfile();
    expect(profile.photoUrl).toBe(`/practice-photo?v=${photo?.version}`);
    expect(profile).not.toHaveProperty("photo");

    await settings.removePhoto();
    expect(await settings.getPhoto()).toBeNull();
    expect((await settings.getPracticeProfile()).photoUrl).toBeNull();
  });

  test("the photo form's action refuses a disguised file, saves and revalidates after a real one, and removes it", async () => {
    const form = (bytes: Uint8Array, name: string, type: string) => {
      const data = new FormData();
      data.set("photo", new File([new Uint8Array(bytes)], name, { type }));
      return data;
    };
    const refused = await actions.savePhotoAction(null, form(TEXT, "me.png", "image/png"));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { photo: expect.stringContaining("not a JPEG, PNG or WebP image") } });
    expect(revalidatePath).not.toHaveBeenCalled();
    expect(await actions.savePhotoAction(null, new FormData())).toMatchObject({
      ok: false,
      fieldErrors: { photo: "Please choose a photo to upload." },
    });
    expect(await settings.getPhoto()).toBeNull();

    expect(await actions.savePhotoAction(null, form(await picture("webp"), "me.webp", "image/webp"))).toEqual({
      ok: true,
      message: "Photo saved.",
    });
    expect(revalidatePath).toHaveBeenCalledWith("/", "layout");
    expect((await settings.getPhoto())?.type).toBe("image/webp");

    // "Remove photo" is the same form's other button.
    expect(await actions.savePhotoAction(null, posted({ intent: "remove" }))).toEqual({ ok: true, message: "Photo removed." });
    expect(await settings.getPhoto()).toBeNull();
  });
});

describe("EPDS permission", () => {
  const actor = CLINICIAN;
  /** Parse, then store, as the action does once the clinician is checked. */
  async function setEpds(
    input: { enabled: boolean; sensitiveCutoff: boolean; confirmPermission?: boolean; actor: typeof CLINICIAN },
    now: Date,
  ) {
    const { actor: who, ...choice } = input;
    const parsed = settings.epdsSchema.safeParse(choice);
    if (!parsed.success) return { ok: false as const, fieldErrors: fieldErrorsFrom(parsed.error) };
    return { ok: true as const, settings: await settings.setEpdsPermission(parsed.data, who, now) };
  }
  const auditCount = () => prisma.auditEvent.count({ where: { action: "settings.epds" } });

  test("cannot be turned on without confirming permission; nothing is stored or audited", async () => {
    const audits = await auditCount();
    const result = await setEpds({ enabled: true, sensitiveCutoff: false, actor }, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.confirmPermission).toMatch(/written permission from the Royal College of Psychiatrists/);
    expect(await settings.getClinicalSettings()).toEqual({
      epdsEnabled: false,
      epdsSensitiveCutoff: false,
      epdsPermissionBy: null,
      epdsPermissionAt: null,
    });
    expect(await auditCount()).toBe(audits);
  });

  test("turning it on records who confirmed and when, in the setting and the audit trail", async () => {
    const audits = await auditCount();
    const result = await setEpds({ enabled: true, confirmPermission: true, sensitiveCutoff: true, actor }, NOW);
    expect(result).toEqual({
      ok: true,
      settings: { epdsEnabled: true, epdsSensitiveCutoff: true, epdsPermissionBy: CLINICIAN.email, epdsPermissionAt: NOW },
    });
    const row = await prisma.clinicalSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(row).toMatchObject({ epdsEnabled: true, epdsSensitiveCutoff: true, epdsPermissionBy: CLINICIAN.email, epdsPermissionAt: NOW });
    expect(await auditCount()).toBe(audits + 1);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { action: "settings.epds" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorId: CLINICIAN.id, actorRole: "CLINICIAN", subjectType: "ClinicalSettings", outcome: "allowed" });

    // Changing the cut-off while it stays on keeps the original confirmation.
    const later = new Date(NOW.getTime() + 86_400_000);
    const changed = await setEpds(
      { enabled: true, confirmPermission: true, sensitiveCutoff: false, actor: { ...actor, email: "other@practice.test" } },
      later,
    );
    expect(changed).toEqual({
      ok: true,
      settings: { epdsEnabled: true, epdsSensitiveCutoff: false, epdsPermissionBy: CLINICIAN.email, epdsPermissionAt: NOW },
    });

    // Turning it off clears the confirmation; turning it on again needs a fresh one.
    const off = await setEpds({ enabled: false, sensitiveCutoff: false, actor }, later);
    expect(off).toEqual({
      ok: true,
      settings: { epdsEnabled: false, epdsSensitiveCutoff: false, epdsPermissionBy: null, epdsPermissionAt: null },
    });
    expect((await setEpds({ enabled: true, sensitiveCutoff: false, actor }, later)).ok).toBe(false);
    const again = await setEpds({ enabled: true, confirmPermission: true, sensitiveCutoff: false, actor }, later);
    expect(again.ok && again.settings.epdsPermissionAt).toEqual(later);
    expect(await auditCount()).toBe(audits + 4);
  });

  test("the action takes the form's checkboxes and records the signed-in clinician as the one who confirmed", async () => {
    const refused = await actions.saveEpdsAction(null, posted({ enabled: "on" }));
    expect(refused).toMatchObject({ ok: false, values: { enabled: "on" } });
    if (refused && !refused.ok) expect(refused.fieldErrors.confirmPermission).toMatch(/confirm that you hold written permission/);
    expect((await settings.getClinicalSettings()).epdsEnabled).toBe(false);

    const result = await actions.saveEpdsAction(null, posted({ enabled: "on", confirmPermission: "on", sensitiveCutoff: "on" }));
    expect(result).toEqual({ ok: true, message: "Saved. The EPDS is part of the intake questionnaire." });
    expect(await settings.getClinicalSettings()).toMatchObject({
      epdsEnabled: true,
      epdsSensitiveCutoff: true,
      epdsPermissionBy: CLINICIAN.email,
    });

    // Unticked boxes are not posted at all: that turns it off.
    expect(await actions.saveEpdsAction(null, posted({}))).toEqual({ ok: true, message: "Saved. The EPDS is turned off." });
    expect(await settings.getClinicalSettings()).toMatchObject({ epdsEnabled: false, epdsPermissionBy: null });
  });
});

describe("who may change the practice settings", () => {
  test("anyone but the clinician is sent to sign in before anything is read or changed", async () => {
    const signIn = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/dashboard/signin;307;" });
    requireClinician.mockRejectedValue(signIn);
    try {
      const profile = { ...PLACEHOLDER_SETTINGS, clinicianName: "Not her", telehealthStates: "Texas" };
      await expect(actions.saveProfileAction(null, posted(profile))).rejects.toBe(signIn);
      await expect(actions.savePhotoAction(null, posted({ intent: "remove" }))).rejects.toBe(signIn);
      await expect(actions.saveEpdsAction(null, posted({ enabled: "on", confirmPermission: "on" }))).rejects.toBe(signIn);
      await expect(actions.saveAvailabilityAction(null, availabilityForm({}, { slotMinutes: "45" }))).rejects.toBe(signIn);
    } finally {
      requireClinician.mockReset();
      requireClinician.mockImplementation(async () => CLINICIAN);
    }
    expect((await prisma.practiceSettings.findUniqueOrThrow({ where: { id: 1 } })).clinicianName).toBe(PLACEHOLDER_SETTINGS.clinicianName);
    expect((await prisma.bookingSettings.findUniqueOrThrow({ where: { id: 1 } })).slotMinutes).toBe(20);
    expect(await settings.getClinicalSettings()).toMatchObject({ epdsEnabled: false });
  });
});
