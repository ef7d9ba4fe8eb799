import ICAL from "ical.js";
import { describe, expect, test } from "vitest";
import { addToCalendarLinks, buildIcs, buildIcsFeed, type IcsEvent } from "@/lib/booking/calendar";

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
    // Already accepted, and no reply asked for: the organizer is a no-reply address.
    expect(attendees[0]?.getParameter("rsvp")).toBe("FALSE");
    expect(attendees[0]?.getParameter("partstat")).toBe("ACCEPTED");
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

describe("downloads, alarms, the feed and add-to-calendar links", () => {
  test("a published copy has no organizer or attendee to answer, and keeps its alarm", () => {
    const { calendar, event } = parse(buildIcs({ ...clientInvite, alarmMinutesBefore: 60 }, "PUBLISH"));
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(event.getAllProperties("attendee")).toHaveLength(0);
    expect(event.getFirstProperty("organizer")).toBeNull();
    const alarm = event.getFirstSubcomponent("valarm");
    expect(alarm?.getFirstPropertyValue("action")).toBe("DISPLAY");
    expect((alarm?.getFirstPropertyValue("trigger") as ICAL.Duration).toSeconds()).toBe(-3600);
  });

  test("the feed is one valid calendar with every event, or a valid empty one", () => {
    const feed = new ICAL.Component(
      ICAL.parse(
        buildIcsFeed(
          [
            clinicianCopy,
            {
              ...clinicianCopy,
              uid: "second@haven.example",
              start: new Date("2026-03-09T17:00:00Z"),
              end: new Date("2026-03-09T17:20:00Z"),
            },
          ],
          "Consultations",
        ),
      ),
    );
    expect(feed.getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("uid"))).toEqual([
      "booking-7f3a9c@haven.example",
      "second@haven.example",
    ]);
    expect(new ICAL.Component(ICAL.parse(buildIcsFeed([], "Consultations"))).getAllSubcomponents("vevent")).toHaveLength(0);
  });

  test("Google and Outlook links carry the title and UTC times", () => {
    const links = addToCalendarLinks({ title: "Appointment", start: clientInvite.start, end: clientInvite.end, details: "Details" });
    expect(new URL(links.google).searchParams.get("dates")).toBe("20260308T170000Z/20260308T172000Z");
    expect(new URL(links.outlook).searchParams.get("subject")).toBe("Appointment");
  });
});
