import { IANAZone } from "luxon";

export const TZ_COOKIE = "tz";

/** The visitor's zone: an explicit choice (query) wins, then the remembered cookie, then the practice's. */
export function resolveTimeZone(candidates: (string | undefined | null)[], fallback: string): string {
  for (const candidate of candidates) if (candidate && IANAZone.isValidZone(candidate)) return candidate;
  return fallback;
}

/** The zones offered in the pickers; the current one is added when it is not among them. */
const COMMON_TIME_ZONES = [
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

export function zoneChoices(current: string): string[] {
  return COMMON_TIME_ZONES.includes(current) ? COMMON_TIME_ZONES : [current, ...COMMON_TIME_ZONES];
}
