import { createEvent, createEvents, type Attendee, type EventAttributes } from "ics";

export type IcsEvent = {
  /** Stable per appointment: the REQUEST and its later CANCEL must share it. */
  uid: string;
  /** Must increase with every update/cancel of the same uid, or clients ignore the change. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  organizerEmail: string;
  /** Left out for a discreet entry: a shared calendar then shows no practice name. */
  organizerName?: string;
  attendeeEmail?: string;
  attendeeName?: string;
  url?: string;
  /** A display alarm this many minutes before the start. */
  alarmMinutesBefore?: number;
};

export type IcsMethod = "REQUEST" | "CANCEL" | "PUBLISH";

const PRODUCT_ID = "-//Haven//Booking//EN";

// The ics library escapes \n in text but passes a lone \r through, which some parsers read as a
// line break; folding every line break to \n lets the library escape it.
function cleanText(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.replace(/\r\n?/g, "\n").replace(/[^\P{Cc}\n\t]/gu, "");
}

// Names go into a quoted CN parameter, where RFC 5545 allows neither line breaks nor DQUOTE
// and the ics library escapes neither: a visitor-typed name could otherwise inject properties.
function cleanName(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = value
    .replace(/\p{Cc}/gu, " ")
    .replace(/"/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned === "" ? undefined : cleaned;
}

function utcMillis(date: Date, field: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new Error(`Cannot build calendar invitation: ${field} is not a valid date`);
  return ms;
}

function attributesFor(event: IcsEvent, method: IcsMethod): EventAttributes {
  if (event.uid.trim() === "" || /\p{Cc}/u.test(event.uid)) {
    throw new Error("Cannot build calendar invitation: uid must be non-empty and single-line");
  }
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new Error("Cannot build calendar invitation: sequence must be a non-negative integer");
  }
  const start = utcMillis(event.start, "start");
  const end = utcMillis(event.end, "end");
  if (end <= start) throw new Error("Cannot build calendar invitation: end must be after start");

  // The attendee is already accepted and asked for no reply (RSVP=FALSE): the organizer is a
  // no-reply address, so calendar apps must not offer to answer it.
  const attendees: Attendee[] | undefined =
    event.attendeeEmail && method !== "PUBLISH"
      ? [
          {
            email: event.attendeeEmail,
            name: cleanName(event.attendeeName),
            rsvp: false,
            partstat: "ACCEPTED",
            role: "REQ-PARTICIPANT",
          },
        ]
      : undefined;

  return {
    uid: event.uid,
    sequence: event.sequence,
    start,
    startInputType: "utc",
    startOutputType: "utc",
    end,
    endInputType: "utc",
    endOutputType: "utc",
    title: cleanText(event.summary),
    description: cleanText(event.description),
    location: cleanText(event.location),
    url: event.url,
    status: method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    // A published copy (a download, the feed) has no organizer to answer.
    organizer: method === "PUBLISH" ? undefined : { name: cleanName(event.organizerName), email: event.organizerEmail },
    attendees,
    alarms:
      event.alarmMinutesBefore && method !== "CANCEL"
        ? [{ action: "display", description: cleanText(event.summary), trigger: { minutes: event.alarmMinutesBefore, before: true } }]
        : undefined,
  };
}

function finish(error: Error | null | undefined, value: string | null | undefined): string {
  if (error || !value) {
    throw new Error(`Cannot build calendar invitation: ${error?.message ?? "the ics library returned no output"}`, {
      cause: error ?? undefined,
    });
  }
  // The library already emits CRLF; normalising anyway keeps the RFC 5545 guarantee if it ever changes.
  return value.replace(/\r?\n/g, "\r\n");
}

/**
 * A single-event iTIP message (RFC 5546) for email attachment, or a published copy (PUBLISH)
 * for download. Times are always written in UTC so no VTIMEZONE is needed and no client can
 * misread them.
 */
export function buildIcs(event: IcsEvent, method: IcsMethod): string {
  const { error, value } = createEvent({ productId: PRODUCT_ID, method, ...attributesFor(event, method) });
  return finish(error, value);
}

/** A calendar of several events (her subscription feed), published: no organizer, no replies. */
export function buildIcsFeed(events: IcsEvent[], name: string): string {
  if (events.length === 0) {
    // The ics library refuses an empty list; an empty calendar is still a valid answer.
    return [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "CALSCALE:GREGORIAN",
      `PRODID:${PRODUCT_ID}`,
      "METHOD:PUBLISH",
      `X-WR-CALNAME:${cleanName(name) ?? "Consultations"}`,
      "END:VCALENDAR",
      "",
    ].join("\r\n");
  }
  const { error, value } = createEvents(
    events.map((event) => attributesFor(event, "PUBLISH")),
    { productId: PRODUCT_ID, method: "PUBLISH", calName: cleanName(name) },
  );
  return finish(error, value);
}

/** "Add to calendar" links for Google and Outlook (the .ics file covers Apple and the rest). */
export function addToCalendarLinks(event: { title: string; start: Date; end: Date; details: string; location?: string }): {
  google: string;
  outlook: string;
} {
  const stamp = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
  const google = new URL("https://calendar.google.com/calendar/render");
  google.search = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${stamp(event.start)}/${stamp(event.end)}`,
    details: event.details,
    ...(event.location ? { location: event.location } : {}),
  }).toString();
  const outlook = new URL("https://outlook.live.com/calendar/0/deeplink/compose");
  outlook.search = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: event.start.toISOString(),
    enddt: event.end.toISOString(),
    body: event.details,
    ...(event.location ? { location: event.location } : {}),
  }).toString();
  return { google: google.toString(), outlook: outlook.toString() };
}
