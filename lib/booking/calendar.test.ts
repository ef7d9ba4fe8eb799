import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { buildIcs, type IcsEvent } from "@/lib/booking/calendar";

const clientInvite: IcsEvent = {
  uid: "booking-7f3a9c@haven.example",
  sequence: 0,
  start: new Date("2026-03-08T17:00:00Z"),
  end: new Date("2026-03-08T17:20:00Z"),
  summary: "Free consultation with Dr. Rivera",
  description: "A 20-minute video call.\nThe link arrives by email, the day before.",
  location: "Video call",
  organizerEmail: "hello@haven.example",
  organizerName: "Dr. Rivera",
  attendeeEmail: "ann@example.com",
  attendeeName: "Ann Client",
  url: "https://haven.example/booking/manage",
};

// What the clinician's own calendar copy looks like: nothing about the client.
const clinicianCopy: IcsEvent = {
  uid: "booking-7f3a9c@haven.example",
  sequence: 0,
  start: new Date("2026-03-08T17:00:00Z"),
  end: new Date("2026-03-08T17:20:00Z"),
  summary: "Consultation",
  organizerEmail: "hello@haven.example",
  organizerName: "Dr. Rivera",
};

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT");
  return { calendar, event };
}

function utcTime(event: ICAL.Component, name: string) {
  const value = event.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value;
}

describe("buildIcs REQUEST", () => {
  const ics = buildIcs(clientInvite, "REQUEST");
  const { calendar, event } = parse(ics);

  test("is a calendar-level REQUEST with the given UID and SEQUENCE", () => {
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.getFirstPropertyValue("method")).toBeNull();
    expect(event.getFirstPropertyValue("uid")).toBe("booking-7f3a9c@haven.example");
    expect(event.getFirstPropertyValue("sequence")).toBe(0);
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(1);
  });

  test("writes start and end as UTC instants", () => {
    const start = utcTime(event, "dtstart");
    const end = utcTime(event, "dtend");
    expect(start.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(end.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(start.toJSDate().toISOString()).toBe("2026-03-08T17:00:00.000Z");
    expect(end.toJSDate().toISOString()).toBe("2026-03-08T17:20:00.000Z");
    expect(ics).toContain("\r\nDTSTART:20260308T170000Z\r\n");
    expect(ics).toContain("\r\nDTEND:20260308T172000Z\r\n");
    expect(ics).not.toMatch(/TZID/);
  });

  test("round-trips summary, multi-line description, location, url, organizer and attendee", () => {
    expect(event.getFirstPropertyValue("summary")).toBe("Free consultation with Dr. Rivera");
    expect(event.getFirstPropertyValue("description")).toBe("A 20-minute video call.\nThe link arrives by email, the day before.");
    expect(event.getFirstPropertyValue("location")).toBe("Video call");
    expect(event.getFirstPropertyValue("url")).toBe("https://haven.example/booking/manage");

    const organizer = event.getFirstProperty("organizer");
    expect(String(organizer?.getFirstValue()).toLowerCase()).toBe("mailto:hello@haven.example");
    expect(organizer?.getParameter("cn")).toBe("Dr. Rivera");

    const attendees = event.getAllProperties("attendee");
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0]?.getFirstValue()).toLowerCase()).toBe("mailto:ann@example.com");
    expect(attendees[0]?.getParameter("cn")).toBe("Ann Client");
    expect(attendees[0]?.getParameter("rsvp")).toBe("TRUE");
  });

  test("uses CRLF line endings only", () => {
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });
});

describe("buildIcs CANCEL", () => {
  const ics = buildIcs({ ...clientInvite, sequence: 3 }, "CANCEL");
  const { calendar, event } = parse(ics);

  test("is a calendar-level CANCEL of the same UID with STATUS:CANCELLED and the new SEQUENCE", () => {
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.getFirstPropertyValue("uid")).toBe(clientInvite.uid);
    expect(event.getFirstPropertyValue("sequence")).toBe(3);
    expect(utcTime(event, "dtstart").toJSDate().toISOString()).toBe("2026-03-08T17:00:00.000Z");
    expect(ics).toMatch(/\r\nMETHOD:CANCEL\r\n/);
    expect(ics).not.toMatch(/METHOD:REQUEST/);
  });
});

describe("buildIcs for the clinician's copy", () => {
  test.each(["REQUEST", "CANCEL"] as const)("%s has no attendee and no client details", (method) => {
    const ics = buildIcs(clinicianCopy, method);
    const { event } = parse(ics);
    expect(event.getAllProperties("attendee")).toHaveLength(0);
    expect(ics).not.toMatch(/ATTENDEE/i);
    expect(ics).not.toMatch(/DESCRIPTION/);
    expect(event.getFirstPropertyValue("summary")).toBe("Consultation");
    expect(ics).not.toContain("undefined");
  });
});

describe("buildIcs hardening", () => {
  test("a visitor-typed name cannot inject properties through the CN parameter", () => {
    const ics = buildIcs({ ...clientInvite, attendeeName: 'Ann "the client"\r\nATTENDEE:mailto:evil@example.com' }, "REQUEST");
    const { event } = parse(ics);
    const attendees = event.getAllProperties("attendee");
    expect(attendees).toHaveLength(1);
    expect(attendees[0]?.getParameter("cn")).toBe("Ann 'the client' ATTENDEE:mailto:evil@example.com");
    expect(String(attendees[0]?.getFirstValue()).toLowerCase()).toBe("mailto:ann@example.com");
  });

  test("a bare carriage return in text stays inside the text value", () => {
    const ics = buildIcs({ ...clientInvite, location: "Room 1\rSTATUS:CANCELLED" }, "REQUEST");
    const { event } = parse(ics);
    expect(event.getFirstPropertyValue("location")).toBe("Room 1\nSTATUS:CANCELLED");
    expect(event.getAllProperties("status")).toHaveLength(1);
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
  });

  test.each<[string, Partial<IcsEvent>, RegExp]>([
    ["an invalid organizer email (reported by the ics library)", { organizerEmail: "not-an-email" }, /organizer\.email/],
    ["an invalid url (reported by the ics library)", { url: "not a url" }, /url/],
    ["an empty uid", { uid: "" }, /uid/],
    ["a negative sequence", { sequence: -1 }, /sequence/],
    ["an invalid start", { start: new Date("nope") }, /start is not a valid date/],
    ["an end before the start", { end: new Date("2026-03-08T16:00:00Z") }, /end must be after start/],
  ])("throws a clear Error for %s", (_name, override, message) => {
    expect(() => buildIcs({ ...clientInvite, ...override }, "REQUEST")).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/^Cannot build calendar invitation: /) }),
    );
    expect(() => buildIcs({ ...clientInvite, ...override }, "REQUEST")).toThrow(message);
  });
});
