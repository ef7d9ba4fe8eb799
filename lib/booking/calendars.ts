/**
 * Her own calendars in: busy times from their secret ICS addresses, fetched on a schedule by
 * the job runner and kept as bare intervals (CalendarBusy). A failed fetch keeps the last good
 * copy and is shown on her dashboard with its age; the booking page never depends on a fetch.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { busyFromIcs, IcsError } from "@/lib/booking/ics-busy";
import { getBookingRules } from "@/lib/booking/rules";
import { prisma } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { defineJob, every } from "@/lib/platform/jobs";
import { sealedText } from "@/lib/platform/keys";
import { errorCode, logger } from "@/lib/platform/logger";
import { FetchRefused, checkAddress, safeFetchText } from "@/lib/platform/safe-fetch";

const calendarUrl = sealedText("CalendarSource", "url");

export const MAX_CALENDARS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

export type CalendarStatus = {
  id: string;
  label: string;
  /** Only the host, so the secret part of the address is never shown again. */
  host: string;
  lastSuccessAt: Date | null;
  lastAttemptAt: Date | null;
  lastError: string | null;
  busyCount: number;
};

export type CalendarChange = { ok: true; message: string } | { ok: false; field?: "label" | "url"; message: string };

async function window(now: Date) {
  const rules = await getBookingRules();
  return { from: new Date(now.getTime() - DAY_MS), to: new Date(now.getTime() + (rules.horizonDays + 2) * DAY_MS), zone: rules.timeZone };
}

/** Fetches and reads one address: busy intervals, or a sentence saying what went wrong. */
async function readCalendar(
  url: string,
  now: Date,
): Promise<{ ok: true; busy: { start: Date; end: Date }[] } | { ok: false; message: string }> {
  const { from, to, zone } = await window(now);
  try {
    const fetched = await safeFetchText(url, { allowLocal: env().CALENDAR_FETCH_ALLOW_LOCAL });
    const { busy } = busyFromIcs(fetched.body, { from, to, defaultZone: zone });
    return { ok: true, busy };
  } catch (error) {
    if (error instanceof FetchRefused || error instanceof IcsError) return { ok: false, message: error.message };
    logger.warn({ event: "calendar.read.failed", errorCode: errorCode(error) }, "calendar could not be read");
    return { ok: false, message: "The calendar could not be read." };
  }
}

async function storeBusy(sourceId: string, busy: { start: Date; end: Date }[], now: Date) {
  await prisma.$transaction(async (tx) => {
    await tx.calendarBusy.deleteMany({ where: { sourceId } });
    if (busy.length > 0) await tx.calendarBusy.createMany({ data: busy.map((b) => ({ sourceId, startsAt: b.start, endsAt: b.end })) });
    await tx.calendarSource.update({
      where: { id: sourceId },
      data: { lastAttemptAt: now, lastSuccessAt: now, lastError: null, busyCount: busy.length },
    });
  });
}

export async function listCalendars(): Promise<CalendarStatus[]> {
  const rows = await prisma.calendarSource.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map((row) => {
    let host = "";
    try {
      host = new URL(calendarUrl.open(row.id, row.urlEnc)).host;
    } catch {
      host = "(address unreadable)";
    }
    return {
      id: row.id,
      label: row.label,
      host,
      lastSuccessAt: row.lastSuccessAt,
      lastAttemptAt: row.lastAttemptAt,
      lastError: row.lastError,
      busyCount: row.busyCount,
    };
  });
}

/**
 * Adds a calendar only once it has been read successfully: a wrong address, a private host, a
 * web page instead of ICS, a huge file or one with too many events is refused with a sentence
 * and nothing is stored.
 */
export async function addCalendar(input: { label: string; url: string }, now = new Date()): Promise<CalendarChange> {
  const label = input.label.trim();
  if (label === "" || label.length > 60)
    return { ok: false, field: "label", message: "Please give this calendar a short name (up to 60 characters)." };
  try {
    checkAddress(input.url, { allowLocal: env().CALENDAR_FETCH_ALLOW_LOCAL });
  } catch (error) {
    return { ok: false, field: "url", message: (error as Error).message };
  }
  if ((await prisma.calendarSource.count()) >= MAX_CALENDARS)
    return { ok: false, message: `At most ${MAX_CALENDARS} calendars can be connected.` };
  const read = await readCalendar(input.url, now);
  if (!read.ok) return { ok: false, field: "url", message: `${read.message} Nothing was saved.` };
  const id = randomUUID();
  await prisma.calendarSource.create({ data: { id, label, urlEnc: calendarUrl.seal(id, input.url.trim()) } });
  await storeBusy(id, read.busy, now);
  return { ok: true, message: `Connected "${label}": ${read.busy.length} busy times in the booking period.` };
}

export async function removeCalendar(id: string): Promise<boolean> {
  const { count } = await prisma.calendarSource.deleteMany({ where: { id } });
  return count === 1;
}

/** Fetches one calendar again; on failure its last good busy times stay and the failure is recorded. */
export async function syncCalendar(id: string, now = new Date()): Promise<CalendarChange> {
  const row = await prisma.calendarSource.findUnique({ where: { id } });
  if (!row) return { ok: false, message: "That calendar is no longer connected." };
  let url: string;
  try {
    url = calendarUrl.open(row.id, row.urlEnc);
  } catch {
    await prisma.calendarSource.update({
      where: { id },
      data: { lastAttemptAt: now, lastError: "The stored address could not be decrypted. Remove and add it again." },
    });
    return { ok: false, message: "The stored address could not be decrypted." };
  }
  const read = await readCalendar(url, now);
  if (!read.ok) {
    await prisma.calendarSource.update({ where: { id }, data: { lastAttemptAt: now, lastError: read.message } });
    logger.warn({ event: "calendar.sync.failed", calendarId: id }, "calendar sync failed; keeping the last good copy");
    return { ok: false, message: read.message };
  }
  await storeBusy(id, read.busy, now);
  return { ok: true, message: `Updated: ${read.busy.length} busy times.` };
}

export async function syncAllCalendars(now = new Date()): Promise<void> {
  const rows = await prisma.calendarSource.findMany({ select: { id: true } });
  for (const row of rows) await syncCalendar(row.id, now);
}

defineJob("calendar.sync", async () => syncAllCalendars(), { policy: "stately" });

/** The recurring fetch, every CALENDAR_SYNC_MINUTES (set up by each server; the schedule fires once). */
export async function scheduleCalendarSync(): Promise<void> {
  const minutes = env().CALENDAR_SYNC_MINUTES;
  await every("calendar.sync", minutes === 60 ? "0 * * * *" : `*/${minutes} * * * *`);
}
