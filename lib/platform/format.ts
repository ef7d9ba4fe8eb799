/**
 * Dates and times as people read them, in a given zone (en-US). One place, so the same
 * moment reads the same on every page and in every email.
 */
import { DateTime } from "luxon";

/** "December 1, 2026" for a calendar date stored as UTC midnight (article dates). */
export function formatDate(date: Date): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** "9:00 AM" in the given zone. */
export function formatTime(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toLocaleString(DateTime.TIME_SIMPLE, { locale: "en-US" });
}

/** "9:00 AM EST" in the given zone. */
export function formatTimeWithZone(date: Date, timeZone: string): string {
  const dt = DateTime.fromJSDate(date, { zone: timeZone }).setLocale("en-US");
  return `${dt.toLocaleString(DateTime.TIME_SIMPLE)} ${dt.offsetNameShort ?? ""}`.trim();
}

/** "Tuesday, December 1" for a YYYY-MM-DD date. */
export function formatDay(isoDate: string): string {
  return DateTime.fromISO(isoDate).toLocaleString({ weekday: "long", month: "long", day: "numeric" }, { locale: "en-US" });
}

/** "Tuesday, December 1, 2026": the calendar day of a moment, in the given zone. */
export function formatDayIn(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toLocaleString(
    { weekday: "long", month: "long", day: "numeric", year: "numeric" },
    { locale: "en-US" },
  );
}

/** "Tuesday, December 1, 2026 at 9:00 AM EST" in the given zone. */
export function formatDateTime(date: Date, timeZone: string): string {
  const dt = DateTime.fromJSDate(date, { zone: timeZone }).setLocale("en-US");
  return `${dt.toLocaleString({ weekday: "long", month: "long", day: "numeric", year: "numeric" })} at ${dt.toLocaleString(DateTime.TIME_SIMPLE)} ${dt.offsetNameShort ?? ""}`.trim();
}

// A zone's long name depends only on the zone and its offset at that moment (standard or
// daylight time), and working it out builds a new Intl formatter each time: remember it.
const zoneNames = new Map<string, string>();

/** "Eastern Standard Time" style name for a zone, at a given moment. */
export function zoneName(timeZone: string, at = new Date()): string {
  const dt = DateTime.fromJSDate(at, { zone: timeZone });
  const key = `${timeZone}|${dt.offset}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    name = dt.setLocale("en-US").offsetNameLong ?? timeZone;
    // Only valid zones get here (luxon would have failed), so the map stays small.
    if (dt.isValid) zoneNames.set(key, name);
  }
  return name;
}

/** e.g. "Tuesday, December 1, 2026, 9:00 AM EST (20 minutes)". */
export function formatAppointment(start: Date, end: Date, timeZone: string): string {
  let zoned = DateTime.fromJSDate(start, { zone: timeZone });
  // An unknown zone should not stop an email (the instant is still right); show it in UTC.
  if (!zoned.isValid) zoned = DateTime.fromJSDate(start, { zone: "utc" });
  const minutes = Math.round((end.getTime() - start.getTime()) / 60_000);
  return `${zoned.setLocale("en-US").toFormat("cccc, LLLL d, yyyy, h:mm a ZZZZ")} (${minutes} minutes)`;
}
