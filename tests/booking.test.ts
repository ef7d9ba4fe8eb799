/**
 * Booking against the real PostgreSQL test database: the exclusion constraint, holds and
 * confirmation, encryption at rest, and emails that survive an SMTP outage.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { smtpSink } from "./support/smtp";

const sink = await smtpSink();
process.env.SMTP_URL = sink.url;
process.env.CLINICIAN_NOTIFY_EMAIL = "clinician@practice.test";

const { prisma } = await import("@/lib/platform/db");
const service = { ...(await import("@/lib/booking/service")), ...(await import("@/lib/booking/queries")) };
const { deliverDueEmails } = await import("@/lib/email/outbox");
const { readMailbox } = await import("@/lib/email/dev-mailbox");
const { seed } = await import("../prisma/seed");

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
      if (loser.ok) continue;
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
