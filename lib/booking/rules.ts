/**
 * The practice's booking rules: the weekly availability behind /book, notice, horizon, days
 * off and the cancellation cutoff. One reader (getBookingRules) and one writer
 * (saveAvailability). Changing availability never touches an existing booking: it reports
 * the confirmed ones that no longer fit, for her to handle.
 */
import "server-only";
import { cache } from "react";
import { DateTime } from "luxon";
import { bookingRulesSchema, expandDaysOff, minutesOfDay, type BookingRules } from "@/lib/booking/slots";
import { prisma, type Db } from "@/lib/platform/db";
import { formatDateTime } from "@/lib/platform/format";
import { z } from "@/lib/platform/zod";
import type { ConsultationMode } from "@/lib/generated/prisma/enums";
import type { ConsultationSettingsInput } from "@/lib/booking/consultation";
import { DEFAULT_QUIET_HOURS, type QuietHours } from "@/lib/booking/reminders";
import { settingsFields } from "@/lib/booking/sealed";

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
  if (!start.isValid || !end.isValid || !date || expandDaysOff(rules.daysOff).has(date)) return false;
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

/** One weekday row of the form holds up to this many windows (e.g. a morning and an afternoon). */
export const WINDOWS_PER_DAY = 2;
/** Empty days-off rows the form offers beyond the saved ones (so it works without JavaScript). */
export const SPARE_DAYS_OFF_ROWS = 3;

type Posted = Record<string, string | string[]>;
const one = (values: Posted, name: string) => {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
};

/**
 * The availability form as posted (weekly hours as a grid of weekdays, notice and cutoff in
 * hours, days off as from/to rows), checked with the same rules as ever (availabilitySchema).
 * Field errors come back under the form's own field names.
 */
export function parseAvailabilityForm(
  values: Posted,
): { ok: true; data: AvailabilityInput } | { ok: false; fieldErrors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const windows: { weekday: number; start: string; end: string }[] = [];
  const windowField: string[] = [];
  for (let day = 1; day <= 7; day++) {
    for (let i = 0; i < WINDOWS_PER_DAY; i++) {
      const start = one(values, `hours.${day}.${i}.start`);
      const end = one(values, `hours.${day}.${i}.end`);
      if (start === "" && end === "") continue;
      if (start === "" || end === "") {
        errors[`hours.${day}.${i}.${start === "" ? "start" : "end"}`] = "Please give both a start and an end time, or clear both.";
        continue;
      }
      windows.push({ weekday: day, start, end });
      windowField.push(`hours.${day}.${i}`);
    }
  }
  const daysOff: string[] = [];
  const dayOffField: string[] = [];
  const rows = Object.keys(values).filter((k) => /^off\.\d+\.from$/.test(k)).length;
  for (let i = 0; i < rows; i++) {
    const from = one(values, `off.${i}.from`);
    const to = one(values, `off.${i}.to`);
    if (from === "" && to === "") continue;
    if (from === "") {
      errors[`off.${i}.from`] = "Please give the first day off.";
      continue;
    }
    daysOff.push(to === "" || to === from ? from : `${from}/${to}`);
    dayOffField.push(`off.${i}.from`);
  }
  const hours = (name: string, label: string) => {
    const raw = one(values, name);
    const n = Number(raw);
    if (raw === "" || !Number.isFinite(n) || n < 0) {
      errors[name] = `${label} must be a number of hours, like 24.`;
      return null;
    }
    return Math.round(n * 60);
  };
  const whole = (name: string) => {
    const raw = one(values, name);
    return raw === "" || !/^\d+$/.test(raw) ? null : Number(raw);
  };
  const input = {
    timeZone: one(values, "timeZone"),
    windows,
    slotMinutes: whole("slotMinutes"),
    bufferMinutes: whole("bufferMinutes"),
    minNoticeMinutes: hours("minNoticeHours", "Minimum notice"),
    horizonDays: whole("horizonDays"),
    cancelCutoffMinutes: hours("cancelCutoffHours", "Cancellation cutoff"),
    daysOff,
  };
  const parsed = availabilitySchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index, leaf] = issue.path.map(String);
      const name =
        head === "windows" && index !== undefined
          ? `${windowField[Number(index)]}.${leaf === "start" ? "start" : "end"}`
          : head === "daysOff" && index !== undefined
            ? dayOffField[Number(index)]!
            : head === "minNoticeMinutes"
              ? "minNoticeHours"
              : head === "cancelCutoffMinutes"
                ? "cancelCutoffHours"
                : (head ?? "form");
      errors[name] ??= issue.message.replace(/(\d+) minutes/g, (m, n: string) =>
        head === "minNoticeMinutes" || head === "cancelCutoffMinutes" ? `${Number(n) / 60} hours` : m,
      );
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, fieldErrors: errors };
  return { ok: true, data: parsed.data };
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

// ---------------------------------------------------------------------------------------
// How consultations happen, reminders and quiet hours

export type ConsultationSettings = {
  consultationMode: ConsultationMode;
  consultationPhone: string | null;
  videoRoomUrl: string | null;
  inPersonAddress: string | null;
  reminderMinutes: number[];
  quietHours: QuietHours;
};

export async function getConsultationSettings(db: Db = prisma): Promise<ConsultationSettings> {
  const row = await db.bookingSettings.findUnique({
    where: { id: 1 },
    select: {
      consultationMode: true,
      consultationPhone: true,
      videoRoomUrlEnc: true,
      inPersonAddress: true,
      reminderMinutes: true,
      quietStart: true,
      quietEnd: true,
    },
  });
  if (!row) {
    return {
      consultationMode: "PHONE_CLINICIAN_CALLS",
      consultationPhone: null,
      videoRoomUrl: null,
      inPersonAddress: null,
      reminderMinutes: [24 * 60],
      quietHours: DEFAULT_QUIET_HOURS,
    };
  }
  let videoRoomUrl: string | null = null;
  try {
    videoRoomUrl = row.videoRoomUrlEnc ? settingsFields.videoRoomUrl.open("1", row.videoRoomUrlEnc) : null;
  } catch {
    videoRoomUrl = null;
  }
  return {
    consultationMode: row.consultationMode,
    consultationPhone: row.consultationPhone,
    videoRoomUrl,
    inPersonAddress: row.inPersonAddress,
    reminderMinutes: row.reminderMinutes.slice(0, 2),
    quietHours: { start: row.quietStart, end: row.quietEnd },
  };
}

export async function saveConsultationSettings(input: ConsultationSettingsInput): Promise<void> {
  const data = {
    consultationMode: input.consultationMode,
    consultationPhone: input.consultationPhone,
    videoRoomUrlEnc: input.videoRoomUrl ? settingsFields.videoRoomUrl.seal("1", input.videoRoomUrl) : null,
    inPersonAddress: input.inPersonAddress,
    reminderMinutes: [input.firstReminder, input.secondReminder].filter((m) => m > 0),
    quietStart: input.quietStart,
    quietEnd: input.quietEnd,
  };
  await prisma.bookingSettings.upsert({
    where: { id: 1 },
    create: { id: 1, ...DEFAULT_BOOKING_SETTINGS, ...data },
    update: data,
  });
}
