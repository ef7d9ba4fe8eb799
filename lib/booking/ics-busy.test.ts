import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { busyFromIcs, IcsError } from "@/lib/booking/ics-busy";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "../../e2e/fixtures/calendars", name), "utf8");
const YEAR = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z"), defaultZone: "America/New_York" };
const iso = (spans: { start: Date; end: Date }[]) => spans.map((s) => `${s.start.toISOString()}/${s.end.toISOString()}`);

describe("busy times from an ICS file", () => {
  const { busy, events } = busyFromIcs(fixture("practice.ics"), YEAR);
  const all = iso(busy);

  test("a weekly series keeps 9:00 New York time across the March and November DST changes", () => {
    expect(events).toBe(8);
    // Before the March 8 change 9:00 EST is 14:00 UTC; after it 9:00 EDT is 13:00 UTC.
    expect(all).toContain("2026-03-03T14:00:00.000Z/2026-03-03T15:00:00.000Z");
    expect(all).toContain("2026-03-10T13:00:00.000Z/2026-03-10T14:00:00.000Z");
    // And back after November 1.
    expect(all).toContain("2026-10-27T13:00:00.000Z/2026-10-27T14:00:00.000Z");
    expect(all).toContain("2026-11-03T14:00:00.000Z/2026-11-03T15:00:00.000Z");
  });

  test("EXDATE removes an instance, RECURRENCE-ID moves one, a cancelled override frees one", () => {
    expect(all.some((s) => s.startsWith("2026-03-17"))).toBe(false);
    expect(all).toContain("2026-03-24T15:30:00.000Z/2026-03-24T16:30:00.000Z");
    expect(all).not.toContain("2026-03-24T13:00:00.000Z/2026-03-24T14:00:00.000Z");
    expect(all.some((s) => s.startsWith("2026-03-31"))).toBe(false);
  });

  test("all-day, cancelled, transparent, floating and TZID-without-VTIMEZONE events", () => {
    // Two all-day dates, midnight to midnight in the practice's zone (EDT in April).
    expect(all).toContain("2026-04-15T04:00:00.000Z/2026-04-17T04:00:00.000Z");
    expect(all.some((s) => s.startsWith("2026-04-16T15:00"))).toBe(false);
    expect(all.some((s) => s.startsWith("2026-04-20"))).toBe(false);
    // Floating 14:00 is read in the practice's zone.
    expect(all).toContain("2026-04-22T18:00:00.000Z/2026-04-22T19:00:00.000Z");
    // 9:00 Chicago (CDT) for 45 minutes.
    expect(all).toContain("2026-04-23T14:00:00.000Z/2026-04-23T14:45:00.000Z");
  });

  test("keeps only times: nothing of the titles, attendees or descriptions", () => {
    expect(JSON.stringify(busy)).not.toMatch(/Jane|Roe|client|notes/i);
    expect(Object.keys(busy[0]!).sort()).toEqual(["end", "start"]);
  });

  test("only the window is kept", () => {
    const april = busyFromIcs(fixture("practice.ics"), {
      ...YEAR,
      from: new Date("2026-04-01T00:00:00Z"),
      to: new Date("2026-05-01T00:00:00Z"),
    });
    expect(april.busy.every((s) => s.end > new Date("2026-04-01T00:00:00Z") && s.start < new Date("2026-05-01T00:00:00Z"))).toBe(true);
    expect(april.busy.length).toBeGreaterThan(4);
  });

  test("bad files get a sentence she can act on", () => {
    expect(() => busyFromIcs(fixture("login-page.txt"), YEAR)).toThrow(/web page, not a calendar/);
    expect(() => busyFromIcs("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense", YEAR)).toThrow(IcsError);
    const many = ["BEGIN:VCALENDAR", "VERSION:2.0"];
    for (let i = 0; i < 30; i++) many.push("BEGIN:VEVENT", `UID:${i}`, "DTSTART:20260501T100000Z", "DTEND:20260501T110000Z", "END:VEVENT");
    many.push("END:VCALENDAR");
    expect(() => busyFromIcs(many.join("\r\n"), { ...YEAR, maxEvents: 20 })).toThrow(/30 events, more than the 20/);
  });
});
