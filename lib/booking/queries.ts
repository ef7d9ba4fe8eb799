/**
 * Reading bookings: the open times, the client's own consultations (every query filtered by
 * her id) and the clinician's lists, with the client's contact details and note (decrypted
 * here, audited as a read of client data).
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/session";
import { getBookingRules, getConsultationSettings, isPastCutoff, type ConsultationSettings, type PracticeRules } from "@/lib/booking/rules";
import { BOOKING_CONSENT_LABEL, contactMethodLabel } from "@/lib/booking/schema";
import { BOOKING_STATUS_LABEL } from "@/lib/booking/status";
import {
  clientEntryTitle,
  clientView,
  JOIN_OPENS_MINUTES,
  MODE_WORD,
  type Consultation,
  type HowItHappens,
} from "@/lib/booking/consultation";
import { addToCalendarLinks } from "@/lib/booking/calendar";
import { getPracticeProfile } from "@/lib/practice/profile";
import { siteUrl } from "@/lib/platform/site";
import { bookingFields } from "@/lib/booking/sealed";
import { computeSlots, type BookingRules, type BusyInterval, type Slot } from "@/lib/booking/slots";
import { DateTime } from "luxon";
import type { BookingStatus, ConsultationMode } from "@/lib/generated/prisma/enums";
import { prisma, type Db } from "@/lib/platform/db";
import { errorCode, logger } from "@/lib/platform/logger";

/** The fields a booking's way of happening is worked out from. */
export const consultationFields = { id: true, consultationMode: true, videoUrlEnc: true, phoneEnc: true } as const;

/** What a calendar entry of a booking needs (the client's .ics and every email's invitation). */
export const calendarEntryFields = {
  ...consultationFields,
  icsUid: true,
  icsSequence: true,
  startsAt: true,
  endsAt: true,
  email: true,
  calendarShowsPractice: true,
} as const;

/**
 * How a booking happens: its own override, else her default; its own video link, else her
 * standing room. Includes the client's number and the link: for the client and the clinician only.
 */
export function consultationFor(
  row: { id: string; consultationMode: ConsultationMode | null; videoUrlEnc: string | null; phoneEnc: string | null },
  settings: ConsultationSettings,
  clinicianName: string,
): Consultation {
  const open = (fn: () => string) => {
    try {
      return fn();
    } catch {
      return null;
    }
  };
  return {
    mode: row.consultationMode ?? settings.consultationMode,
    clinicianName,
    clientPhone: row.phoneEnc ? open(() => bookingFields.phone.open(row.id, row.phoneEnc!)) : null,
    practicePhone: settings.consultationPhone,
    videoUrl: (row.videoUrlEnc ? open(() => bookingFields.videoUrl.open(row.id, row.videoUrlEnc!)) : null) ?? settings.videoRoomUrl,
    address: settings.inPersonAddress,
  };
}

/** Confirmed bookings, unexpired holds and her calendars' busy times that could collide with offered slots. */
export async function loadBusy(db: Db, now: Date, rules: BookingRules, excludeBookingId?: string): Promise<BusyInterval[]> {
  const windowStart = new Date(now.getTime() - 24 * 60 * 60 * 1000);
  const windowEnd = new Date(now.getTime() + (rules.horizonDays + 2) * 24 * 60 * 60 * 1000);
  const rows = await db.booking.findMany({
    where: {
      id: excludeBookingId ? { not: excludeBookingId } : undefined,
      endsAt: { gt: windowStart },
      startsAt: { lt: windowEnd },
      OR: [{ status: "CONFIRMED" }, { status: "HOLD", holdExpiresAt: { gt: now } }],
    },
    select: { startsAt: true, endsAt: true },
  });
  // Her own calendars' busy times (the last good copy of each), in the same window.
  const calendarBusy = await db.calendarBusy.findMany({
    where: { endsAt: { gt: windowStart }, startsAt: { lt: windowEnd } },
    select: { startsAt: true, endsAt: true },
  });
  return [...rows, ...calendarBusy].map((row) => ({ start: row.startsAt, end: row.endsAt }));
}

export async function getOpenSlots(
  now = new Date(),
  options: { excludeBookingId?: string } = {},
): Promise<{ rules: PracticeRules; slots: Slot[] }> {
  const rules = await getBookingRules();
  const busy = await loadBusy(prisma, now, rules, options.excludeBookingId);
  return { rules, slots: computeSlots(rules, busy, now) };
}

export type ClientBooking = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  changeable: boolean;
  /** How it happens, in her words; the video link is hers to see. */
  how: HowItHappens;
  calendarLinks: { google: string; outlook: string };
  /** When the Join button opens, and whether it already has. */
  joinOpensAt: Date;
  joinOpen: boolean;
};

/** The signed-in client's upcoming consultations (the query itself is filtered by owner). */
export async function listClientBookings(clientId: string, now = new Date()): Promise<{ rules: PracticeRules; bookings: ClientBooking[] }> {
  const [rules, settings, profile] = await Promise.all([getBookingRules(), getConsultationSettings(), getPracticeProfile()]);
  const rows = await prisma.booking.findMany({
    where: { clientId, status: "CONFIRMED", endsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { ...consultationFields, startsAt: true, endsAt: true, status: true, calendarShowsPractice: true },
  });
  const portalUrl = siteUrl("/portal");
  return {
    rules,
    bookings: rows.map((row) => ({
      id: row.id,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      status: row.status,
      changeable: !isPastCutoff(rules, row.startsAt, now),
      joinOpensAt: new Date(row.startsAt.getTime() - JOIN_OPENS_MINUTES * 60_000),
      joinOpen: now.getTime() >= row.startsAt.getTime() - JOIN_OPENS_MINUTES * 60_000,
      how: clientView(consultationFor(row, settings, profile.clinicianName)),
      calendarLinks: addToCalendarLinks({
        title: clientEntryTitle(row.calendarShowsPractice, profile.practiceName),
        start: row.startsAt,
        end: row.endsAt,
        details: `Details, the link to join and changes: ${portalUrl}`,
      }),
    })),
  };
}

/** A pending hold of this address, for the sign-in email that confirms it (times only). */
export async function holdForSignInEmail(bookingId: string, email: string) {
  const row = await prisma.booking.findFirst({
    where: { id: bookingId, email, status: "HOLD", holdExpiresAt: { not: null } },
    select: { startsAt: true, endsAt: true, holdExpiresAt: true, clientTimeZone: true },
  });
  return row && { startsAt: row.startsAt, endsAt: row.endsAt, holdExpiresAt: row.holdExpiresAt!, timeZone: row.clientTimeZone };
}

/**
 * What she typed into her earlier request, for a client who is signed in (the confirm link
 * brought her back because the time no longer fits): the new form starts filled in.
 */
export async function requestPrefill(bookingId: string, user: { email: string }) {
  const row = await prisma.booking.findFirst({
    where: { id: bookingId, email: user.email },
    select: { id: true, firstNameEnc: true, phoneEnc: true, noteEnc: true, contactMethod: true, email: true },
  });
  if (!row) return null;
  try {
    return {
      firstName: bookingFields.firstName.open(row.id, row.firstNameEnc),
      email: row.email,
      phone: row.phoneEnc ? bookingFields.phone.open(row.id, row.phoneEnc) : "",
      note: row.noteEnc ? bookingFields.note.open(row.id, row.noteEnc) : "",
      contactMethod: row.contactMethod,
    };
  } catch {
    return null;
  }
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
    select: { ...calendarEntryFields, status: true },
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
  /** False when a stored field failed to decrypt (a lost key, a damaged row): the details are blank. */
  readable: boolean;
  firstName: string;
  email: string;
  phone: string | null;
  note: string | null;
  contactMethod: string;
  clientTimeZone: string;
  intakeId: string | null;
  consultationMode: ConsultationMode | null;
  hasOwnVideoLink: boolean;
  cancelledBy: "CLIENT" | "CLINICIAN" | null;
  cancelReason: string | null;
  bookedByClinician: boolean;
};

const SCOPES = {
  upcoming: (now: Date) => ({ status: "CONFIRMED" as const, startsAt: { gte: now } }),
  // Cancelled but still in the future: kept visible with who cancelled and why.
  cancelled: (now: Date) => ({ status: "CANCELLED" as const, startsAt: { gte: now } }),
  past: (now: Date) => ({ status: { in: ["CONFIRMED", "COMPLETED", "NO_SHOW", "CANCELLED"] as BookingStatus[] }, startsAt: { lt: now } }),
};

export async function listBookings(clinician: CurrentUser, scope: keyof typeof SCOPES, now = new Date()): Promise<DashboardBooking[]> {
  const rows = await prisma.booking.findMany({
    where: SCOPES[scope](now),
    orderBy: { startsAt: scope === "past" ? "desc" : "asc" },
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
      consultationMode: true,
      videoUrlEnc: true,
      cancelledBy: true,
      cancelReasonEnc: true,
      bookedByClinician: true,
      client: { select: { intake: { select: { id: true } } } },
    },
  });
  await recordAudit({
    actor: { id: clinician.id, role: clinician.role },
    action: `booking.list.${scope}`,
    subjectType: "Booking",
    outcome: "allowed",
  });
  return rows.map((row) => {
    const base = {
      id: row.id,
      startsAt: row.startsAt,
      status: row.status,
      email: row.email,
      contactMethod: row.contactMethod,
      clientTimeZone: row.clientTimeZone,
      intakeId: row.client?.intake?.id ?? null,
      consultationMode: row.consultationMode,
      hasOwnVideoLink: row.videoUrlEnc !== null,
      cancelledBy: row.cancelledBy,
      bookedByClinician: row.bookedByClinician,
    };
    try {
      return {
        ...base,
        readable: true,
        firstName: bookingFields.firstName.open(row.id, row.firstNameEnc),
        phone: row.phoneEnc ? bookingFields.phone.open(row.id, row.phoneEnc) : null,
        note: row.noteEnc ? bookingFields.note.open(row.id, row.noteEnc) : null,
        cancelReason: row.cancelReasonEnc ? bookingFields.cancelReason.open(row.id, row.cancelReasonEnc) : null,
      };
    } catch (error) {
      // One damaged row must not hide every other booking (and the urgent work) from her.
      logger.error(
        { event: "booking.decrypt.failed", bookingId: row.id, errorCode: errorCode(error) },
        "a booking's encrypted details could not be read",
      );
      return { ...base, readable: false, firstName: "", phone: null, note: null, cancelReason: null };
    }
  });
}

/** One upcoming consultation for her move or cancel page: the time and the first name (audited). */
export async function getBookingForClinician(bookingId: string, clinician: CurrentUser) {
  const row = await prisma.booking.findFirst({
    where: { id: bookingId, status: "CONFIRMED" },
    select: { id: true, startsAt: true, endsAt: true, firstNameEnc: true, clientId: true },
  });
  await recordAudit({
    actor: { id: clinician.id, role: clinician.role },
    action: "booking.read",
    subjectType: "Booking",
    subjectId: bookingId,
    clientId: row?.clientId ?? null,
    outcome: row ? "allowed" : "denied",
  });
  if (!row) return null;
  let firstName = "";
  try {
    firstName = bookingFields.firstName.open(row.id, row.firstNameEnc);
  } catch {
    firstName = "(name unreadable)";
  }
  return { id: row.id, startsAt: row.startsAt, endsAt: row.endsAt, firstName };
}

/** One booking as her copy of her records shows it: every field, worded. */
export type BookingRecord = {
  id: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  requestedAt: Date;
  email: string;
  firstName: string;
  phone: string | null;
  note: string | null;
  contactMethod: string;
  /** When she agreed to be contacted, and the words she agreed to. */
  consent: { at: Date; statement: string };
  timeZone: string;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  /** How it happens, in her words; null when the practice's default applies. */
  how: string | null;
  calendarShowsPractice: boolean;
  bookedByClinician: boolean;
  /** The clinician's reason when she cancelled: kept for her, so only in her own export. */
  cancelReason?: string | null;
};

/**
 * Every booking of one client, past and present, decrypted for her records export: those
 * linked to her account and those made with her sign-in email before she signed in. The
 * caller has decided who may read whose, and audits the read.
 */
export async function bookingRecordsFor(
  client: { id: string; email: string },
  { clinicianNotes }: { clinicianNotes: boolean },
): Promise<BookingRecord[]> {
  const rows = await prisma.booking.findMany({
    where: { OR: [{ clientId: client.id }, { clientId: null, email: client.email }] },
    orderBy: { startsAt: "asc" },
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      createdAt: true,
      email: true,
      firstNameEnc: true,
      phoneEnc: true,
      noteEnc: true,
      contactMethod: true,
      consentAt: true,
      clientTimeZone: true,
      confirmedAt: true,
      cancelledAt: true,
      cancelledBy: true,
      cancelReasonEnc: true,
      consultationMode: true,
      calendarShowsPractice: true,
      bookedByClinician: true,
    },
  });
  const readable = (open: () => string) => {
    try {
      return open();
    } catch {
      return "(could not be read)";
    }
  };
  return rows.map((row) => ({
    id: row.id,
    status: BOOKING_STATUS_LABEL[row.status],
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    requestedAt: row.createdAt,
    email: row.email,
    firstName: readable(() => bookingFields.firstName.open(row.id, row.firstNameEnc)),
    phone: row.phoneEnc ? readable(() => bookingFields.phone.open(row.id, row.phoneEnc!)) : null,
    note: row.noteEnc ? readable(() => bookingFields.note.open(row.id, row.noteEnc!)) : null,
    contactMethod: contactMethodLabel(row.contactMethod),
    consent: { at: row.consentAt, statement: BOOKING_CONSENT_LABEL },
    timeZone: row.clientTimeZone,
    confirmedAt: row.confirmedAt,
    cancelledAt: row.cancelledAt,
    cancelledBy: row.cancelledBy ? (row.cancelledBy === "CLIENT" ? "You" : "The clinician") : null,
    how: row.consultationMode ? MODE_WORD[row.consultationMode] : null,
    calendarShowsPractice: row.calendarShowsPractice,
    bookedByClinician: row.bookedByClinician,
    ...(clinicianNotes && {
      cancelReason: row.cancelReasonEnc ? readable(() => bookingFields.cancelReason.open(row.id, row.cancelReasonEnc!)) : null,
    }),
  }));
}
