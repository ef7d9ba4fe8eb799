import { DateTime, IANAZone } from "luxon";
import { ISO_DATE_PATTERN } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";

export type WeeklyWindow = {
  /** ISO weekday, 1 = Monday … 7 = Sunday, in practice local time. */
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  /** "HH:MM", 24-hour, practice local time. */
  start: string;
  /** "HH:MM", 24-hour, practice local time; the last consultation must end by then. */
  end: string;
};

export type BookingRules = {
  /** IANA zone, e.g. "America/New_York". */
  timeZone: string;
  windows: WeeklyWindow[];
  /** Consultation length. */
  slotMinutes: number;
  /** Required gap between any two appointments. */
  bufferMinutes: number;
  minNoticeMinutes: number;
  /** Slots are offered up to and including local today + horizonDays. */
  horizonDays: number;
  /** Practice-local days with no slots: "YYYY-MM-DD", or a range "YYYY-MM-DD/YYYY-MM-DD" (both ends included). */
  daysOff: string[];
};

/** Confirmed bookings and unexpired holds, as UTC instants. */
export type BusyInterval = { start: Date; end: Date };

export type Slot = { start: Date; end: Date };

const MINUTE_MS = 60_000;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

function parseHhMm(value: string): { hour: number; minute: number } {
  const match = HH_MM.exec(value);
  if (!match) throw new Error(`Invalid time "${value}": expected 24-hour HH:MM`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

export function minutesOfDay(value: string): number {
  const { hour, minute } = parseHhMm(value);
  return hour * 60 + minute;
}

/**
 * Resolves a practice-local wall-clock time on a calendar date to an instant.
 *
 * DST edge cases follow RFC 5545 §3.3.5 (and Temporal's "compatible" disambiguation) so the
 * slots agree with how calendar clients read local times in the invitations:
 * - a nonexistent time (spring-forward gap) is read with the offset in force before the gap,
 *   i.e. pushed forward by the gap length: 02:30 on 2026-03-08 in New York becomes 03:30 EDT.
 *   Luxon does this by default. A window lying wholly in the gap therefore shifts forward
 *   intact rather than vanishing.
 * - an ambiguous time (fall-back overlap) resolves to its first occurrence. Luxon alone picks
 *   the later one, so we choose explicitly.
 * Slots then step in real elapsed minutes between the two resolved instants, so a window that
 * spans a transition yields exactly as many slots as there is real time in it.
 */
function resolveWallClock(date: DateTime, time: string, timeZone: string): DateTime {
  const { hour, minute } = parseHhMm(time);
  const local = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone: timeZone });
  return local
    .getPossibleOffsets()
    .reduce((earliest, candidate) => (candidate.toMillis() < earliest.toMillis() ? candidate : earliest), local);
}

// Luxon checks a zone by constructing an Intl.DateTimeFormat (about 1 ms), on every call.
const validZones = new Set<string>();

function assertZone(timeZone: string): void {
  if (validZones.has(timeZone)) return;
  if (!IANAZone.isValidZone(timeZone)) throw new Error(`Unknown IANA time zone "${timeZone}"`);
  validZones.add(timeZone);
}

function instantMs(date: Date, what: string): number {
  const ms = date.getTime();
  // An unreadable busy interval must not be silently ignored: that would offer a booked time.
  if (Number.isNaN(ms)) throw new Error(`Invalid date in ${what}`);
  return ms;
}

/**
 * Every bookable consultation slot from `now` to the end of the horizon, sorted ascending.
 * Pure: the caller supplies confirmed bookings and unexpired holds as `busy`.
 */
export function computeSlots(rules: BookingRules, busy: BusyInterval[], now: Date): Slot[] {
  const zone = rules.timeZone;
  assertZone(zone);
  // Guard against a step of zero, which would never leave the window loop.
  if (!(rules.slotMinutes > 0) || !(rules.bufferMinutes >= 0)) {
    throw new Error("slotMinutes must be positive and bufferMinutes non-negative");
  }

  const slotMs = rules.slotMinutes * MINUTE_MS;
  const bufferMs = rules.bufferMinutes * MINUTE_MS;
  const stepMs = slotMs + bufferMs;
  const earliestStart = instantMs(now, "now") + rules.minNoticeMinutes * MINUTE_MS;

  // Calendar arithmetic on a UTC-zoned date so days are always 24 h long and never skip,
  // whatever the practice zone does at midnight.
  const today = DateTime.fromISO(DateTime.fromJSDate(now, { zone }).toISODate() ?? "", { zone: "utc" });
  const lastDay = today.plus({ days: rules.horizonDays });
  const lastDate = lastDay.toISODate() ?? "";
  const daysOff = expandDaysOff(rules.daysOff);
  const busyMs = busy.map((b) => ({ start: instantMs(b.start, "busy interval"), end: instantMs(b.end, "busy interval") }));

  const starts = new Set<number>();
  for (let day = today; day <= lastDay; day = day.plus({ days: 1 })) {
    for (const window of rules.windows) {
      if (window.weekday !== day.weekday) continue;
      const windowStart = resolveWallClock(day, window.start, zone).toMillis();
      const windowEnd = resolveWallClock(day, window.end, zone).toMillis();

      // Every slot of a window usually falls on one local date: when the first and the last
      // do, the ones between do too, which saves a zone lookup per slot on every page view.
      const localDateOf = (ms: number) => DateTime.fromMillis(ms, { zone }).toISODate() ?? "";
      const lastStart = windowStart + Math.max(0, Math.floor((windowEnd - slotMs - windowStart) / stepMs)) * stepMs;
      const firstDate = localDateOf(windowStart);
      const sameDate = firstDate === localDateOf(lastStart);

      for (let start = windowStart; start + slotMs <= windowEnd; start += stepMs) {
        if (start < earliestStart) continue;
        const localDate = sameDate ? firstDate : localDateOf(start);
        if (localDate > lastDate || daysOff.has(localDate)) continue;
        // The buffer applies on both sides, whatever kind of appointment the busy interval is.
        const guardedStart = start - bufferMs;
        const guardedEnd = start + slotMs + bufferMs;
        if (busyMs.some((b) => guardedStart < b.end && b.start < guardedEnd)) continue;
        starts.add(start);
      }
    }
  }

  // A Set because overlapping windows (rejected by the schema, but possible in raw data)
  // could otherwise offer the same start twice.
  return [...starts].sort((a, b) => a - b).map((start) => ({ start: new Date(start), end: new Date(start + slotMs) }));
}

/**
 * Server-side check before creating a hold or booking: the requested start must be exactly
 * a slot we would offer right now, given the current busy list.
 */
export function isSlotOffered(rules: BookingRules, busy: BusyInterval[], now: Date, start: Date): boolean {
  const target = start.getTime();
  if (Number.isNaN(target)) return false;
  return computeSlots(rules, busy, now).some((slot) => slot.start.getTime() === target);
}

/**
 * Alternatives to suggest when a requested slot has just been taken: the `count` slots whose
 * start is closest to `target`, returned in chronological order for display.
 * Ties go to the earlier slot so the result is deterministic.
 */
export function nearestSlots(slots: Slot[], target: Date, count = 3): Slot[] {
  if (count <= 0) return [];
  const t = target.getTime();
  return [...slots]
    .sort((a, b) => {
      const da = Math.abs(a.start.getTime() - t);
      const db = Math.abs(b.start.getTime() - t);
      return da - db || a.start.getTime() - b.start.getTime();
    })
    .slice(0, count)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Groups slots by their start's calendar date in `timeZone` (usually the visitor's), in date order. */
export function groupSlotsByDay(slots: Slot[], timeZone: string): { date: string; slots: Slot[] }[] {
  assertZone(timeZone);
  const groups = new Map<string, Slot[]>();
  const sorted = [...slots].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (const slot of sorted) {
    const date = DateTime.fromJSDate(slot.start, { zone: timeZone }).toISODate();
    if (date === null) throw new Error("Invalid slot start date");
    const group = groups.get(date);
    if (group) group.push(slot);
    else groups.set(date, [slot]);
  }
  return [...groups].map(([date, daySlots]) => ({ date, slots: daySlots }));
}

const timeSchema = z.string().regex(HH_MM, { error: (issue) => `Time "${String(issue.input)}" must be 24-hour HH:MM, e.g. "09:00"` });

const weeklyWindowSchema = z
  .object({
    weekday: z.literal([1, 2, 3, 4, 5, 6, 7], {
      error: "Weekday must be a number from 1 (Monday) to 7 (Sunday)",
    }),
    start: timeSchema,
    end: timeSchema,
  })
  .refine((w) => !HH_MM.test(w.start) || !HH_MM.test(w.end) || w.start < w.end, {
    error: "Window end time must be later than its start time",
    path: ["end"],
  });

const MAX_DAYS_OFF_RANGE = 366;

const isDate = (s: string) => ISO_DATE_PATTERN.test(s) && DateTime.fromISO(s).isValid;

/** Every date of the days-off entries (single dates and from/to ranges), as a set. */
export function expandDaysOff(entries: string[]): Set<string> {
  const dates = new Set<string>();
  for (const entry of entries) {
    const [from = "", to = from] = entry.split("/");
    if (!isDate(from) || !isDate(to)) continue;
    let day = DateTime.fromISO(from, { zone: "utc" });
    const last = DateTime.fromISO(to, { zone: "utc" });
    for (let i = 0; day <= last && i <= MAX_DAYS_OFF_RANGE; i++, day = day.plus({ days: 1 })) dates.add(day.toISODate()!);
  }
  return dates;
}

const dayOffSchema = z.string().superRefine((s, ctx) => {
  const [from, to, extra] = s.split("/");
  if (extra !== undefined || !from || !isDate(from) || (to !== undefined && !isDate(to))) {
    ctx.addIssue({ code: "custom", message: `Day off "${s}" must be a real date written YYYY-MM-DD` });
    return;
  }
  if (to === undefined) return;
  if (to < from) ctx.addIssue({ code: "custom", message: `The days off from ${from} end before they start (${to})` });
  else if (DateTime.fromISO(to).diff(DateTime.fromISO(from), "days").days >= MAX_DAYS_OFF_RANGE) {
    ctx.addIssue({ code: "custom", message: `The days off from ${from} to ${to} are longer than a year` });
  }
});

const wholeMinutes = (label: string, min: number, max: number, unit = "minutes") =>
  z
    .int({ error: `${label} must be a whole number of ${unit}` })
    .min(min, { error: `${label} must be at least ${min} ${unit}` })
    .max(max, { error: `${label} must be at most ${max} ${unit}` });

const MAX_MIN_NOTICE_MINUTES = 30 * 24 * 60;

export const bookingRulesSchema = z
  .object({
    timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), {
      error: (issue) => `Unknown time zone "${String(issue.input)}": use an IANA name such as "America/New_York"`,
    }),
    windows: z.array(weeklyWindowSchema).max(100, { error: "At most 100 weekly windows" }),
    slotMinutes: wholeMinutes("Consultation length", 10, 180),
    bufferMinutes: wholeMinutes("Buffer between appointments", 0, 120),
    minNoticeMinutes: wholeMinutes("Minimum notice", 0, MAX_MIN_NOTICE_MINUTES),
    horizonDays: wholeMinutes("Booking horizon", 1, 365, "days"),
    daysOff: z.array(dayOffSchema),
  })
  .superRefine((rules, ctx) => {
    // Overlapping windows would offer overlapping consultations; a window shorter than one
    // consultation silently offers nothing. Both are almost certainly typing mistakes.
    rules.windows.forEach((w, i) => {
      if (!HH_MM.test(w.start) || !HH_MM.test(w.end) || w.start >= w.end) return;
      if (minutesOfDay(w.end) - minutesOfDay(w.start) < rules.slotMinutes) {
        ctx.addIssue({
          code: "custom",
          path: ["windows", i, "end"],
          message: `${WEEKDAY_NAMES[w.weekday]} ${w.start}–${w.end} is shorter than one ${rules.slotMinutes}-minute consultation`,
        });
      }
      for (let j = 0; j < i; j++) {
        const other = rules.windows[j];
        if (!other || other.weekday !== w.weekday) continue;
        if (w.start < other.end && other.start < w.end) {
          ctx.addIssue({
            code: "custom",
            path: ["windows", i],
            message: `${WEEKDAY_NAMES[w.weekday]} ${w.start}–${w.end} overlaps ${other.start}–${other.end}`,
          });
        }
      }
    });
    if (rules.minNoticeMinutes >= rules.horizonDays * 24 * 60) {
      ctx.addIssue({
        code: "custom",
        path: ["minNoticeMinutes"],
        message: "Minimum notice must be shorter than the booking horizon, or no slot could ever be offered",
      });
    }
  });
