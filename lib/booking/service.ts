/**
 * Booking a free consultation: holds, confirmation, reschedule and cancellation. Every
 * change and the emails announcing it are written in one transaction (outbox), and the
 * database's exclusion constraint has the last word on double booking.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/session";
import { getOpenSlots, loadBusy } from "@/lib/booking/queries";
import { cutoffMessage, getBookingRules, isPastCutoff } from "@/lib/booking/rules";
import type { BookingRequest } from "@/lib/booking/schema";
import { bookingFields } from "@/lib/booking/sealed";
import type { Slot } from "@/lib/booking/slots";
import { isSlotOffered, nearestSlots } from "@/lib/booking/slots";
import { cancelPendingEmails, enqueueEmail } from "@/lib/email/outbox";
import {
  bookingCancelledEmail,
  bookingConfirmedEmail,
  bookingReminderEmail,
  bookingRescheduledEmail,
  clinicianBookingNotice,
  icsForClient,
  icsForClinician,
} from "@/lib/booking/emails";
import { prisma, type Tx } from "@/lib/platform/db";
import { isExclusionViolation } from "@/lib/platform/db-errors";
import { env } from "@/lib/platform/env";
import { siteUrl } from "@/lib/platform/site";
import { getPracticeProfile } from "@/lib/practice/profile";

export const HOLD_MINUTES = 15;
const REMINDER_BEFORE_MS = 24 * 60 * 60 * 1000;

/** The Booking_no_overlap exclusion constraint refused the row: someone else has that time. */
const isOverlapViolation = (error: unknown) => isExclusionViolation(error, "Booking_no_overlap");

export type Unavailable = { ok: false; reason: "unavailable" | "taken"; message: string; alternatives: Slot[] };

async function alternativesNear(target: Date, now: Date, excludeBookingId?: string): Promise<Slot[]> {
  const { slots } = await getOpenSlots(now, { excludeBookingId });
  return nearestSlots(slots, target, 3);
}

async function unavailable(reason: Unavailable["reason"], target: Date, now: Date, excludeBookingId?: string): Promise<Unavailable> {
  return {
    ok: false,
    reason,
    message:
      reason === "taken"
        ? "Sorry, that time was just taken by someone else. Here are the nearest open times."
        : "That time is no longer available. Here are the nearest open times.",
    alternatives: await alternativesNear(target, now, excludeBookingId),
  };
}

export async function createHold(request: BookingRequest, now = new Date()): Promise<{ ok: true; bookingId: string } | Unavailable> {
  const start = new Date(request.slotStart);
  const findOwnHold = () =>
    prisma.booking.findFirst({
      where: { email: request.email, startsAt: start, status: "HOLD", holdExpiresAt: { gt: now } },
      select: { id: true },
    });
  // A double-click or a resubmitted form gets the hold it already made.
  const existing = await findOwnHold();
  if (existing) return { ok: true, bookingId: existing.id };

  let reason: Unavailable["reason"] = "unavailable";
  try {
    const result = await prisma.$transaction(async (tx) => {
      // Expired holds stop blocking the constraint. One pending hold per email address: an
      // earlier pick is withdrawn (CANCELLED, so its old link cannot revive it) below.
      await tx.booking.updateMany({ where: { status: "HOLD", holdExpiresAt: { lte: now } }, data: { status: "EXPIRED" } });
      const rules = await getBookingRules(tx);
      if (!isSlotOffered(rules, await loadBusy(tx, now, rules), now, start)) return null;
      // Only once the new time is known to be free; a failed insert rolls this back too.
      await tx.booking.updateMany({
        where: { status: "HOLD", email: request.email, startsAt: { not: start } },
        data: { status: "CANCELLED", cancelledAt: now },
      });
      const id = randomUUID();
      await tx.booking.create({
        data: {
          id,
          icsUid: `${randomUUID()}@haven`,
          status: "HOLD",
          startsAt: start,
          endsAt: new Date(start.getTime() + rules.slotMinutes * 60_000),
          blockedUntil: new Date(start.getTime() + (rules.slotMinutes + rules.bufferMinutes) * 60_000),
          holdExpiresAt: new Date(now.getTime() + HOLD_MINUTES * 60_000),
          email: request.email,
          firstNameEnc: bookingFields.firstName.seal(id, request.firstName),
          phoneEnc: request.phone ? bookingFields.phone.seal(id, request.phone) : null,
          noteEnc: request.note ? bookingFields.note.seal(id, request.note) : null,
          contactMethod: request.contactMethod,
          consentAt: now,
          clientTimeZone: request.timeZone,
        },
      });
      return id;
    });
    if (result) return { ok: true, bookingId: result };
  } catch (error) {
    if (!isOverlapViolation(error)) throw error;
    reason = "taken";
  }
  // Refused: by a concurrent twin of this same request, or by someone else.
  const mine = await findOwnHold();
  if (mine) return { ok: true, bookingId: mine.id };
  return unavailable(reason, start, now);
}

type BookingForEmail = {
  id: string;
  icsUid: string;
  icsSequence: number;
  startsAt: Date;
  endsAt: Date;
  email: string;
  firstNameEnc: string;
  clientTimeZone: string;
};

const emailFields = {
  id: true,
  icsUid: true,
  icsSequence: true,
  startsAt: true,
  endsAt: true,
  email: true,
  firstNameEnc: true,
  clientTimeZone: true,
} as const;

type ClientEvent = "confirmed" | "rescheduled" | "cancelled";

/** Queues the client's and the clinician's emails for a change, in the caller's transaction. */
async function queueBookingEmails(tx: Tx, booking: BookingForEmail, event: ClientEvent, now: Date) {
  const [profile, rules] = await Promise.all([getPracticeProfile(), getBookingRules(tx)]);
  const firstName = bookingFields.firstName.open(booking.id, booking.firstNameEnc);
  const method = event === "cancelled" ? "CANCEL" : "REQUEST";
  const clientIcs = { email: booking.email, firstName, practiceName: profile.practiceName, portalUrl: siteUrl("/portal") };
  const common = {
    to: booking.email,
    firstName,
    start: booking.startsAt,
    end: booking.endsAt,
    timeZone: booking.clientTimeZone,
    practiceName: profile.practiceName,
    portalUrl: siteUrl("/portal"),
    ics: icsForClient(booking, method, clientIcs),
  };
  const clientMessage =
    event === "confirmed"
      ? bookingConfirmedEmail(common)
      : event === "rescheduled"
        ? bookingRescheduledEmail(common)
        : bookingCancelledEmail(common);
  await enqueueEmail(tx, { kind: `booking.${event}.client`, message: clientMessage, bookingId: booking.id });
  await enqueueEmail(tx, {
    kind: `booking.${event}.clinician`,
    bookingId: booking.id,
    message: clinicianBookingNotice({
      to: env().CLINICIAN_NOTIFY_EMAIL,
      event: event === "confirmed" ? "booked" : event,
      start: booking.startsAt,
      end: booking.endsAt,
      timeZone: rules.timeZone,
      dashboardUrl: siteUrl("/dashboard/bookings"),
      ics: icsForClinician(booking, method),
    }),
  });

  await cancelPendingEmails(tx, { bookingId: booking.id, kinds: ["booking.reminder.client"] });
  const remindAt = new Date(booking.startsAt.getTime() - REMINDER_BEFORE_MS);
  if (event !== "cancelled" && remindAt > now) {
    await enqueueEmail(tx, {
      kind: "booking.reminder.client",
      bookingId: booking.id,
      sendAfter: remindAt,
      message: bookingReminderEmail({ ...common, ics: icsForClient(booking, "REQUEST", clientIcs) }),
    });
  }
}

export type ConfirmResult =
  { status: "confirmed" | "already-confirmed"; bookingId: string } | { status: "not-found" } | ({ status: "unavailable" } & Unavailable);

/**
 * Opening the emailed link confirms the hold: a compare-and-swap that only turns a still
 * pending hold of this email address into a booking. An expired hold is still honoured
 * if nobody has taken the time since (the constraint decides).
 */
export async function confirmHold(bookingId: string, user: { id: string; email: string }, now = new Date()): Promise<ConfirmResult> {
  const booking = await prisma.booking.findFirst({
    where: { id: bookingId, email: user.email },
    select: { status: true, clientId: true, startsAt: true },
  });
  if (!booking) return { status: "not-found" };
  if (booking.status === "CONFIRMED" && booking.clientId === user.id) return { status: "already-confirmed", bookingId };
  if ((booking.status !== "HOLD" && booking.status !== "EXPIRED") || booking.startsAt <= now) {
    return { status: "unavailable", ...(await unavailable("unavailable", booking.startsAt, now)) };
  }
  try {
    const confirmed = await prisma.$transaction(async (tx) => {
      const rows = await tx.booking.updateManyAndReturn({
        where: { id: bookingId, email: user.email, status: { in: ["HOLD", "EXPIRED"] } },
        data: { status: "CONFIRMED", clientId: user.id, confirmedAt: now, holdExpiresAt: null },
        select: emailFields,
      });
      const row = rows[0];
      if (!row) return false;
      await queueBookingEmails(tx, row, "confirmed", now);
      return true;
    });
    if (confirmed) return { status: "confirmed", bookingId };
    // Lost a race with a second click on the same link.
    const again = await prisma.booking.findFirst({
      where: { id: bookingId, clientId: user.id, status: "CONFIRMED" },
      select: { id: true },
    });
    if (again) return { status: "already-confirmed", bookingId };
    return { status: "unavailable", ...(await unavailable("unavailable", booking.startsAt, now)) };
  } catch (error) {
    if (!isOverlapViolation(error)) throw error;
    await prisma.booking.updateMany({ where: { id: bookingId, status: "HOLD" }, data: { status: "EXPIRED" } });
    return { status: "unavailable", ...(await unavailable("taken", booking.startsAt, now)) };
  }
}

export type ChangeResult = { ok: true } | { ok: false; reason: "not-found" | "too-late"; message: string } | Unavailable;

/** A client's own upcoming consultation; anyone else's is "not found". */
async function ownConfirmed(bookingId: string, clientId: string) {
  return prisma.booking.findFirst({
    where: { id: bookingId, clientId, status: "CONFIRMED" },
    select: { ...emailFields, status: true },
  });
}

export async function rescheduleBooking(bookingId: string, clientId: string, newStart: Date, now = new Date()): Promise<ChangeResult> {
  const rules = await getBookingRules();
  const booking = await ownConfirmed(bookingId, clientId);
  if (!booking) return { ok: false, reason: "not-found", message: "We could not find that consultation." };
  if (isPastCutoff(rules, booking.startsAt, now)) return { ok: false, reason: "too-late", message: cutoffMessage(rules) };
  try {
    const done = await prisma.$transaction(async (tx) => {
      const busy = await loadBusy(tx, now, rules, bookingId);
      if (!isSlotOffered(rules, busy, now, newStart)) return false;
      const rows = await tx.booking.updateManyAndReturn({
        where: { id: bookingId, clientId, status: "CONFIRMED", startsAt: booking.startsAt },
        data: {
          startsAt: newStart,
          endsAt: new Date(newStart.getTime() + rules.slotMinutes * 60_000),
          blockedUntil: new Date(newStart.getTime() + (rules.slotMinutes + rules.bufferMinutes) * 60_000),
          icsSequence: { increment: 1 },
        },
        select: emailFields,
      });
      if (!rows[0]) return false;
      await queueBookingEmails(tx, rows[0], "rescheduled", now);
      return true;
    });
    return done ? { ok: true } : unavailable("unavailable", newStart, now, bookingId);
  } catch (error) {
    if (!isOverlapViolation(error)) throw error;
    return unavailable("taken", newStart, now, bookingId);
  }
}

export async function cancelBooking(bookingId: string, clientId: string, now = new Date()): Promise<ChangeResult> {
  const rules = await getBookingRules();
  const booking = await ownConfirmed(bookingId, clientId);
  if (!booking) return { ok: false, reason: "not-found", message: "We could not find that consultation." };
  if (isPastCutoff(rules, booking.startsAt, now)) return { ok: false, reason: "too-late", message: cutoffMessage(rules) };
  await prisma.$transaction(async (tx) => {
    const rows = await tx.booking.updateManyAndReturn({
      where: { id: bookingId, clientId, status: "CONFIRMED" },
      data: { status: "CANCELLED", cancelledAt: now, cancelledBy: "CLIENT", icsSequence: { increment: 1 } },
      select: emailFields,
    });
    if (rows[0]) await queueBookingEmails(tx, rows[0], "cancelled", now);
  });
  return { ok: true };
}

/**
 * The clinician changes a booking: cancels an upcoming one (no cutoff applies to her; the
 * client is told through the outbox) or records the outcome of a past one (completed or
 * no-show). Audited either way, with the client's id so the trail can be filtered by client.
 */
export async function changeBookingByClinician(
  bookingId: string,
  change: "cancel" | "COMPLETED" | "NO_SHOW",
  clinician: CurrentUser,
  now = new Date(),
): Promise<boolean> {
  const done = await prisma.$transaction(async (tx) => {
    if (change === "cancel") {
      const rows = await tx.booking.updateManyAndReturn({
        where: { id: bookingId, status: "CONFIRMED", startsAt: { gt: now } },
        data: { status: "CANCELLED", cancelledAt: now, cancelledBy: "CLINICIAN", icsSequence: { increment: 1 } },
        select: emailFields,
      });
      if (rows[0]) await queueBookingEmails(tx, rows[0], "cancelled", now);
      return rows.length === 1;
    }
    const result = await tx.booking.updateMany({
      where: { id: bookingId, status: { in: ["CONFIRMED", "COMPLETED", "NO_SHOW"] }, startsAt: { lte: now } },
      data: { status: change },
    });
    return result.count === 1;
  });
  const clientId = (await prisma.booking.findUnique({ where: { id: bookingId }, select: { clientId: true } }))?.clientId ?? null;
  await recordAudit({
    actor: { id: clinician.id, role: clinician.role },
    action: `booking.${change.toLowerCase()}`,
    subjectType: "Booking",
    subjectId: bookingId,
    clientId,
    outcome: done ? "allowed" : "denied",
  });
  return done;
}
