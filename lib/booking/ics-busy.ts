/**
 * Busy times from an iCalendar (ICS) file: her own calendars, read through their secret
 * addresses. Only start and end survive; titles, attendees and descriptions are never kept.
 *
 * ical.js (Mozilla's parser, the one Thunderbird uses) parses the file and expands recurrence:
 * RRULE with EXDATE and RDATE, and RECURRENCE-ID overrides related to their series. It is kept
 * up to date, handles the many small deviations of Google, Outlook and Apple exports, and is
 * already the library the tests use to check the .ics files Haven writes. Wall-clock times
 * are turned into instants with luxon and the IANA database whenever the TZID is an IANA name
 * (more reliable across DST than a VTIMEZONE a feed may truncate), with the file's VTIMEZONE
 * otherwise, and floating times are read in the practice's zone, as she would mean them.
 */
import ICAL from "ical.js";
import { DateTime, IANAZone } from "luxon";

export type BusySpan = { start: Date; end: Date };

export class IcsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IcsError";
  }
}

export type BusyOptions = {
  /** Only occurrences that overlap [from, to) are kept. */
  from: Date;
  to: Date;
  /** The practice's zone: floating times and all-day events are read in it. */
  defaultZone: string;
  /** A file with more events than this is refused (a practice calendar has a few thousand). */
  maxEvents?: number;
  /** Expanded occurrences kept at most, across the file. */
  maxIntervals?: number;
};

const MAX_ITERATIONS_PER_SERIES = 20_000;

function wallClock(time: ICAL.Time, zone: string): Date {
  return DateTime.fromObject(
    { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second },
    { zone },
  ).toJSDate();
}

/** An ICAL.Time as an instant. `tzid` is the TZID parameter of the property it came from. */
function instant(time: ICAL.Time, tzid: string | null, defaultZone: string): Date {
  if (time.isDate) return wallClock(time, defaultZone);
  if (time.zone === ICAL.Timezone.utcTimezone) return new Date(time.toUnixTime() * 1000);
  if (tzid && IANAZone.isValidZone(tzid)) return wallClock(time, tzid);
  const zone = time.zone;
  if (zone && zone !== ICAL.Timezone.localTimezone && zone.tzid && zone.tzid !== "floating") return new Date(time.toUnixTime() * 1000);
  return wallClock(time, defaultZone);
}

const tzidOf = (component: ICAL.Component, name: string): string | null => {
  const value = component.getFirstProperty(name)?.getParameter("tzid");
  return typeof value === "string" ? value : null;
};

function isFree(component: ICAL.Component): boolean {
  const status = String(component.getFirstPropertyValue("status") ?? "").toUpperCase();
  const transp = String(component.getFirstPropertyValue("transp") ?? "").toUpperCase();
  return status === "CANCELLED" || transp === "TRANSPARENT";
}

/** Every busy occurrence overlapping the window, sorted and merged where they touch or overlap. */
export function busyFromIcs(text: string, options: BusyOptions): { busy: BusySpan[]; events: number } {
  const { from, to, defaultZone } = options;
  const maxEvents = options.maxEvents ?? 20_000;
  const maxIntervals = options.maxIntervals ?? 20_000;
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) {
    throw new IcsError(
      /<html|<!doctype/i.test(text.slice(0, 500))
        ? "This address returned a web page, not a calendar. Copy the calendar's secret iCal (ICS) address instead."
        : "This address did not return a calendar (it should start with BEGIN:VCALENDAR).",
    );
  }
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  } catch {
    throw new IcsError("This calendar could not be read: the file is not valid iCalendar.");
  }
  const vevents = root.getAllSubcomponents("vevent");
  if (vevents.length > maxEvents) {
    throw new IcsError(
      `This calendar has ${vevents.length.toLocaleString("en-US")} events, more than the ${maxEvents.toLocaleString("en-US")} Haven reads. Use a calendar with fewer past events, or a shorter export.`,
    );
  }

  // Overrides (RECURRENCE-ID) belong to their series; the series expands around them.
  const series = new Map<string, ICAL.Event>();
  const overrides: ICAL.Component[] = [];
  const singles: ICAL.Component[] = [];
  for (const vevent of vevents) {
    if (vevent.hasProperty("recurrence-id")) overrides.push(vevent);
    else if (vevent.hasProperty("rrule") || vevent.hasProperty("rdate"))
      series.set(String(vevent.getFirstPropertyValue("uid")), new ICAL.Event(vevent));
    else singles.push(vevent);
  }
  for (const override of overrides) {
    const parent = series.get(String(override.getFirstPropertyValue("uid")));
    if (parent) parent.relateException(override);
    // A moved instance of a series we do not have still takes its own time.
    else singles.push(override);
  }

  const spans: BusySpan[] = [];
  const add = (start: Date, end: Date) => {
    if (!(end > start) || end <= from || start >= to) return;
    spans.push({ start, end });
    if (spans.length > maxIntervals) {
      throw new IcsError(
        `This calendar has more than ${maxIntervals.toLocaleString("en-US")} busy times in the booking period; Haven cannot read that many.`,
      );
    }
  };

  const span = (component: ICAL.Component, start: ICAL.Time, end: ICAL.Time | null) => {
    const startAt = instant(start, tzidOf(component, "dtstart"), defaultZone);
    if (!end) {
      // RFC 5545: without DTEND or DURATION a date lasts a day and a date-time takes no time.
      if (start.isDate) add(startAt, instant(start.clone().adjust(1, 0, 0, 0) as unknown as ICAL.Time, null, defaultZone));
      return;
    }
    add(startAt, instant(end, tzidOf(component, component.hasProperty("dtend") ? "dtend" : "dtstart"), defaultZone));
  };

  for (const vevent of singles) {
    if (isFree(vevent)) continue;
    const event = new ICAL.Event(vevent);
    if (!event.startDate) continue;
    const hasEnd = vevent.hasProperty("dtend") || vevent.hasProperty("duration");
    span(vevent, event.startDate, hasEnd ? event.endDate : null);
  }

  for (const event of series.values()) {
    if (isFree(event.component)) continue;
    const iterator = event.iterator();
    let next: ICAL.Time | null;
    let steps = 0;
    while ((next = iterator.next()) && steps++ < MAX_ITERATIONS_PER_SERIES) {
      const details = event.getOccurrenceDetails(next);
      const occurrence = details.item.component;
      const startAt = instant(details.startDate, tzidOf(occurrence, "dtstart"), defaultZone);
      if (startAt >= to) break;
      if (details.item !== event && isFree(occurrence)) continue;
      span(occurrence, details.startDate, details.endDate);
    }
  }

  spans.sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: BusySpan[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) {
      if (s.end > last.end) last.end = s.end;
    } else merged.push({ start: s.start, end: s.end });
  }
  return { busy: merged, events: vevents.length };
}
