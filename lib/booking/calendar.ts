import { createEvent, type Attendee, type EventAttributes } from "ics";

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
  organizerName: string;
  attendeeEmail?: string;
  attendeeName?: string;
  url?: string;
};

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

/**
 * A single-event iTIP message (RFC 5546) for email attachment / calendar import.
 * Times are always written in UTC so no VTIMEZONE is needed and no client can misread them.
 */
export function buildIcs(event: IcsEvent, method: "REQUEST" | "CANCEL"): string {
  if (event.uid.trim() === "" || /\p{Cc}/u.test(event.uid)) {
    throw new Error("Cannot build calendar invitation: uid must be non-empty and single-line");
  }
  if (!Number.isInteger(event.sequence) || event.sequence < 0) {
    throw new Error("Cannot build calendar invitation: sequence must be a non-negative integer");
  }
  const start = utcMillis(event.start, "start");
  const end = utcMillis(event.end, "end");
  if (end <= start) throw new Error("Cannot build calendar invitation: end must be after start");

  const attendees: Attendee[] | undefined = event.attendeeEmail
    ? [
        {
          email: event.attendeeEmail,
          name: cleanName(event.attendeeName),
          rsvp: true,
          partstat: "NEEDS-ACTION",
          role: "REQ-PARTICIPANT",
        },
      ]
    : undefined;

  const attributes: EventAttributes = {
    productId: PRODUCT_ID,
    method,
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
    organizer: { name: cleanName(event.organizerName), email: event.organizerEmail },
    attendees,
  };

  const { error, value } = createEvent(attributes);
  if (error || !value) {
    throw new Error(`Cannot build calendar invitation: ${error?.message ?? "the ics library returned no output"}`, {
      cause: error ?? undefined,
    });
  }
  // The library already emits CRLF; normalising anyway keeps the RFC 5545 guarantee if it ever changes.
  return value.replace(/\r?\n/g, "\r\n");
}
