/**
 * Reading bookings: the open times, the client's own consultations (every query filtered by
 * her id) and the clinician's lists, with the client's contact details and note (decrypted
 * here, audited as a read of client data).
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/session";
import { getBookingRules, isPastCutoff, type PracticeRules } from "@/lib/booking/rules";
import { bookingFields } from "@/lib/booking/sealed";
import { computeSlots, type BookingRules, type BusyInterval, type Slot } from "@/lib/booking/slots";
import { DateTime } from "luxon";
import type { BookingStatus } from "@/lib/generated/prisma/enums";
import { prisma, type Db } from "@/lib/platform/db";

/** Confirmed bookings and unexpired holds that could collide with offered slots. */
export async function loadBusy(db: Db, now: Date, rules: BookingRules, excludeBookingId?: string): Promise<BusyInterval[]> {
  const rows = await db.booking.findMany({
    where: {
      id: excludeBookingId ? { not: excludeBookingId } : undefined,
      endsAt: { gt: new Date(now.getTime() - 24 * 60 * 60 * 1000) },
      startsAt: { lt: new Date(now.getTime() + (rules.horizonDays + 2) * 24 * 60 * 60 * 1000) },
      OR: [{ status: "CONFIRMED" }, { status: "HOLD", holdExpiresAt: { gt: now } }],
    },
    select: { startsAt: true, endsAt: true },
  });
  return rows.map((row) => ({ start: row.startsAt, end: row.endsAt }));
}

export async function getOpenSlots(
  now = new Date(),
  options: { excludeBookingId?: string } = {},
): Promise<{ rules: PracticeRules; slots: Slot[] }> {
  const rules = await getBookingRules();
  const busy = await loadBusy(prisma, now, rules, options.excludeBookingId);
  return { rules, slots: computeSlots(rules, busy, now) };
}

export type ClientBooking = { id: string; startsAt: Date; endsAt: Date; status: string; changeable: boolean };

/** The signed-in client's upcoming consultations (the query itself is filtered by owner). */
export async function listClientBookings(clientId: string, now = new Date()): Promise<{ rules: PracticeRules; bookings: ClientBooking[] }> {
  const rules = await getBookingRules();
  const rows = await prisma.booking.findMany({
    where: { clientId, status: "CONFIRMED", endsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true, status: true },
  });
  return { rules, bookings: rows.map((row) => ({ ...row, changeable: !isPastCutoff(rules, row.startsAt, now) })) };
}

/**
 * The pending (unexpired) hold made with this email, if any: its sign-in link is what confirms
 * it, so the sign-in link limits count it apart (lib/auth/options.ts).
 */
export async function pendingHoldFor(email: string, now = new Date()): Promise<{ id: string; holdExpiresAt: Date } | null> {
  const row = await prisma.booking.findFirst({
    where: { email: email.trim().toLowerCase(), status: "HOLD", holdExpiresAt: { gt: now } },
    orderBy: { holdExpiresAt: "desc" },
    select: { id: true, holdExpiresAt: true },
  });
  return row?.holdExpiresAt ? { id: row.id, holdExpiresAt: row.holdExpiresAt } : null;
}

export async function getClientBookingForCalendar(bookingId: string, clientId: string) {
  return prisma.booking.findFirst({
    where: { id: bookingId, clientId, status: { in: ["CONFIRMED", "CANCELLED"] } },
    select: { icsUid: true, icsSequence: true, startsAt: true, endsAt: true, email: true, status: true },
  });
}

// ---------------------------------------------------------------------------------------
// The clinician's lists

/** For the overview: confirmed consultations today and in the next seven days (times only, not audited). */
export async function upcomingSummary(timeZone: string, now = new Date()) {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const dayStart = local.startOf("day").toJSDate();
  const dayEnd = local.endOf("day").toJSDate();
  const weekEnd = local.plus({ days: 7 }).toJSDate();
  const [todayCount, weekCount, upcoming] = await Promise.all([
    prisma.booking.count({ where: { status: "CONFIRMED", startsAt: { gte: dayStart, lte: dayEnd } } }),
    prisma.booking.count({ where: { status: "CONFIRMED", startsAt: { gte: now, lte: weekEnd } } }),
    prisma.booking.findMany({
      where: { status: "CONFIRMED", startsAt: { gte: now, lte: weekEnd } },
      orderBy: { startsAt: "asc" },
      take: 10,
      select: { id: true, startsAt: true },
    }),
  ]);
  return { todayCount, weekCount, upcoming };
}

export type DashboardBooking = {
  id: string;
  startsAt: Date;
  status: BookingStatus;
  firstName: string;
  email: string;
  phone: string | null;
  note: string | null;
  contactMethod: string;
  clientTimeZone: string;
  intakeId: string | null;
};

export async function listBookings(clinician: CurrentUser, scope: "upcoming" | "past", now = new Date()): Promise<DashboardBooking[]> {
  const rows = await prisma.booking.findMany({
    where:
      scope === "upcoming"
        ? { status: "CONFIRMED", startsAt: { gte: now } }
        : { status: { in: ["CONFIRMED", "COMPLETED", "NO_SHOW", "CANCELLED"] }, startsAt: { lt: now } },
    orderBy: { startsAt: scope === "upcoming" ? "asc" : "desc" },
    take: 100,
    select: {
      id: true,
      startsAt: true,
      status: true,
      email: true,
      firstNameEnc: true,
      phoneEnc: true,
      noteEnc: true,
      contactMethod: true,
      clientTimeZone: true,
      client: { select: { intake: { select: { id: true } } } },
    },
  });
  await recordAudit({
    actor: { id: clinician.id, role: clinician.role },
    action: `booking.list.${scope}`,
    subjectType: "Booking",
    outcome: "allowed",
  });
  return rows.map((row) => ({
    id: row.id,
    startsAt: row.startsAt,
    status: row.status,
    firstName: bookingFields.firstName.open(row.id, row.firstNameEnc),
    email: row.email,
    phone: row.phoneEnc ? bookingFields.phone.open(row.id, row.phoneEnc) : null,
    note: row.noteEnc ? bookingFields.note.open(row.id, row.noteEnc) : null,
    contactMethod: row.contactMethod,
    clientTimeZone: row.clientTimeZone,
    intakeId: row.client?.intake?.id ?? null,
  }));
}
