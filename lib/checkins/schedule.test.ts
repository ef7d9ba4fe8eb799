import { describe, expect, test } from "vitest";
import { DateTime } from "luxon";
import { planOccasions, type Plan } from "@/lib/checkins/schedule";

const ZONE = "America/New_York";
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const local = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat("yyyy-MM-dd HH:mm");

function occasions(plan: Plan, now: string) {
  const result = planOccasions(plan, { now: at(now), timeZone: ZONE });
  if (!result.ok) throw new Error(result.message);
  return result.occasions;
}

describe("every N weeks", () => {
  test("stays at 9:00 AM local across the spring DST change", () => {
    const list = occasions({ kind: "weeks", everyWeeks: 2, firstDate: "2027-03-01", count: 3 }, "2027-02-20T12:00");
    expect(list.map((o) => local(o.at))).toEqual(["2027-03-01 09:00", "2027-03-15 09:00", "2027-03-29 09:00"]);
    // 9:00 EST is 14:00 UTC, 9:00 EDT is 13:00 UTC: the instant moves, the wall time does not.
    expect(list[0]!.at.toISOString()).toBe("2027-03-01T14:00:00.000Z");
    expect(list[1]!.at.toISOString()).toBe("2027-03-15T13:00:00.000Z");
  });

  test("stays at 9:00 AM local across the autumn DST change", () => {
    const list = occasions({ kind: "weeks", everyWeeks: 1, firstDate: "2027-10-31", count: 2 }, "2027-10-30T12:00");
    expect(list.map((o) => local(o.at))).toEqual(["2027-10-31 09:00", "2027-11-07 09:00"]);
  });

  test("a first date of today after 9:00 AM goes out at once", () => {
    const list = occasions({ kind: "weeks", everyWeeks: 4, firstDate: "2027-05-10", count: 2 }, "2027-05-10T15:30");
    expect(local(list[0]!.at)).toBe("2027-05-10 15:30");
    expect(local(list[1]!.at)).toBe("2027-06-07 09:00");
  });

  test("a first date in the past is refused with a clear message", () => {
    const result = planOccasions(
      { kind: "weeks", everyWeeks: 2, firstDate: "2027-05-09", count: 2 },
      { now: at("2027-05-10T08:00"), timeZone: ZONE },
    );
    expect(result).toEqual({ ok: false, field: "firstDate", message: expect.stringContaining("in the past") });
  });

  test("out-of-range repeats are refused", () => {
    const now = { now: at("2027-05-10T08:00"), timeZone: ZONE };
    expect(planOccasions({ kind: "weeks", everyWeeks: 0, firstDate: "2027-05-10", count: 2 }, now).ok).toBe(false);
    expect(planOccasions({ kind: "weeks", everyWeeks: 2, firstDate: "2027-05-10", count: 27 }, now).ok).toBe(false);
    expect(planOccasions({ kind: "weeks", everyWeeks: 2, firstDate: "not a date", count: 2 }, now).ok).toBe(false);
  });
});

describe("the perinatal clock", () => {
  test("from a due date: 28 weeks pregnant, then 2, 6, 12 weeks and 6 months after the due date", () => {
    const list = occasions({ kind: "perinatal", dueDate: "2027-08-31" }, "2027-01-15T12:00");
    expect(list.map((o) => [local(o.at), o.label, o.stem])).toEqual([
      ["2027-06-08 09:00", "28–32 weeks pregnant", "pregnancy"],
      ["2027-09-14 09:00", "2 weeks after the due date", "postpartum"],
      ["2027-10-12 09:00", "6 weeks after the due date", "postpartum"],
      ["2027-11-23 09:00", "12 weeks after the due date", "postpartum"],
      // August 31 + 6 months: the last day of February, not March 3.
      ["2028-02-29 09:00", "6 months after the due date", "postpartum"],
    ]);
  });

  test("month end in a common year clamps to February 28", () => {
    const list = occasions({ kind: "perinatal", babyBirthDate: "2026-08-31" }, "2026-09-01T08:00");
    expect(local(list.at(-1)!.at)).toBe("2027-02-28 09:00");
  });

  test("from a birth date: the postpartum occasions only, at 9:00 local across the DST change", () => {
    // Born October 20 (daylight time); 2 weeks later is November 3, after clocks went back on November 1.
    const list = occasions({ kind: "perinatal", babyBirthDate: "2026-10-20" }, "2026-10-21T10:00");
    expect(list.map((o) => local(o.at))).toEqual(["2026-11-03 09:00", "2026-12-01 09:00", "2027-01-12 09:00", "2027-04-20 09:00"]);
    expect(list[0]!.at.toISOString()).toBe("2026-11-03T14:00:00.000Z");
    expect(list.every((o) => o.stem === "postpartum")).toBe(true);
  });

  test("inside the 28-32 weeks window it is sent at the next sending time", () => {
    // Due 2027-08-31: the window runs from June 8 to July 6.
    const list = occasions({ kind: "perinatal", dueDate: "2027-08-31" }, "2027-06-20T11:00");
    expect(local(list[0]!.at)).toBe("2027-06-21 09:00");
    expect(list[0]!.label).toBe("28–32 weeks pregnant");
  });

  test("a due date 3 years away is refused", () => {
    const result = planOccasions({ kind: "perinatal", dueDate: "2030-01-15" }, { now: at("2027-01-15T12:00"), timeZone: ZONE });
    expect(result).toEqual({ ok: false, field: "dueDate", message: expect.stringContaining("more than 42 weeks away") });
  });

  test("a birth date in the future, or more than a year ago, is refused", () => {
    const now = { now: at("2027-01-15T12:00"), timeZone: ZONE };
    expect(planOccasions({ kind: "perinatal", babyBirthDate: "2027-02-01" }, now)).toMatchObject({ ok: false, field: "babyBirthDate" });
    expect(planOccasions({ kind: "perinatal", babyBirthDate: "2025-06-01" }, now)).toMatchObject({ ok: false, field: "babyBirthDate" });
  });

  test("a clock entirely in the past is refused", () => {
    const result = planOccasions({ kind: "perinatal", babyBirthDate: "2026-05-01" }, { now: at("2027-01-15T12:00"), timeZone: ZONE });
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("already in the past") });
  });

  test("neither date is refused", () => {
    expect(planOccasions({ kind: "perinatal" }, { now: new Date(), timeZone: ZONE })).toMatchObject({ ok: false, field: "dueDate" });
  });
});
