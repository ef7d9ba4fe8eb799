import { describe, expect, test } from "vitest";
import { DEFAULT_QUIET_HOURS, reminderTimes } from "@/lib/booking/reminders";

const NOW = new Date("2030-01-01T00:00:00Z");
const LA = "America/Los_Angeles";
const local = (d: Date, zone = LA) =>
  new Intl.DateTimeFormat("en-US", { timeZone: zone, dateStyle: "short", timeStyle: "short", hourCycle: "h23" }).format(d);

describe("reminders never land in the client's quiet hours", () => {
  test("24 hours and 1 hour before an afternoon consultation: both as chosen", () => {
    const start = new Date("2030-01-10T22:00:00Z"); // 14:00 in Los Angeles
    expect(reminderTimes(start, [1440, 60], LA, DEFAULT_QUIET_HOURS, NOW).map((d) => local(d))).toEqual([
      "1/9/30, 14:00",
      "1/10/30, 13:00",
    ]);
  });

  test("1 hour before an 8:30 consultation would be 7:30: it goes out the evening before instead, at 20:30 her time", () => {
    const start = new Date("2030-01-10T16:30:00Z"); // 08:30 in Los Angeles
    expect(reminderTimes(start, [60], LA, DEFAULT_QUIET_HOURS, NOW).map((d) => local(d))).toEqual(["1/9/30, 20:30"]);
  });

  test("a reminder due at 22:00 goes out at 20:30 the same evening, in her zone rather than the practice's", () => {
    const start = new Date("2030-01-11T06:00:00Z"); // 22:00 Jan 10 in Los Angeles, 01:00 in New York
    const [at] = reminderTimes(start, [24 * 60], LA, DEFAULT_QUIET_HOURS, NOW);
    expect(local(at!)).toBe("1/9/30, 20:30");
  });

  test("two reminders pushed to the same evening are sent once; past times are dropped", () => {
    const start = new Date("2030-01-10T16:00:00Z"); // 08:00 LA; 2 h before = 06:00 quiet, 1 h before = 07:00 quiet
    expect(reminderTimes(start, [120, 60], LA, DEFAULT_QUIET_HOURS, NOW).map((d) => local(d))).toEqual(["1/9/30, 20:30"]);
    expect(reminderTimes(start, [1440], LA, DEFAULT_QUIET_HOURS, new Date("2030-01-10T15:00:00Z"))).toEqual([]);
  });

  test("across the spring DST change the quiet hours stay at 21:00-08:00 local", () => {
    const start = new Date("2030-03-10T15:30:00Z"); // 08:30 PDT on the day clocks go forward
    expect(reminderTimes(start, [60], LA, DEFAULT_QUIET_HOURS, NOW).map((d) => local(d))).toEqual(["3/9/30, 20:30"]);
  });
});
