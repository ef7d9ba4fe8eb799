/**
 * Booking against the real PostgreSQL test database: the exclusion constraint, holds and
 * confirmation, encryption at rest, and emails that survive an SMTP outage.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { smtpSink } from "./support/smtp";

const sink = await smtpSink();
process.env.SMTP_URL = sink.url;
process.env.CLINICIAN_NOTIFY_EMAIL = "clinician@practice.test";

const { prisma } = await import("@/lib/platform/db");
const service = { ...(await import("@/lib/booking/service")), ...(await import("@/lib/booking/queries")) };
const { deliverDueEmails } = await import("@/lib/email/outbox");
const { readMailbox } = await import("@/lib/email/dev-mailbox");
const { seed } = await import("../prisma/seed");
const { DEFAULT_BOOKING_SETTINGS } = await import("@/lib/booking/rules");
const { sendSignInLink } = await import("@/lib/auth/sign-in-link");

// Monday 2030-01-07 12:00 UTC; the seeded rules open Tuesday 09:00 New York (14:00 UTC).
const NOW = new Date("2030-01-07T12:00:00Z");
const FIRST_SLOT = "2030-01-08T14:00:00.000Z";

const CANARY = { firstName: "Canaryjo", phone: "+1 555 010 4242", note: "CANARYNOTE intrusive thoughts at night" };

function request(overrides: Partial<Parameters<typeof service.createHold>[0]> = {}) {
  return {
    slotStart: FIRST_SLOT,
    firstName: CANARY.firstName,
    email: `client-${Math.random().toString(36).slice(2)}@example.test`,
    phone: CANARY.phone,
    contactMethod: "TEXT" as const,
    note: CANARY.note,
    consent: true as const,
    timeZone: "America/Chicago",
    website: "",
    ...overrides,
  };
}

async function user(email: string) {
  return prisma.user.upsert({ where: { email }, create: { email }, update: {}, select: { id: true, email: true } });
}

beforeAll(async () => {
  await seed();
});

beforeEach(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Booking", "User" CASCADE');
  await sink.up();
});

afterEach(async () => {
  await prisma.bookingSettings.update({ where: { id: 1 }, data: DEFAULT_BOOKING_SETTINGS });
});

afterAll(async () => {
  await sink.down();
  await prisma.$disconnect();
});

describe("holds", () => {
  test("20 concurrent attempts at one slot give exactly one hold and 19 clear conflicts", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => service.createHold(request(), NOW)));
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      if (loser.ok || !("alternatives" in loser)) throw new Error("expected a conflict");
      expect(loser.message).toMatch(/taken|no longer available/);
      expect(loser.alternatives.length).toBeGreaterThan(0);
      expect(loser.alternatives.map((s) => s.start.toISOString())).not.toContain(FIRST_SLOT);
    }
    expect(await prisma.booking.count({ where: { status: { in: ["HOLD", "CONFIRMED"] } } })).toBe(1);
  });

  test("a double submit by the same person gives one hold", async () => {
    const same = request();
    const [a, b] = await Promise.all([service.createHold(same, NOW), service.createHold(same, NOW)]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.bookingId).toBe(b.bookingId);
    expect(await prisma.booking.count()).toBe(1);
  });

  test("a past, off-grid or too-soon slot is refused with alternatives and stores nothing", async () => {
    for (const slotStart of ["2029-12-01T14:00:00.000Z", "2030-01-08T14:05:00.000Z", "2030-01-07T13:00:00.000Z"]) {
      const result = await service.createHold(request({ slotStart }), NOW);
      expect(result.ok).toBe(false);
    }
    expect(await prisma.booking.count()).toBe(0);
  });

  test("a refused request leaves the person's existing hold in place", async () => {
    const req = request();
    const hold = await service.createHold(req, NOW);
    if (!hold.ok) throw new Error("no hold");
    expect((await service.createHold({ ...req, slotStart: "2030-01-08T14:05:00.000Z" }, NOW)).ok).toBe(false);
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: hold.bookingId } })).status).toBe("HOLD");
  });

  test("the slot list hides held times and shows them again once the hold expires", async () => {
    await service.createHold(request(), NOW);
    const during = await service.getOpenSlots(NOW);
    expect(during.slots.map((s) => s.start.toISOString())).not.toContain(FIRST_SLOT);
    const later = new Date(NOW.getTime() + (service.HOLD_MINUTES + 1) * 60_000);
    const after = await service.getOpenSlots(later);
    expect(after.slots.map((s) => s.start.toISOString())).toContain(FIRST_SLOT);
  });

  test("the database itself refuses two active bookings that overlap, buffer included", async () => {
    await service.createHold(request(), NOW);
    // 14:20-14:40 would start inside the 10-minute buffer after 14:00-14:20.
    await expect(
      prisma.booking.create({
        data: {
          icsUid: "x@haven",
          status: "CONFIRMED",
          startsAt: new Date("2030-01-08T14:25:00Z"),
          endsAt: new Date("2030-01-08T14:45:00Z"),
          blockedUntil: new Date("2030-01-08T14:55:00Z"),
          email: "other@example.test",
          firstNameEnc: "x",
          contactMethod: "EMAIL",
          consentAt: NOW,
          clientTimeZone: "UTC",
        },
      }),
    ).rejects.toThrow();
  });
});

describe("confirmation", () => {
  test("the emailed link confirms only a still-available hold of the same email (compare-and-swap)", async () => {
    const req = request();
    const hold = await service.createHold(req, NOW);
    if (!hold.ok) throw new Error("no hold");
    const stranger = await user("stranger@example.test");
    expect((await service.confirmHold(hold.bookingId, stranger, NOW)).status).toBe("not-found");

    const client = await user(req.email);
    expect((await service.confirmHold(hold.bookingId, client, NOW)).status).toBe("confirmed");
    expect((await service.confirmHold(hold.bookingId, client, NOW)).status).toBe("already-confirmed");
    const kinds = (await prisma.outboxEmail.findMany({ select: { kind: true } })).map((r) => r.kind).sort();
    expect(kinds).toEqual(["booking.confirmed.client", "booking.confirmed.clinician", "booking.reminder.client"]);
  });

  test("an expired hold whose time someone else took shows the nearest open times", async () => {
    const first = request();
    const hold = await service.createHold(first, NOW);
    if (!hold.ok) throw new Error("no hold");
    const later = new Date(NOW.getTime() + 20 * 60_000);
    const other = await service.createHold(request(), later);
    expect(other.ok).toBe(true);
    const result = await service.confirmHold(hold.bookingId, await user(first.email), later);
    expect(result.status).toBe("unavailable");
    if (result.status === "unavailable") expect(result.alternatives.length).toBeGreaterThan(0);
  });

  test("an expired hold is still honoured when nobody took the time", async () => {
    const req = request();
    const hold = await service.createHold(req, NOW);
    if (!hold.ok) throw new Error("no hold");
    const later = new Date(NOW.getTime() + 60 * 60_000);
    expect((await service.confirmHold(hold.bookingId, await user(req.email), later)).status).toBe("confirmed");
  });
});

describe("a late confirmation re-checks today's rules", () => {
  // The hold (made Monday 12:00 UTC for Tuesday 14:00 UTC) has lapsed; she opens the link later.
  const LATE = new Date("2030-01-07T13:00:00Z");

  async function lapsedHold() {
    const req = request();
    const hold = await service.createHold(req, NOW);
    if (!hold.ok) throw new Error("no hold");
    return { bookingId: hold.bookingId, client: await user(req.email) };
  }

  async function expectRefused(bookingId: string, client: { id: string; email: string }, at = LATE) {
    const result = await service.confirmHold(bookingId, client, at);
    expect(result.status).toBe("unavailable");
    if (result.status !== "unavailable") return;
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(result.alternatives.map((s) => s.start.toISOString())).not.toContain(FIRST_SLOT);
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("EXPIRED");
    expect(await prisma.outboxEmail.count({ where: { kind: "booking.confirmed.client" } })).toBe(0);
  }

  test("a day off added since", async () => {
    const { bookingId, client } = await lapsedHold();
    await prisma.bookingSettings.update({ where: { id: 1 }, data: { daysOff: ["2030-01-08"] } });
    await expectRefused(bookingId, client);
  });

  test("now inside the minimum notice", async () => {
    const { bookingId, client } = await lapsedHold();
    await expectRefused(bookingId, client, new Date("2030-01-07T16:00:00Z"));
  });

  test("outside the weekly hours since they changed", async () => {
    const { bookingId, client } = await lapsedHold();
    await prisma.bookingSettings.update({
      where: { id: 1 },
      data: { windows: DEFAULT_BOOKING_SETTINGS.windows.map((w) => (w.weekday === 2 ? { ...w, start: "10:00" } : w)) },
    });
    await expectRefused(bookingId, client);
  });

  test("a confirmed booking now sits in the buffer next to it", async () => {
    const { bookingId, client } = await lapsedHold();
    // As the next request would: a lapsed hold stops blocking the constraint.
    await prisma.booking.update({ where: { id: bookingId }, data: { status: "EXPIRED" } });
    // A phone booking she entered herself at 14:30 UTC: the 10-minute buffer touches 14:00-14:20.
    await prisma.booking.create({
      data: {
        icsUid: "busy@haven",
        status: "CONFIRMED",
        startsAt: new Date("2030-01-08T14:25:00Z"),
        endsAt: new Date("2030-01-08T14:45:00Z"),
        blockedUntil: new Date("2030-01-08T14:55:00Z"),
        email: "other@example.test",
        firstNameEnc: "x",
        contactMethod: "EMAIL",
        consentAt: NOW,
        clientTimeZone: "UTC",
      },
    });
    await expectRefused(bookingId, client);
  });

  test("an unexpired hold is confirmed even if the rules changed meanwhile (it was checked when placed)", async () => {
    const req = request();
    const hold = await service.createHold(req, NOW);
    if (!hold.ok) throw new Error("no hold");
    await prisma.bookingSettings.update({ where: { id: 1 }, data: { daysOff: ["2030-01-08"] } });
    expect((await service.confirmHold(hold.bookingId, await user(req.email), NOW)).status).toBe("confirmed");
  });
});

describe("holds belong to the browser that placed them", () => {
  const SECOND_SLOT = "2030-01-08T14:30:00.000Z";
  const THIRD_SLOT = "2030-01-08T15:00:00.000Z";
  const statusOf = async (id: string) => (await prisma.booking.findUniqueOrThrow({ where: { id } })).status;

  test("a request from another browser with the same email leaves her pending hold alone", async () => {
    const req = request();
    const hers = await service.createHold(req, NOW, { browserHash: "her-phone" });
    if (!hers.ok) throw new Error("no hold");
    const other = await service.createHold({ ...req, slotStart: SECOND_SLOT }, NOW, { browserHash: "someone-else" });
    expect(other.ok).toBe(true);
    expect(await statusOf(hers.bookingId)).toBe("HOLD");
  });

  test("the same browser, or the signed-in owner, replaces it with the new time", async () => {
    const req = request();
    const first = await service.createHold(req, NOW, { browserHash: "her-phone" });
    if (!first.ok) throw new Error("no hold");
    const second = await service.createHold({ ...req, slotStart: SECOND_SLOT }, NOW, { browserHash: "her-phone" });
    if (!second.ok) throw new Error("no second hold");
    expect(await statusOf(first.bookingId)).toBe("CANCELLED");
    const owner = await user(req.email);
    const third = await service.createHold({ ...req, slotStart: THIRD_SLOT }, NOW, { browserHash: "her-laptop", user: owner });
    expect(third.ok).toBe(true);
    expect(await statusOf(second.bookingId)).toBe("CANCELLED");
  });

  test("one email address and one browser can hold at most two times at once", async () => {
    const req = request();
    const slots = [FIRST_SLOT, SECOND_SLOT, THIRD_SLOT];
    const byEmail = [];
    for (const [i, slotStart] of slots.entries())
      byEmail.push(await service.createHold({ ...req, slotStart }, NOW, { browserHash: `b${i}` }));
    expect(byEmail.map((r) => r.ok)).toEqual([true, true, false]);
    expect(byEmail[2]).toMatchObject({ ok: false, reason: "too-many-holds" });

    await prisma.$executeRawUnsafe('TRUNCATE "Booking" CASCADE');
    const byBrowser = [];
    for (const slotStart of slots) byBrowser.push(await service.createHold(request({ slotStart }), NOW, { browserHash: "one-bot" }));
    expect(byBrowser.map((r) => r.ok)).toEqual([true, true, false]);
    expect(await prisma.booking.count({ where: { status: "HOLD" } })).toBe(2);
  });
});

describe("the clinician's bookings list", () => {
  test("a row that fails to decrypt is marked and the others are shown", async () => {
    const a = request();
    const b = request({ slotStart: "2030-01-08T14:30:00.000Z" });
    for (const req of [a, b]) {
      const hold = await service.createHold(req, NOW);
      if (!hold.ok) throw new Error("no hold");
      await service.confirmHold(hold.bookingId, await user(req.email), NOW);
    }
    // Damaged: the ciphertext of another row's field (bound to that row, so it cannot open here).
    const [first, second] = await prisma.booking.findMany({ orderBy: { startsAt: "asc" } });
    await prisma.booking.update({ where: { id: first!.id }, data: { firstNameEnc: second!.firstNameEnc } });
    const clinician = await prisma.user.create({
      data: { email: "dr@practice.test", role: "CLINICIAN" },
      select: { id: true, email: true },
    });
    const list = await service.listBookings({ ...clinician, role: "CLINICIAN", sessionId: "s" }, "upcoming", NOW);
    expect(list.map((row) => [row.id, row.readable])).toEqual([
      [first!.id, false],
      [second!.id, true],
    ]);
    expect(list[1]!.firstName).toBe(CANARY.firstName);
  });
});

describe("the link that confirms a booking", () => {
  test("says what it confirms, when in her zone, and until when the time is held", async () => {
    const req = request();
    const hold = await service.createHold(req, NOW);
    if (!hold.ok) throw new Error("no hold");
    await sendSignInLink({ email: req.email, callbackPath: `/portal/confirm?booking=${hold.bookingId}`, expires: hold.holdExpiresAt });
    await deliverDueEmails({ now: new Date() });
    const [mail] = (await readMailbox(sink.dir)).filter((m) => m.to.includes(req.email));
    expect(mail!.subject).toBe("Confirm your consultation");
    // Tuesday 14:00 UTC is 8:00 AM in Chicago (her zone); held until 12:15 UTC = 6:15 AM CST.
    expect(mail!.text).toContain("Tuesday, January 8, 2030, 8:00 AM CST (20 minutes)");
    expect(mail!.text).toContain("holding this time for you until 6:15 AM CST");
    expect(mail!.text).toMatch(/\/api\/auth\/callback\/email\?callbackUrl=[^\s]*token=/);
    expect(mail!.text).not.toContain(encodeURIComponent(req.email));
    const token = await prisma.verificationToken.findFirstOrThrow({ where: { identifier: req.email } });
    expect(token.expires.toISOString()).toBe(hold.holdExpiresAt.toISOString());
  });
});

describe("changes", () => {
  async function confirmed() {
    const req = request();
    const hold = await service.createHold(req, NOW);
    if (!hold.ok) throw new Error("no hold");
    const client = await user(req.email);
    await service.confirmHold(hold.bookingId, client, NOW);
    return { bookingId: hold.bookingId, client };
  }

  test("reschedule keeps the calendar UID, raises SEQUENCE and replaces the reminder", async () => {
    const { bookingId, client } = await confirmed();
    const before = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    const result = await service.rescheduleBooking(bookingId, client.id, new Date("2030-01-08T14:30:00Z"), NOW);
    expect(result.ok).toBe(true);
    const after = await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } });
    expect(after.icsUid).toBe(before.icsUid);
    expect(after.icsSequence).toBe(before.icsSequence + 1);
    const reminders = await prisma.outboxEmail.findMany({ where: { kind: "booking.reminder.client" }, select: { status: true } });
    expect(reminders.map((r) => r.status).sort()).toEqual(["CANCELLED", "PENDING"]);
  });

  test("another client cannot reschedule or cancel someone else's consultation", async () => {
    const { bookingId } = await confirmed();
    const intruder = await user("intruder@example.test");
    expect(await service.cancelBooking(bookingId, intruder.id, NOW)).toMatchObject({ ok: false, reason: "not-found" });
    expect(await service.rescheduleBooking(bookingId, intruder.id, new Date("2030-01-08T14:30:00Z"), NOW)).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: bookingId } })).status).toBe("CONFIRMED");
  });

  test("after the cutoff, changes are refused with how to reach the practice", async () => {
    const { bookingId, client } = await confirmed();
    const late = new Date("2030-01-07T15:00:00Z");
    const result = await service.cancelBooking(bookingId, client.id, late);
    expect(result).toMatchObject({ ok: false, reason: "too-late" });
    if (!result.ok && "message" in result) expect(result.message).toMatch(/call or email the practice/);
  });

  test("cancel frees the time and queues a CANCEL invitation", async () => {
    const { bookingId, client } = await confirmed();
    expect((await service.cancelBooking(bookingId, client.id, NOW)).ok).toBe(true);
    const { slots } = await service.getOpenSlots(NOW);
    expect(slots.map((s) => s.start.toISOString())).toContain(FIRST_SLOT);
  });
});

describe("confidentiality and delivery", () => {
  test("a raw read of the bookings table shows no plaintext name, phone or note", async () => {
    await service.createHold(request(), NOW);
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM "Booking"');
    const raw = JSON.stringify(rows);
    for (const secret of Object.values(CANARY)) expect(raw).not.toContain(secret);
    const outbox = JSON.stringify(await prisma.$queryRawUnsafe('SELECT * FROM "OutboxEmail"'));
    for (const secret of Object.values(CANARY)) expect(outbox).not.toContain(secret);
  });

  test("with the mail server down the booking is kept, and its emails arrive exactly once when it is back", async () => {
    await sink.down();
    const req = request();
    const hold = await service.createHold(req, NOW);
    if (!hold.ok) throw new Error("no hold");
    const client = await user(req.email);
    expect((await service.confirmHold(hold.bookingId, client, NOW)).status).toBe("confirmed");

    const before = (await readMailbox(sink.dir)).length;
    const failed = await deliverDueEmails({ now: new Date() });
    expect(failed.sent).toBe(0);
    expect((await prisma.booking.findUniqueOrThrow({ where: { id: hold.bookingId } })).status).toBe("CONFIRMED");

    await sink.up();
    // Retries are due after their backoff; deliver as if that time had passed, twice.
    const future = new Date(Date.now() + 60 * 60_000);
    const first = await deliverDueEmails({ now: future });
    const second = await deliverDueEmails({ now: future });
    expect(first.sent).toBe(2);
    expect(second.sent).toBe(0);
    const mails = (await readMailbox(sink.dir)).slice(0, (await readMailbox(sink.dir)).length - before);
    expect(mails.filter((m) => m.to.includes(req.email))).toHaveLength(1);
    const clinician = mails.filter((m) => m.to.includes("clinician@practice.test"));
    expect(clinician).toHaveLength(1);
    const all = JSON.stringify(clinician);
    for (const secret of [...Object.values(CANARY), req.email]) expect(all).not.toContain(secret);
  });
});
