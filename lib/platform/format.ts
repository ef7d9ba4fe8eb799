import { DateTime } from "luxon";

/** "9:00 AM" in the given zone. */
export function formatTime(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).toLocaleString(DateTime.TIME_SIMPLE, { locale: "en-US" });
}

/** "Tuesday, December 1" for a YYYY-MM-DD date. */
export function formatDay(isoDate: string): string {
  return DateTime.fromISO(isoDate).toLocaleString({ weekday: "long", month: "long", day: "numeric" }, { locale: "en-US" });
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

export const COMMON_TIME_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Puerto_Rico",
  "Europe/London",
  "Europe/Berlin",
  "Asia/Tokyo",
  "Pacific/Guam",
  "UTC",
];
