import { describe, expect, test } from "vitest";
import { bandsOf, measureTrend, type TrendPoint } from "@/lib/checkins/trends";

const point = (day: number, total: number, extra: Partial<TrendPoint> = {}): TrendPoint => ({
  id: `p${day}`,
  source: day === 0 ? "intake" : "check-in",
  at: new Date(Date.UTC(2027, 0, 1 + day)),
  total,
  risk: false,
  ...extra,
});

describe("trend numbers", () => {
  test("change from baseline, response and remission on the PHQ-9", () => {
    const trend = measureTrend("phq9", [point(28, 4), point(0, 16), point(14, 9)]);
    expect(trend.rows.map((r) => [r.total, r.change, r.band])).toEqual([
      [16, 0, "moderately severe"],
      [9, -7, "mild"],
      [4, -12, "minimal"],
    ]);
    expect(trend.change).toBe(-12);
    expect(trend.percentChange).toBeCloseTo(0.75);
    expect(trend.markers).toEqual(["Response (50% or more below baseline)", "Remission (PHQ-9 under 5)"]);
    // 9 is not half of 16 or less: no response yet.
    expect(trend.rows[1]!.markers).toEqual([]);
  });

  test("exactly half the baseline counts as response", () => {
    expect(measureTrend("gad7", [point(0, 12), point(7, 6)]).markers).toContain("Response (50% or more below baseline)");
    expect(measureTrend("gad7", [point(0, 12), point(7, 7)]).markers).not.toContain("Response (50% or more below baseline)");
  });

  test("the baseline itself is never a response, and a baseline of 0 gives no percentage", () => {
    const trend = measureTrend("phq9", [point(0, 0), point(7, 0)]);
    expect(trend.rows[0]!.markers).toEqual(["Remission (PHQ-9 under 5)"]);
    expect(trend.percentChange).toBeNull();
    expect(measureTrend("phq9", [point(0, 10)]).change).toBeNull();
  });

  test("risk answers are marked on their point", () => {
    const trend = measureTrend("phq9", [point(0, 12), point(7, 14, { risk: true })]);
    expect(trend.rows[1]!.markers).toContain("Self-harm question answered above “not at all”");
    expect(trend.rows[0]!.markers).not.toContain("Self-harm question answered above “not at all”");
  });

  test("EPDS: cut-off and the EPDS-3A threshold of 5, named as commonly used", () => {
    const trend = measureTrend("epds", [point(0, 14, { anxietySubscale: 5 }), point(7, 8, { anxietySubscale: 4 })], { epdsCutoff: 13 });
    expect(trend.rows[0]!.markers).toEqual([
      "At or above the EPDS cut-off (13)",
      "EPDS-3A 5 (at or above the commonly used threshold of 5)",
    ]);
    expect(trend.rows[1]!.markers).toEqual([]);
    expect(bandsOf("epds", 10)).toEqual([
      { from: 0, to: 9, label: "below cut-off" },
      { from: 10, to: 30, label: "possible depression" },
    ]);
  });

  test("bands cover every score without gaps", () => {
    for (const [measure, max] of [
      ["phq9", 27],
      ["gad7", 21],
      ["epds", 30],
    ] as const) {
      const bands = bandsOf(measure);
      for (let s = 0; s <= max; s++) expect(bands.filter((b) => s >= b.from && s <= b.to)).toHaveLength(1);
    }
  });
});
