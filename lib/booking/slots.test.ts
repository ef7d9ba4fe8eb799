import { describe, expect, expectTypeOf, test } from "vitest";
import type { z } from "zod";
import {
  bookingRulesSchema,
  computeSlots,
  groupSlotsByDay,
  isSlotOffered,
  nearestSlots,
  type BookingRules,
  type BusyInterval,
  type Slot,
} from "@/lib/booking/slots";

const NY = "America/New_York";

function rules(overrides: Partial<BookingRules> = {}): BookingRules {
  return {
    timeZone: NY,
    windows: [],
    slotMinutes: 20,
    bufferMinutes: 10,
    minNoticeMinutes: 0,
    horizonDays: 30,
    daysOff: [],
    ...overrides,
  };
}

const at = (iso: string) => new Date(iso);
const starts = (slots: Slot[]) => slots.map((s) => s.start.toISOString());
const busy = (start: string, end: string): BusyInterval => ({ start: at(start), end: at(end) });

// Monday 2026-06-15 .. summer, New York is UTC-4 throughout, so 09:00 local = 13:00Z.
const MONDAY_MORNING = { weekday: 1, start: "09:00", end: "12:00" } as const;
// Sunday 2026-06-21 08:00 local: the only bookable day within a 1-day horizon is Monday 06-22.
const SUNDAY_NOW = at("2026-06-21T12:00:00Z");
const MONDAY_0622 = [
  "2026-06-22T13:00:00.000Z",
  "2026-06-22T13:30:00.000Z",
  "2026-06-22T14:00:00.000Z",
  "2026-06-22T14:30:00.000Z",
  "2026-06-22T15:00:00.000Z",
  "2026-06-22T15:30:00.000Z",
];

describe("computeSlots: daylight saving time", () => {
  const sundayAfternoon = { weekday: 7, start: "13:00", end: "17:00" } as const;

  test("spring forward: 2026-03-08 13:00-17:00 New York is 17:00-21:00Z, a week earlier 18:00-22:00Z", () => {
    const slots = computeSlots(rules({ windows: [sundayAfternoon], horizonDays: 8 }), [], at("2026-02-28T12:00:00Z"));
    const byDay = groupSlotsByDay(slots, NY);
    expect(byDay.map((d) => d.date)).toEqual(["2026-03-01", "2026-03-08"]);
    expect(starts(byDay[0]!.slots)[0]).toBe("2026-03-01T18:00:00.000Z");
    expect(starts(byDay[1]!.slots)).toEqual([
      "2026-03-08T17:00:00.000Z",
      "2026-03-08T17:30:00.000Z",
      "2026-03-08T18:00:00.000Z",
      "2026-03-08T18:30:00.000Z",
      "2026-03-08T19:00:00.000Z",
      "2026-03-08T19:30:00.000Z",
      "2026-03-08T20:00:00.000Z",
      "2026-03-08T20:30:00.000Z",
    ]);
    expect(byDay[1]!.slots.at(-1)!.end.toISOString()).toBe("2026-03-08T20:50:00.000Z");
  });

  test("fall back: 2026-11-01 13:00-17:00 New York is 18:00-22:00Z, a week earlier 17:00-21:00Z", () => {
    const slots = computeSlots(rules({ windows: [sundayAfternoon], horizonDays: 8 }), [], at("2026-10-24T12:00:00Z"));
    const byDay = groupSlotsByDay(slots, NY);
    expect(byDay.map((d) => d.date)).toEqual(["2026-10-25", "2026-11-01"]);
    expect(starts(byDay[0]!.slots)[0]).toBe("2026-10-25T17:00:00.000Z");
    expect(starts(byDay[1]!.slots)).toEqual([
      "2026-11-01T18:00:00.000Z",
      "2026-11-01T18:30:00.000Z",
      "2026-11-01T19:00:00.000Z",
      "2026-11-01T19:30:00.000Z",
      "2026-11-01T20:00:00.000Z",
      "2026-11-01T20:30:00.000Z",
      "2026-11-01T21:00:00.000Z",
      "2026-11-01T21:30:00.000Z",
    ]);
    expect(byDay[1]!.slots.every((s) => s.end <= at("2026-11-01T22:00:00Z"))).toBe(true);
  });

  test("a window boundary in the spring-forward gap is read with the pre-gap offset (pushed forward)", () => {
    const now = at("2026-03-07T12:00:00Z");
    // 02:10 and 02:50 do not exist on 2026-03-08; they become 03:10 and 03:50 EDT.
    const inGap = computeSlots(rules({ windows: [{ weekday: 7, start: "02:10", end: "02:50" }], horizonDays: 1 }), [], now);
    expect(starts(inGap)).toEqual(["2026-03-08T07:10:00.000Z"]);

    // 01:30 EST to 03:30 EDT is one real hour, so only two 20+10 minute steps fit.
    const spanning = computeSlots(rules({ windows: [{ weekday: 7, start: "01:30", end: "03:30" }], horizonDays: 1 }), [], now);
    expect(starts(spanning)).toEqual(["2026-03-08T06:30:00.000Z", "2026-03-08T07:00:00.000Z"]);
  });

  test("an ambiguous fall-back window start is its first occurrence, and the repeated hour is offered", () => {
    const slots = computeSlots(
      rules({ windows: [{ weekday: 7, start: "01:00", end: "02:00" }], horizonDays: 1 }),
      [],
      at("2026-10-31T12:00:00Z"),
    );
    // 01:00 EDT (05:00Z) to 02:00 EST (07:00Z): two real hours.
    expect(starts(slots)).toEqual([
      "2026-11-01T05:00:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T06:00:00.000Z",
      "2026-11-01T06:30:00.000Z",
    ]);
  });
});

describe("computeSlots: stepping and buffers", () => {
  const now = SUNDAY_NOW;

  test("slots start at the window start and step by slot + buffer", () => {
    expect(starts(computeSlots(rules({ windows: [MONDAY_MORNING], horizonDays: 1 }), [], now))).toEqual(MONDAY_0622);

    const noBuffer = computeSlots(
      rules({ windows: [{ weekday: 1, start: "09:00", end: "10:00" }], bufferMinutes: 0, horizonDays: 1 }),
      [],
      now,
    );
    expect(starts(noBuffer)).toEqual(["2026-06-22T13:00:00.000Z", "2026-06-22T13:20:00.000Z", "2026-06-22T13:40:00.000Z"]);
    expect(noBuffer.map((s) => s.end.getTime() - s.start.getTime())).toEqual([20 * 60_000, 20 * 60_000, 20 * 60_000]);
  });

  test("a slot may end exactly at the window end but not after it", () => {
    const until = (end: string) => starts(computeSlots(rules({ windows: [{ weekday: 1, start: "09:00", end }], horizonDays: 1 }), [], now));
    expect(until("09:50")).toEqual(["2026-06-22T13:00:00.000Z", "2026-06-22T13:30:00.000Z"]);
    expect(until("09:49")).toEqual(["2026-06-22T13:00:00.000Z"]);
  });

  test("slots from several windows come back sorted whatever the window order", () => {
    const slots = computeSlots(
      rules({
        windows: [
          { weekday: 1, start: "14:00", end: "14:30" },
          { weekday: 1, start: "09:00", end: "09:30" },
        ],
        horizonDays: 1,
      }),
      [],
      now,
    );
    expect(starts(slots)).toEqual(["2026-06-22T13:00:00.000Z", "2026-06-22T18:00:00.000Z"]);
  });
});

describe("computeSlots: notice, horizon and days off", () => {
  test("slots starting before now + minimum notice are excluded; exactly at it is allowed", () => {
    // Monday 08:00 local; 90 minutes' notice means 09:30 is the first bookable start.
    const slots = computeSlots(rules({ windows: [MONDAY_MORNING], minNoticeMinutes: 90, horizonDays: 1 }), [], at("2026-06-22T12:00:00Z"));
    expect(starts(slots)[0]).toBe("2026-06-22T13:30:00.000Z");
    expect(starts(slots)).not.toContain("2026-06-22T13:00:00.000Z");
  });

  test("the horizon is counted in practice-local dates, inclusive", () => {
    const weekdays = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: "09:00", end: "10:00" }));
    const dates = (now: Date, horizonDays: number) =>
      groupSlotsByDay(computeSlots(rules({ windows: weekdays, horizonDays }), [], now), NY).map((d) => d.date);

    expect(dates(at("2026-06-15T12:00:00Z"), 7)).toEqual([
      "2026-06-15",
      "2026-06-16",
      "2026-06-17",
      "2026-06-18",
      "2026-06-19",
      "2026-06-22",
    ]);
    // 22:00 on Monday 06-15 in New York is already Tuesday in UTC: local today is still Monday.
    expect(dates(at("2026-06-16T02:00:00Z"), 1)).toEqual(["2026-06-16"]);
  });

  test("days off remove every slot on that practice-local date, even when the UTC date differs", () => {
    // 21:00-22:00 New York on Wednesday 06-17 is 01:00-02:00Z on Thursday 06-18.
    const evening = { weekday: 3, start: "21:00", end: "22:00" } as const;
    const morning = { weekday: 3, start: "09:00", end: "10:00" } as const;
    const base = { windows: [morning, evening], horizonDays: 7 };
    const now = at("2026-06-15T12:00:00Z");

    expect(computeSlots(rules({ ...base, daysOff: ["2026-06-17"] }), [], now)).toEqual([]);
    expect(starts(computeSlots(rules({ ...base, daysOff: ["2026-06-18"] }), [], now))).toEqual([
      "2026-06-17T13:00:00.000Z",
      "2026-06-17T13:30:00.000Z",
      "2026-06-18T01:00:00.000Z",
      "2026-06-18T01:30:00.000Z",
    ]);
  });
});

describe("computeSlots: busy bookings and holds", () => {
  const r = rules({ windows: [MONDAY_MORNING], horizonDays: 1 });
  const now = SUNDAY_NOW;

  test("a booking on a slot blocks only that slot when neighbours are exactly one buffer away", () => {
    const booked = busy("2026-06-22T14:00:00Z", "2026-06-22T14:20:00Z");
    expect(starts(computeSlots(r, [booked], now))).toEqual(MONDAY_0622.filter((s) => s !== "2026-06-22T14:00:00.000Z"));
  });

  test("the buffer is enforced on both sides of a busy interval", () => {
    // Busy 10:52-10:58 local: the 10:30 slot ends 10:50 and the 11:00 slot starts 11:00,
    // neither overlaps, but both are within the 10-minute buffer.
    const shortBusy = busy("2026-06-22T14:52:00Z", "2026-06-22T14:58:00Z");
    const blocked = ["2026-06-22T14:30:00.000Z", "2026-06-22T15:00:00.000Z"];
    expect(starts(computeSlots(r, [shortBusy], now))).toEqual(MONDAY_0622.filter((s) => !blocked.includes(s)));

    // Without a buffer the grid is every 20 minutes and only the overlapping 10:40 slot goes.
    const noBuffer = starts(computeSlots({ ...r, bufferMinutes: 0 }, [shortBusy], now));
    expect(noBuffer).not.toContain("2026-06-22T14:40:00.000Z");
    expect(noBuffer).toContain("2026-06-22T14:20:00.000Z");
    expect(noBuffer).toContain("2026-06-22T15:00:00.000Z");
    expect(noBuffer).toHaveLength(8);
  });

  test("a hold blocks its slot while present and frees it when removed", () => {
    const slotStart = at("2026-06-22T13:30:00Z");
    const hold = busy("2026-06-22T13:30:00Z", "2026-06-22T13:50:00Z");

    expect(isSlotOffered(r, [hold], now, slotStart)).toBe(false);
    expect(starts(computeSlots(r, [hold], now))).not.toContain(slotStart.toISOString());

    expect(isSlotOffered(r, [], now, slotStart)).toBe(true);
    expect(starts(computeSlots(r, [], now))).toEqual(MONDAY_0622);
  });

  test("a long busy interval blocks every slot it touches", () => {
    const session = busy("2026-06-22T13:45:00Z", "2026-06-22T14:35:00Z"); // 09:45-10:35 local
    expect(starts(computeSlots(r, [session], now))).toEqual([
      "2026-06-22T13:00:00.000Z",
      "2026-06-22T15:00:00.000Z",
      "2026-06-22T15:30:00.000Z",
    ]);
  });

  test("an invalid busy date throws instead of being ignored", () => {
    expect(() => computeSlots(r, [{ start: new Date("nope"), end: at("2026-06-22T14:00:00Z") }], now)).toThrow(/Invalid date/);
  });
});

describe("isSlotOffered", () => {
  const r = rules({ windows: [MONDAY_MORNING], horizonDays: 1, minNoticeMinutes: 60 });

  test("accepts exactly an offered start and nothing else", () => {
    expect(isSlotOffered(r, [], SUNDAY_NOW, at("2026-06-22T13:30:00Z"))).toBe(true);
    expect(isSlotOffered(r, [], SUNDAY_NOW, at("2026-06-22T13:31:00Z"))).toBe(false);
    expect(isSlotOffered(r, [], SUNDAY_NOW, at("2026-06-22T13:40:00Z"))).toBe(false);
    expect(isSlotOffered(r, [], SUNDAY_NOW, at("2026-06-23T13:30:00Z"))).toBe(false);
    expect(isSlotOffered(r, [], SUNDAY_NOW, new Date("invalid"))).toBe(false);
  });

  test("rejects a start that has fallen inside the minimum notice", () => {
    expect(isSlotOffered(r, [], at("2026-06-22T12:30:00Z"), at("2026-06-22T13:30:00Z"))).toBe(true);
    expect(isSlotOffered(r, [], at("2026-06-22T12:31:00Z"), at("2026-06-22T13:30:00Z"))).toBe(false);
  });
});

describe("nearestSlots", () => {
  const mk = (iso: string): Slot => ({ start: at(iso), end: new Date(at(iso).getTime() + 20 * 60_000) });
  const slots = ["09:00", "09:30", "10:00", "10:30", "11:00"].map((t) => mk(`2026-06-22T${t}:00Z`));

  test("returns the closest starts in chronological order", () => {
    expect(starts(nearestSlots(slots, at("2026-06-22T10:10:00Z")))).toEqual([
      "2026-06-22T09:30:00.000Z",
      "2026-06-22T10:00:00.000Z",
      "2026-06-22T10:30:00.000Z",
    ]);
    expect(starts(nearestSlots(slots, at("2026-06-23T00:00:00Z"), 2))).toEqual(["2026-06-22T10:30:00.000Z", "2026-06-22T11:00:00.000Z"]);
  });

  test("breaks ties towards the earlier slot, handles counts and leaves the input alone", () => {
    const shuffled = [slots[4]!, slots[0]!, slots[2]!, slots[1]!, slots[3]!];
    const before = starts(shuffled);
    expect(starts(nearestSlots(shuffled, at("2026-06-22T10:15:00Z"), 1))).toEqual(["2026-06-22T10:00:00.000Z"]);
    expect(nearestSlots(shuffled, at("2026-06-22T10:15:00Z"), 0)).toEqual([]);
    expect(starts(nearestSlots(shuffled, at("2026-06-22T10:15:00Z"), 10))).toEqual(starts(slots));
    expect(starts(shuffled)).toEqual(before);
  });
});

describe("groupSlotsByDay", () => {
  // 22:00 and 23:30 on Monday 06-15 in New York are already Tuesday in UTC.
  const slots: Slot[] = ["2026-06-16T02:00:00Z", "2026-06-16T03:30:00Z", "2026-06-16T13:00:00Z"].map((iso) => ({
    start: at(iso),
    end: new Date(at(iso).getTime() + 20 * 60_000),
  }));

  test("groups by the local date in the given zone, not the UTC date", () => {
    const ny = groupSlotsByDay(slots, NY);
    expect(ny.map((d) => [d.date, starts(d.slots)])).toEqual([
      ["2026-06-15", ["2026-06-16T02:00:00.000Z", "2026-06-16T03:30:00.000Z"]],
      ["2026-06-16", ["2026-06-16T13:00:00.000Z"]],
    ]);
    expect(groupSlotsByDay(slots, "UTC").map((d) => [d.date, d.slots.length])).toEqual([["2026-06-16", 3]]);
    // Auckland (UTC+12): 13:00Z is already 01:00 on Wednesday.
    expect(groupSlotsByDay(slots, "Pacific/Auckland").map((d) => [d.date, d.slots.length])).toEqual([
      ["2026-06-16", 2],
      ["2026-06-17", 1],
    ]);
  });

  test("sorts unsorted input and rejects an unknown zone", () => {
    const reversed = [...slots].reverse();
    expect(groupSlotsByDay(reversed, NY).flatMap((d) => starts(d.slots))).toEqual(starts(slots));
    expect(groupSlotsByDay([], NY)).toEqual([]);
    expect(() => groupSlotsByDay(slots, "Mars/Olympus_Mons")).toThrow(/Unknown IANA time zone/);
  });
});

describe("bookingRulesSchema", () => {
  const valid = {
    timeZone: NY,
    windows: [
      { weekday: 2, start: "09:00", end: "12:00" },
      { weekday: 2, start: "13:00", end: "17:00" },
    ],
    slotMinutes: 20,
    bufferMinutes: 10,
    minNoticeMinutes: 1440,
    horizonDays: 30,
    daysOff: ["2026-12-25"],
  };

  function issues(input: unknown): { path: string; message: string }[] {
    const result = bookingRulesSchema.safeParse(input);
    if (result.success) return [];
    return result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  }

  test("its output type is exactly BookingRules", () => {
    expectTypeOf<z.infer<typeof bookingRulesSchema>>().toEqualTypeOf<BookingRules>();
  });

  test("accepts sensible rules", () => {
    expect(bookingRulesSchema.parse(valid)).toEqual(valid);
    expect(issues({ ...valid, windows: [], bufferMinutes: 0, minNoticeMinutes: 0, daysOff: [] })).toEqual([]);
  });

  test.each([
    [{ timeZone: "Mars/Olympus_Mons" }, "timeZone", 'Unknown time zone "Mars/Olympus_Mons": use an IANA name such as "America/New_York"'],
    [{ timeZone: "EST+5" }, "timeZone", 'Unknown time zone "EST+5": use an IANA name such as "America/New_York"'],
    [{ slotMinutes: 5 }, "slotMinutes", "Consultation length must be at least 10 minutes"],
    [{ slotMinutes: 181 }, "slotMinutes", "Consultation length must be at most 180 minutes"],
    [{ slotMinutes: 20.5 }, "slotMinutes", "Consultation length must be a whole number of minutes"],
    [{ bufferMinutes: -1 }, "bufferMinutes", "Buffer between appointments must be at least 0 minutes"],
    [{ bufferMinutes: 121 }, "bufferMinutes", "Buffer between appointments must be at most 120 minutes"],
    [{ minNoticeMinutes: -5 }, "minNoticeMinutes", "Minimum notice must be at least 0 minutes"],
    [{ horizonDays: 0 }, "horizonDays", "Booking horizon must be at least 1 days"],
    [{ horizonDays: 366 }, "horizonDays", "Booking horizon must be at most 365 days"],
    [{ daysOff: ["2026-02-30"] }, "daysOff.0", 'Day off "2026-02-30" must be a real date written YYYY-MM-DD'],
    [{ daysOff: ["25/12/2026"] }, "daysOff.0", 'Day off "25/12/2026" must be a real date written YYYY-MM-DD'],
    [
      { windows: [{ weekday: 0, start: "09:00", end: "10:00" }] },
      "windows.0.weekday",
      "Weekday must be a number from 1 (Monday) to 7 (Sunday)",
    ],
    [{ windows: [{ weekday: 1, start: "9:00", end: "10:00" }] }, "windows.0.start", 'Time "9:00" must be 24-hour HH:MM, e.g. "09:00"'],
    [{ windows: [{ weekday: 1, start: "09:00", end: "24:00" }] }, "windows.0.end", 'Time "24:00" must be 24-hour HH:MM, e.g. "09:00"'],
    [{ windows: [{ weekday: 1, start: "12:00", end: "09:00" }] }, "windows.0.end", "Window end time must be later than its start time"],
    [{ windows: [{ weekday: 1, start: "09:00", end: "09:00" }] }, "windows.0.end", "Window end time must be later than its start time"],
    [
      { windows: [{ weekday: 1, start: "09:00", end: "09:15" }] },
      "windows.0.end",
      "Monday 09:00–09:15 is shorter than one 20-minute consultation",
    ],
    [
      {
        windows: [
          { weekday: 3, start: "09:00", end: "12:00" },
          { weekday: 3, start: "11:00", end: "13:00" },
        ],
      },
      "windows.1",
      "Wednesday 11:00–13:00 overlaps 09:00–12:00",
    ],
    [
      { minNoticeMinutes: 3 * 1440, horizonDays: 3 },
      "minNoticeMinutes",
      "Minimum notice must be shorter than the booking horizon, or no slot could ever be offered",
    ],
  ])("rejects %j with a clear message", (override, path, message) => {
    expect(issues({ ...valid, ...override })).toContainEqual({ path, message });
  });

  test("allows back-to-back windows and the same hours on different days", () => {
    expect(
      issues({
        ...valid,
        windows: [
          { weekday: 1, start: "09:00", end: "12:00" },
          { weekday: 1, start: "12:00", end: "13:00" },
          { weekday: 2, start: "09:00", end: "12:00" },
        ],
      }),
    ).toEqual([]);
  });
});

describe("computeSlots: guards", () => {
  test("refuses an unknown zone and a non-positive slot length rather than looping or guessing", () => {
    expect(() => computeSlots(rules({ timeZone: "Nowhere/Land" }), [], SUNDAY_NOW)).toThrow(/Unknown IANA time zone/);
    expect(() => computeSlots(rules({ windows: [MONDAY_MORNING], slotMinutes: 0, bufferMinutes: 0 }), [], SUNDAY_NOW)).toThrow();
  });
});

describe("days off as ranges", () => {
  test("a two-week holiday is one entry and offers nothing inside it, both ends included", async () => {
    const { computeSlots: compute } = await import("@/lib/booking/slots");
    const rules = {
      timeZone: "America/New_York",
      windows: [{ weekday: 2 as const, start: "09:00", end: "10:00" }],
      slotMinutes: 20,
      bufferMinutes: 10,
      minNoticeMinutes: 0,
      horizonDays: 40,
      daysOff: ["2030-01-08/2030-01-22"],
    };
    const days = new Set(compute(rules, [], new Date("2030-01-01T00:00:00Z")).map((s) => s.start.toISOString().slice(0, 10)));
    expect([...days].sort()).toEqual(["2030-01-01", "2030-01-29", "2030-02-05"]);
  });
});
