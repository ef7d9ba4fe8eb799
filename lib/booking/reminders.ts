/**
 * When the reminders for a consultation go out: up to two, each a chosen time before the start,
 * never inside the client's quiet hours (default 21:00–08:00 in her own zone: new parents sleep
 * when they can). A reminder that would fall in them goes out earlier instead: half an hour
 * before her quiet hours begin that evening.
 */
import { DateTime } from "luxon";

export type QuietHours = { start: string; end: string };

export const DEFAULT_QUIET_HOURS: QuietHours = { start: "21:00", end: "08:00" };
const EARLIER_BY_MINUTES = 30;
const MIN_APART_MS = 60 * 60_000;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The start of the quiet period that `at` falls in (in `zone`), or null when `at` is not quiet. */
export function quietPeriodStart(at: Date, zone: string, quiet: QuietHours): DateTime | null {
  const local = DateTime.fromJSDate(at, { zone });
  const m = local.hour * 60 + local.minute;
  const qs = minutes(quiet.start);
  const qe = minutes(quiet.end);
  const at0 = (day: DateTime) => day.set({ hour: Math.floor(qs / 60), minute: qs % 60, second: 0, millisecond: 0 });
  if (qs === qe) return null;
  if (qs < qe) return m >= qs && m < qe ? at0(local) : null;
  // Across midnight: quiet from qs in the evening until qe the next morning.
  if (m >= qs) return at0(local);
  if (m < qe) return at0(local.minus({ days: 1 }));
  return null;
}

export function reminderTimes(start: Date, offsetsMinutes: number[], zone: string, quiet: QuietHours, now: Date): Date[] {
  const times: Date[] = [];
  for (const offset of offsetsMinutes) {
    if (!(offset > 0)) continue;
    let at = new Date(start.getTime() - offset * 60_000);
    const quietFrom = quietPeriodStart(at, zone, quiet);
    if (quietFrom) at = quietFrom.minus({ minutes: EARLIER_BY_MINUTES }).toJSDate();
    if (at <= now || at >= start) continue;
    times.push(at);
  }
  times.sort((a, b) => a.getTime() - b.getTime());
  // Two reminders pushed to the same evening would arrive together: keep one.
  return times.filter((t, i) => i === 0 || t.getTime() - times[i - 1]!.getTime() >= MIN_APART_MS);
}
