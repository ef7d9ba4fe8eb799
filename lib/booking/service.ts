/**
 * Booking a free consultation: holds, confirmation, reschedule and cancellation. Every
 * change and the emails announcing it are written in one transaction (outbox), and the
 * database's exclusion constraint has the last word on double booking.
 */
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/session";
import { calendarEntryFields, consultationFor, getOpenSlots, loadBusy } from "@/lib/booking/queries";
import { clientView, clinicianView } from "@/lib/booking/consultation";
import { reminderTimes } from "@/lib/booking/reminders";
import type { ConsultationMode } from "@/lib/generated/prisma/enums";
import { cutoffMessage, getBookingRules, getConsultationSettings, isPastCutoff } from "@/lib/booking/rules";
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
  bookingUpdatedEmail,
  clientCalendarLinks,
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
/** Pending holds one email address, or one browser, may have at once. */
export const MAX_HOLDS_PER_EMAIL = 2;
export const MAX_HOLDS_PER_BROWSER = 2;

/** The Booking_no_overlap exclusion constraint refused the row: someone else has that time. */
const isOverlapViolation = (error: unknown) => isExclusionViolation(error, "Booking_no_overlap");

const HOLD_TRANSACTION = { maxWait: 10_000, timeout: 15_000 };

export type Unavailable = { ok: false; reason: "unavailable" | "taken"; message: string; alternatives: Slot[] };
export type TooManyHolds = { ok: false; reason: "too-many-holds"; message: string };

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

const TOO_MANY_HOLDS: TooManyHolds = {
  ok: false,
  reason: "too-many-holds",
  message: `Other times are already waiting for confirmation for this email address. Please open the link we emailed, or try again in ${HOLD_MINUTES} minutes.`,
};

/**
 * Who is asking for a hold: the browser (the hash of its hold cookie) and, when signed in, the
 * client. Only the same browser or the signed-in owner of the email may replace a pending hold;
 * anyone else typing the same address adds a hold of their own, within the caps.
 */
export type Holder = { browserHash: string | null; user?: { id: string; email: string } | null };

export function holderHash(cookieValue: string | undefined | null): string | null {
  return cookieValue ? createHash("sha256").update(`haven-hold:${cookieValue}`).digest("hex") : null;
}

/** A booking request as the form sends it (the calendar-title choice may be left out by scripts). */
export type HoldRequest = Omit<BookingRequest, "calendarShowsPractice"> & { calendarShowsPractice?: boolean };

export async function createHold(
  request: HoldRequest,
  now = new Date(),
  holder: Holder = { browserHash: null },
): Promise<{ ok: true; bookingId: string; holdExpiresAt: Date } | Unavailable | TooManyHolds> {
  const start = new Date(request.slotStart);
  const findOwnHold = () =>
    prisma.booking.findFirst({
      where: { email: request.email, startsAt: start, status: "HOLD", holdExpiresAt: { gt: now } },
      select: { id: true, holdExpiresAt: true },
    });
  const held = (row: { id: string; holdExpiresAt: Date | null }) => ({
    ok: true as const,
    bookingId: row.id,
    holdExpiresAt: row.holdExpiresAt!,
  });
  // A double-click or a resubmitted form gets the hold it already made.
  const existing = await findOwnHold();
  if (existing) return held(existing);

  const ownsEmail = holder.user?.email === request.email;
  let reason: Unavailable["reason"] = "unavailable";
  try {
    const result = await prisma.$transaction(async (tx) => {
      // One request per email address at a time, so the caps below cannot be raced past.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`booking-hold:${request.email}`}))`;
      // Expired holds stop blocking the constraint.
      await tx.booking.updateMany({ where: { status: "HOLD", holdExpiresAt: { lte: now } }, data: { status: "EXPIRED" } });
      const rules = await getBookingRules(tx);
      if (!isSlotOffered(rules, await loadBusy(tx, now, rules), now, start)) return null;
      // Only once the new time is known to be free (a failed insert rolls this back too): an
      // earlier pick of this browser or of the signed-in owner is withdrawn (CANCELLED, so its
      // old link cannot revive it). Someone else's hold for the same address is left alone.
      const mine = ownsEmail ? {} : holder.browserHash ? { holderHash: holder.browserHash } : null;
      if (mine) {
        await tx.booking.updateMany({
          where: { status: "HOLD", email: request.email, startsAt: { not: start }, ...mine },
          data: { status: "CANCELLED", cancelledAt: now },
        });
      }
      const pendingForEmail = await tx.booking.count({ where: { status: "HOLD", email: request.email } });
      const pendingForBrowser = holder.browserHash
        ? await tx.booking.count({ where: { status: "HOLD", holderHash: holder.browserHash } })
        : 0;
      if (pendingForEmail >= MAX_HOLDS_PER_EMAIL || pendingForBrowser >= MAX_HOLDS_PER_BROWSER) return "too-many" as const;
      const id = randomUUID();
      const holdExpiresAt = new Date(now.getTime() + HOLD_MINUTES * 60_000);
      await tx.booking.create({
        data: {
          id,
          icsUid: `${randomUUID()}@haven`,
          status: "HOLD",
          startsAt: start,
          endsAt: new Date(start.getTime() + rules.slotMinutes * 60_000),
          blockedUntil: new Date(start.getTime() + (rules.slotMinutes + rules.bufferMinutes) * 60_000),
          holdExpiresAt,
          holderHash: holder.browserHash,
          email: request.email,
          firstNameEnc: bookingFields.firstName.seal(id, request.firstName),
          phoneEnc: request.phone ? bookingFields.phone.seal(id, request.phone) : null,
          noteEnc: request.note ? bookingFields.note.seal(id, request.note) : null,
          contactMethod: request.contactMethod,
          calendarShowsPractice: request.calendarShowsPractice ?? false,
          consentAt: now,
          clientTimeZone: request.timeZone,
        },
      });
      return { id, holdExpiresAt };
      // A burst of requests (fifty people at once) queues for a connection rather than failing.
    }, HOLD_TRANSACTION);
    if (result === "too-many") return TOO_MANY_HOLDS;
    if (result) return { ok: true, bookingId: result.id, holdExpiresAt: result.holdExpiresAt };
  } catch (error) {
    if (!isOverlapViolation(error)) throw error;
    reason = "taken";
  }
  // Refused: by a concurrent twin of this same request, or by someone else.
  const mine = await findOwnHold();
  if (mine) return held(mine);
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
  consultationMode: ConsultationMode | null;
  videoUrlEnc: string | null;
  phoneEnc: string | null;
  calendarShowsPractice: boolean;
};

const emailFields = { ...calendarEntryFields, firstNameEnc: true, clientTimeZone: true } as const;

type ClientEvent = "confirmed" | "rescheduled" | "cancelled" | "updated";

/**
 * Queues the client's and the clinician's emails for a change, in the caller's transaction,
 * and replaces the reminders (up to two, moved out of the client's quiet hours).
 */
async function queueBookingEmails(tx: Tx, booking: BookingForEmail, event: ClientEvent, now: Date, message?: string | null) {
  const [profile, rules, settings] = await Promise.all([getPracticeProfile(), getBookingRules(tx), getConsultationSettings(tx)]);
  const firstName = bookingFields.firstName.open(booking.id, booking.firstNameEnc);
  const consultation = consultationFor(booking, settings, profile.clinicianName);
  const method = event === "cancelled" ? "CANCEL" : "REQUEST";
  const portalUrl = siteUrl("/portal");
  const dashboardUrl = siteUrl(`/dashboard/bookings#booking-${booking.id}`);
  const clientIcs = {
    email: booking.email,
    firstName,
    practiceName: profile.practiceName,
    portalUrl,
    showPractice: booking.calendarShowsPractice,
    how: clientView(consultation),
  };
  const common = {
    to: booking.email,
    firstName,
    start: booking.startsAt,
    end: booking.endsAt,
    timeZone: booking.clientTimeZone,
    practiceName: profile.practiceName,
    portalUrl,
    how: clientIcs.how,
    calendarLinks: clientCalendarLinks(booking, clientIcs),
    ics: icsForClient(booking, method, clientIcs),
    message,
  };
  const clientMessage = {
    confirmed: bookingConfirmedEmail,
    rescheduled: bookingRescheduledEmail,
    cancelled: bookingCancelledEmail,
    updated: bookingUpdatedEmail,
  }[event](common);
  await enqueueEmail(tx, { kind: `booking.${event}.client`, message: clientMessage, bookingId: booking.id });
  await enqueueEmail(tx, {
    kind: `booking.${event}.clinician`,
    bookingId: booking.id,
    message: clinicianBookingNotice({
      to: env().CLINICIAN_NOTIFY_EMAIL,
      event: event === "confirmed" ? "booked" : event,
      how: clinicianView(consultation),
      start: booking.startsAt,
      end: booking.endsAt,
      timeZone: rules.timeZone,
      dashboardUrl,
      ics: icsForClinician(booking, method, clinicianView(consultation), dashboardUrl),
    }),
  });

  await cancelPendingEmails(tx, { bookingId: booking.id, kinds: ["booking.reminder.client"] });
  if (event === "cancelled") return;
  const times = reminderTimes(booking.startsAt, settings.reminderMinutes, booking.clientTimeZone, settings.quietHours, now);
  for (const sendAfter of times) {
    await enqueueEmail(tx, {
      kind: "booking.reminder.client",
      bookingId: booking.id,
      sendAfter,
      message: bookingReminderEmail({ ...common, message: null, ics: icsForClient(booking, "REQUEST", clientIcs) }),
    });
  }
}

export type ConfirmResult =
  { status: "confirmed" | "already-confirmed"; bookingId: string } | { status: "not-found" } | ({ status: "unavailable" } & Unavailable);

/**
 * Opening the emailed link confirms the hold: a compare-and-swap that only turns a still
 * pending hold of this email address into a booking. A hold that has expired (the link came
 * late: a mail outage, a client signing in hours later) is honoured only if the time still
 * fits every current rule (days off, minimum notice, windows, busy times) and nobody has
 * taken it since (the constraint decides); otherwise she is offered the nearest open times.
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
      const current = await tx.booking.findFirst({
        where: { id: bookingId, email: user.email, status: { in: ["HOLD", "EXPIRED"] } },
        select: { status: true, holdExpiresAt: true, startsAt: true },
      });
      if (!current) return "gone" as const;
      const lapsed = current.status === "EXPIRED" || !current.holdExpiresAt || current.holdExpiresAt <= now;
      if (lapsed) {
        const rules = await getBookingRules(tx);
        if (!isSlotOffered(rules, await loadBusy(tx, now, rules, bookingId), now, current.startsAt)) return "no-longer-fits" as const;
      }
      const rows = await tx.booking.updateManyAndReturn({
        where: { id: bookingId, email: user.email, status: { in: ["HOLD", "EXPIRED"] } },
        data: { status: "CONFIRMED", clientId: user.id, confirmedAt: now, holdExpiresAt: null },
        select: emailFields,
      });
      const row = rows[0];
      if (!row) return "gone" as const;
      await queueBookingEmails(tx, row, "confirmed", now);
      return "confirmed" as const;
    });
    if (confirmed === "confirmed") return { status: "confirmed", bookingId };
    if (confirmed === "no-longer-fits") {
      await prisma.booking.updateMany({ where: { id: bookingId, status: "HOLD" }, data: { status: "EXPIRED" } });
      return { status: "unavailable", ...(await unavailable("unavailable", booking.startsAt, now, bookingId)) };
    }
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
 * The clinician records the outcome of a past consultation (completed or no-show). Audited,
 * with the client's id so the trail can be filtered by client. Cancelling is not here: it has
 * its own confirmation step (cancelBookingByClinician), so no single click cancels anything.
 */
export async function changeBookingByClinician(
  bookingId: string,
  change: "COMPLETED" | "NO_SHOW",
  clinician: CurrentUser,
  now = new Date(),
): Promise<boolean> {
  const result = await prisma.booking.updateMany({
    where: { id: bookingId, status: { in: ["CONFIRMED", "COMPLETED", "NO_SHOW"] }, startsAt: { lte: now } },
    data: { status: change },
  });
  await auditClinicianChange(bookingId, change.toLowerCase(), clinician, result.count === 1);
  return result.count === 1;
}

async function auditClinicianChange(bookingId: string, change: string, clinician: CurrentUser, done: boolean) {
  const clientId = (await prisma.booking.findUnique({ where: { id: bookingId }, select: { clientId: true } }))?.clientId ?? null;
  await recordAudit({
    actor: { id: clinician.id, role: clinician.role },
    action: `booking.${change}`,
    subjectType: "Booking",
    subjectId: bookingId,
    clientId,
    outcome: done ? "allowed" : "denied",
  });
}

/** The booking, if it is still a confirmed consultation to come: what her changes may touch. */
const upcomingConfirmed = (bookingId: string, now: Date) => ({ id: bookingId, status: "CONFIRMED" as const, startsAt: { gt: now } });

export type ClinicianChange = { ok: true; message: string } | { ok: false; message: string; field?: string };

/**
 * She cancels an upcoming consultation, after a confirmation step: her reason is kept
 * (encrypted, never sent), an optional message goes to the client with the cancellation.
 */
export async function cancelBookingByClinician(
  bookingId: string,
  input: { reason: string | null; message: string | null },
  clinician: CurrentUser,
  now = new Date(),
): Promise<ClinicianChange> {
  const done = await prisma.$transaction(async (tx) => {
    const rows = await tx.booking.updateManyAndReturn({
      where: upcomingConfirmed(bookingId, now),
      data: {
        status: "CANCELLED",
        cancelledAt: now,
        cancelledBy: "CLINICIAN",
        icsSequence: { increment: 1 },
        cancelReasonEnc: input.reason ? bookingFields.cancelReason.seal(bookingId, input.reason) : null,
      },
      select: emailFields,
    });
    if (rows[0]) await queueBookingEmails(tx, rows[0], "cancelled", now, input.message);
    return rows.length === 1;
  });
  await auditClinicianChange(bookingId, "cancel", clinician, done);
  return done
    ? { ok: true, message: "Cancelled. The client has been emailed." }
    : { ok: false, message: "That consultation could not be cancelled: it has already passed or changed." };
}

/** She moves a consultation to another open time (no cutoff applies to her); the client is told. */
export async function moveBookingByClinician(
  bookingId: string,
  input: { newStart: Date; message: string | null },
  clinician: CurrentUser,
  now = new Date(),
): Promise<ClinicianChange | Unavailable> {
  const rules = await getBookingRules();
  try {
    const done = await prisma.$transaction(async (tx) => {
      const busy = await loadBusy(tx, now, rules, bookingId);
      if (!isSlotOffered(rules, busy, now, input.newStart)) return false;
      const rows = await tx.booking.updateManyAndReturn({
        where: upcomingConfirmed(bookingId, now),
        data: {
          startsAt: input.newStart,
          endsAt: new Date(input.newStart.getTime() + rules.slotMinutes * 60_000),
          blockedUntil: new Date(input.newStart.getTime() + (rules.slotMinutes + rules.bufferMinutes) * 60_000),
          icsSequence: { increment: 1 },
        },
        select: emailFields,
      });
      if (!rows[0]) return null;
      await queueBookingEmails(tx, rows[0], "rescheduled", now, input.message);
      return true;
    });
    await auditClinicianChange(bookingId, "move", clinician, done === true);
    if (done === null) return { ok: false, message: "That consultation could not be moved: it has already passed or changed." };
    return done
      ? { ok: true, message: "Moved. The client has been emailed the new time." }
      : unavailable("unavailable", input.newStart, now, bookingId);
  } catch (error) {
    if (!isOverlapViolation(error)) throw error;
    return unavailable("taken", input.newStart, now, bookingId);
  }
}

/** How one consultation happens, set by her (null mode: her default). The client is told. */
export async function setBookingConsultation(
  bookingId: string,
  input: { mode: ConsultationMode | null; videoUrl: string | null },
  clinician: CurrentUser,
  now = new Date(),
): Promise<ClinicianChange> {
  const done = await prisma.$transaction(async (tx) => {
    const rows = await tx.booking.updateManyAndReturn({
      where: upcomingConfirmed(bookingId, now),
      data: {
        consultationMode: input.mode,
        videoUrlEnc: input.videoUrl ? bookingFields.videoUrl.seal(bookingId, input.videoUrl) : null,
        icsSequence: { increment: 1 },
      },
      select: emailFields,
    });
    if (rows[0]) await queueBookingEmails(tx, rows[0], "updated", now);
    return rows.length === 1;
  });
  await auditClinicianChange(bookingId, "consultation", clinician, done);
  return done
    ? { ok: true, message: "Saved. The client has been emailed the details." }
    : { ok: false, message: "Only an upcoming consultation can be changed." };
}

export type PhoneBooking = {
  slotStart: string;
  firstName: string;
  email: string;
  phone: string;
  contactMethod: "EMAIL" | "PHONE" | "TEXT";
  note: string;
  timeZone: string;
};

/**
 * She books a consultation for someone who phoned: confirmed at once (she has their consent on
 * the phone), linked to their account so the portal shows it, with the usual confirmation.
 */
export async function bookForClient(
  input: PhoneBooking,
  clinician: CurrentUser,
  now = new Date(),
): Promise<{ ok: true; bookingId: string } | Unavailable | { ok: false; reason: "clinician-address"; message: string }> {
  const start = new Date(input.slotStart);
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { role: true } });
  if (existing?.role === "CLINICIAN")
    return { ok: false, reason: "clinician-address", message: "That is your own address; please use the client's." };
  try {
    const id = await prisma.$transaction(async (tx) => {
      const rules = await getBookingRules(tx);
      if (!isSlotOffered(rules, await loadBusy(tx, now, rules), now, start)) return null;
      const client = await tx.user.upsert({
        where: { email: input.email },
        create: { email: input.email },
        update: {},
        select: { id: true },
      });
      const bookingId = randomUUID();
      const row = await tx.booking.create({
        data: {
          id: bookingId,
          icsUid: `${randomUUID()}@haven`,
          status: "CONFIRMED",
          startsAt: start,
          endsAt: new Date(start.getTime() + rules.slotMinutes * 60_000),
          blockedUntil: new Date(start.getTime() + (rules.slotMinutes + rules.bufferMinutes) * 60_000),
          clientId: client.id,
          email: input.email,
          firstNameEnc: bookingFields.firstName.seal(bookingId, input.firstName),
          phoneEnc: input.phone ? bookingFields.phone.seal(bookingId, input.phone) : null,
          noteEnc: input.note ? bookingFields.note.seal(bookingId, input.note) : null,
          contactMethod: input.contactMethod,
          consentAt: now,
          confirmedAt: now,
          clientTimeZone: input.timeZone,
          bookedByClinician: true,
        },
        select: emailFields,
      });
      await queueBookingEmails(tx, row, "confirmed", now);
      return bookingId;
    });
    if (id) await auditClinicianChange(id, "book", clinician, true);
    return id ? { ok: true, bookingId: id } : unavailable("unavailable", start, now);
  } catch (error) {
    if (!isOverlapViolation(error)) throw error;
    return unavailable("taken", start, now);
  }
}
