/**
 * Her calendars' busy times against a local HTTP server with fixture calendars: a busy event
 * removes the slots it covers (with the buffer), a failing calendar keeps its last good copy,
 * and bad addresses or responses get a sentence and change nothing.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";

const { prisma } = await import("@/lib/platform/db");
const calendars = await import("@/lib/booking/calendars");
const { getOpenSlots } = await import("@/lib/booking/queries");
const { createHold } = await import("@/lib/booking/service");
const { safeFetchText, checkAddress } = await import("@/lib/platform/safe-fetch");
const { seed } = await import("../prisma/seed");

const fixtures = path.join(import.meta.dirname, "../e2e/fixtures/calendars");
// Monday 2030-01-07 12:00 UTC; the seeded rules open Tuesday 09:00 New York (14:00 UTC).
const NOW = new Date("2030-01-07T12:00:00Z");

const ics = (events: string[]) => ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", ...events, "END:VCALENDAR"].join("\r\n");
const event = (uid: string, start: string, end: string) =>
  ["BEGIN:VEVENT", `UID:${uid}`, `DTSTART:${start}`, `DTEND:${end}`, "SUMMARY:Private", "END:VEVENT"].join("\r\n");

let mode: "ok" | "fail" = "ok";
const routes: Record<string, (res: http.ServerResponse) => void> = {
  "/busy.ics": (res) => {
    if (mode === "fail") return void res.writeHead(500).end("boom");
    res.writeHead(200, { "content-type": "text/calendar" }).end(ics([event("a", "20300108T140500Z", "20300108T141500Z")]));
  },
  "/practice.ics": (res) => res.writeHead(200, { "content-type": "text/calendar" }).end(readFileSync(path.join(fixtures, "practice.ics"))),
  "/login": (res) => res.writeHead(200, { "content-type": "text/html" }).end(readFileSync(path.join(fixtures, "login-page.txt"))),
  "/huge.ics": (res) => {
    res.writeHead(200, { "content-type": "text/calendar" });
    const chunk = Buffer.alloc(1024 * 1024, "A");
    let sent = 0;
    const pump = () => {
      while (sent < 50 && res.write(chunk)) sent++;
      if (sent < 50) res.once("drain", pump);
      else res.end();
    };
    pump();
  },
  "/many.ics": (res) => {
    const events = Array.from({ length: 100_000 }, (_, i) => `BEGIN:VEVENT\r\nUID:${i}\r\nDTSTART:20300108T140000Z\r\nEND:VEVENT`);
    res.writeHead(200, { "content-type": "text/calendar" }).end(ics(events));
  },
  "/loop": (res) => res.writeHead(302, { location: "/loop" }).end(),
  "/slow": () => {},
};
const server = http.createServer((req, res) => (routes[req.url ?? ""] ?? ((r) => r.writeHead(404).end()))(res));
let base = "";

beforeAll(async () => {
  await seed();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(async () => {
  mode = "ok";
  await prisma.$executeRawUnsafe('TRUNCATE "CalendarSource", "CalendarBusy", "Booking" CASCADE');
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await prisma.$disconnect();
});

const offered = async (at = NOW) => (await getOpenSlots(at)).slots.map((s) => s.start.toISOString());

describe("busy times from her calendars", () => {
  test("a busy event removes the slots it touches, buffer included, and a hold there is refused", async () => {
    expect(await offered()).toContain("2030-01-08T14:00:00.000Z");
    const added = await calendars.addCalendar({ label: "Practice system", url: `${base}/busy.ics` }, NOW);
    expect(added).toMatchObject({ ok: true });
    const slots = await offered();
    // 14:05-14:15 overlaps the 14:00 slot; 14:30 stays, its 10-minute buffer starts after 14:15.
    expect(slots).not.toContain("2030-01-08T14:00:00.000Z");
    expect(slots).toContain("2030-01-08T14:30:00.000Z");
    const hold = await createHold(
      {
        slotStart: "2030-01-08T14:00:00.000Z",
        firstName: "A",
        email: "a@example.test",
        phone: "",
        contactMethod: "EMAIL",
        note: "",
        consent: true,
        timeZone: "UTC",
        website: "",
      },
      NOW,
    );
    expect(hold).toMatchObject({ ok: false, reason: "unavailable" });
    if (!hold.ok && "alternatives" in hold) expect(hold.alternatives.length).toBeGreaterThan(0);
  });

  test("only times are stored, and the secret address is encrypted", async () => {
    await calendars.addCalendar({ label: "Practice", url: `${base}/practice.ics` }, new Date("2026-03-01T12:00:00Z"));
    const dump =
      JSON.stringify(await prisma.$queryRawUnsafe('SELECT * FROM "CalendarSource"')) +
      JSON.stringify(await prisma.$queryRawUnsafe('SELECT * FROM "CalendarBusy"'), (_k, v: unknown) =>
        typeof v === "bigint" ? String(v) : v,
      );
    expect(dump).not.toMatch(/Jane|Roe|Private client|practice\.ics/);
    const [source] = await calendars.listCalendars();
    expect(source!.host).toBe(new URL(base).host);
    // Within the 30-day horizon: March 3 and 10, the moved March 24 (17 is excluded, 31 cancelled).
    expect(source!.busyCount).toBe(3);
  });

  test("a failing calendar keeps its last good copy and says how old it is", async () => {
    await calendars.addCalendar({ label: "Practice system", url: `${base}/busy.ics` }, NOW);
    mode = "fail";
    const later = new Date(NOW.getTime() + 10 * 60_000);
    const result = await calendars.syncCalendar((await prisma.calendarSource.findFirstOrThrow()).id, later);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("500") });
    const [status] = await calendars.listCalendars();
    expect(status!.lastError).toMatch(/500/);
    expect(status!.lastSuccessAt!.toISOString()).toBe(NOW.toISOString());
    expect(status!.lastAttemptAt!.toISOString()).toBe(later.toISOString());
    expect(await offered(later)).not.toContain("2030-01-08T14:00:00.000Z");
  });

  test.each([
    ["not a URL", "calendar please", /not a web address/],
    ["a web page", "/login", /web page, not a calendar/],
    ["a 50 MB response", "/huge.ics", /larger than 5 MB/],
    ["100,000 events", "/many.ics", /larger than 5 MB|100,000 events/],
    ["a redirect loop", "/loop", /redirects too many times/],
    ["a missing calendar", "/nothing.ics", /not found \(404\)/],
  ])("%s is refused with a sentence and nothing is stored", async (_name, target, message) => {
    const url = target.startsWith("/") ? `${base}${target}` : target;
    const result = await calendars.addCalendar({ label: "Bad", url }, NOW);
    expect(result).toMatchObject({ ok: false, field: "url", message: expect.stringMatching(message) });
    expect(await prisma.calendarSource.count()).toBe(0);
    expect(await prisma.calendarBusy.count()).toBe(0);
  });
});

describe("safe fetching", () => {
  test("private, loopback and link-local hosts and plain http are refused outside development", async () => {
    for (const url of [
      `${base}/busy.ics`,
      "https://127.0.0.1/x.ics",
      "https://10.1.2.3/x.ics",
      "https://169.254.169.254/latest",
      "https://[::1]/x",
      "https://localhost/x.ics",
    ]) {
      await expect(safeFetchText(url, { allowLocal: false }), url).rejects.toThrow(/https|private network/);
    }
    expect(checkAddress("webcal://calendar.example.com/secret.ics", { allowLocal: false }).protocol).toBe("https:");
  });

  test("a server that never answers times out", async () => {
    await expect(safeFetchText(`${base}/slow`, { allowLocal: true, timeoutMs: 300 })).rejects.toThrow(/did not answer in time/);
  });
});
