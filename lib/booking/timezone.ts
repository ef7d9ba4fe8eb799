import { IANAZone } from "luxon";

export const TZ_COOKIE = "tz";

/** The visitor's zone: an explicit choice (query) wins, then the remembered cookie, then the practice's. */
export function resolveTimeZone(candidates: (string | undefined | null)[], fallback: string): string {
  for (const candidate of candidates) if (candidate && IANAZone.isValidZone(candidate)) return candidate;
  return fallback;
}
