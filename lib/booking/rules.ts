/**
 * The practice's booking rules: the weekly availability behind /book, notice, horizon, days
 * off and the cancellation cutoff. One reader (getBookingRules) and one writer
 * (saveAvailability). Changing availability never touches an existing booking: it reports
 * the confirmed ones that no longer fit, for her to handle.
 */
import "server-only";
import { cache } from "react";
import { DateTime } from "luxon";
import { bookingRulesSchema, minutesOfDay, type BookingRules } from "@/lib/booking/slots";
import { prisma, type Db } from "@/lib/platform/db";
import { formatDateTime } from "@/lib/platform/format";
import { z } from "@/lib/platform/zod";

/** Sensible starting availability (seeded); she edits it from the dashboard. */
export const DEFAULT_BOOKING_SETTINGS = {
  timeZone: "America/New_York",
  windows: [
    { weekday: 2, start: "09:00", end: "12:00" },
    { weekday: 3, start: "13:00", end: "17:00" },
    { weekday: 4, start: "09:00", end: "12:00" },
  ],
  slotMinutes: 20,
  bufferMinutes: 10,
  minNoticeMinutes: 24 * 60,
  horizonDays: 30,
  cancelCutoffMinutes: 24 * 60,
  daysOff: [] as string[],
};

export type PracticeRules = BookingRules & { cancelCutoffMinutes: number };

export async function getBookingRules(db: Db = prisma): Promise<PracticeRules> {
  const row = await db.bookingSettings.findUnique({ where: { id: 1 } });
  const source = row ?? DEFAULT_BOOKING_SETTINGS;
  return {
    timeZone: source.timeZone,
    windows: source.windows as BookingRules["windows"],
    slotMinutes: source.slotMinutes,
    bufferMinutes: source.bufferMinutes,
    minNoticeMinutes: source.minNoticeMinutes,
    horizonDays: source.horizonDays,
    daysOff: source.daysOff,
    cancelCutoffMinutes: source.cancelCutoffMinutes,
  };
}

/** The practice's time zone, in which the dashboard shows every time (read once per request). */
export const getPracticeTimeZone = cache(async (): Promise<string> => (await getBookingRules()).timeZone);

/** Inside the cancellation cutoff: online changes are closed and she must be contacted. */
export function isPastCutoff(rules: PracticeRules, startsAt: Date, now: Date): boolean {
  return startsAt.getTime() - now.getTime() < rules.cancelCutoffMinutes * 60_000;
}

export function cutoffMessage(rules: PracticeRules): string {
  const hours = Math.round(rules.cancelCutoffMinutes / 60);
  return `Online changes close ${hours} hours before the consultation. Please call or email the practice and we will sort it out together.`;
}

// ---------------------------------------------------------------------------------------
// Editing the availability

const MAX_CANCEL_CUTOFF_MINUTES = 30 * 24 * 60;

const cancelCutoffSchema = z.object({
  cancelCutoffMinutes: z
    .int({ error: "Cancellation cutoff must be a whole number of minutes" })
    .min(0, { error: "Cancellation cutoff must be at least 0 minutes" })
    .max(MAX_CANCEL_CUTOFF_MINUTES, { error: `Cancellation cutoff must be at most ${MAX_CANCEL_CUTOFF_MINUTES} minutes` }),
});

/** The booking rules (lib/booking/slots.ts decides what is valid) plus the cancellation cutoff. */
export const availabilitySchema = z.intersection(bookingRulesSchema, cancelCutoffSchema);

export type AvailabilityInput = z.infer<typeof availabilitySchema>;

export type OutsideBooking = { id: string; startsAt: Date; endsAt: Date; email: string; label: string };

/**
 * Whether a booking still lies inside the availability: on a practice-local date that is not
 * a day off, wholly within one of that weekday's windows. Notice and horizon are rules for
 * new requests, so they do not make an existing booking "outside".
 */
export function bookingFits(rules: Pick<BookingRules, "timeZone" | "windows" | "daysOff">, startsAt: Date, endsAt: Date): boolean {
  const start = DateTime.fromJSDate(startsAt, { zone: rules.timeZone });
  const end = DateTime.fromJSDate(endsAt, { zone: rules.timeZone });
  const date = start.toISODate();
  if (!start.isValid || !end.isValid || !date || rules.daysOff.includes(date)) return false;
  if (end.toISODate() !== date) return false;
  const startMinute = start.hour * 60 + start.minute + start.second / 60;
  const endMinute = end.hour * 60 + end.minute + end.second / 60;
  return rules.windows.some((w) => w.weekday === start.weekday && minutesOfDay(w.start) <= startMinute && endMinute <= minutesOfDay(w.end));
}

/** Confirmed, still-upcoming bookings that the given availability no longer covers. */
async function bookingsOutside(
  rules: Pick<BookingRules, "timeZone" | "windows" | "daysOff">,
  now = new Date(),
  db: Db = prisma,
): Promise<OutsideBooking[]> {
  const rows = await db.booking.findMany({
    where: { status: "CONFIRMED", startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true, email: true },
  });
  return rows
    .filter((row) => !bookingFits(rules, row.startsAt, row.endsAt))
    .map((row) => ({ ...row, label: formatDateTime(row.startsAt, rules.timeZone) }));
}

/**
 * Stores the availability (already parsed with availabilitySchema by the action). Bookings
 * are never changed: the result lists the confirmed upcoming ones that now fall outside it.
 */
export async function saveAvailability(input: AvailabilityInput, now = new Date()): Promise<OutsideBooking[]> {
  const rules: AvailabilityInput = {
    timeZone: input.timeZone,
    windows: [...input.windows].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    slotMinutes: input.slotMinutes,
    bufferMinutes: input.bufferMinutes,
    minNoticeMinutes: input.minNoticeMinutes,
    horizonDays: input.horizonDays,
    daysOff: [...new Set(input.daysOff)].sort(),
    cancelCutoffMinutes: input.cancelCutoffMinutes,
  };
  return prisma.$transaction(async (tx) => {
    await tx.bookingSettings.upsert({ where: { id: 1 }, create: { id: 1, ...rules }, update: rules });
    return bookingsOutside(rules, now, tx);
  });
}
