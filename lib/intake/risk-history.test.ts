import { describe, expect, test } from "vitest";
import { riskHistoryLines, type RiskHistoryEntry } from "@/lib/intake/risk-history";

const ZONE = "America/New_York";
const entry = (
  measure: "phq9" | "epds",
  item: number,
  answer: number | null,
  answeredAt: string,
  receivedAt = answeredAt,
): RiskHistoryEntry => ({
  measure,
  item,
  answer,
  answeredAt: new Date(answeredAt),
  receivedAt: new Date(receivedAt),
});

describe("riskHistoryLines", () => {
  // Found: the intake view said only "a self-harm question was answered above 'not at all'" beside an item 9 of 0.
  test("an answer changed back reads as both, in order, with the day once", () => {
    const lines = riskHistoryLines([entry("phq9", 9, 0, "2026-12-01T19:02:40Z"), entry("phq9", 9, 1, "2026-12-01T19:02:05Z")], ZONE);
    expect(lines).toEqual([
      {
        measure: "phq9",
        item: 9,
        label: "PHQ-9 item 9",
        question: "Thoughts that you would be better off dead or of hurting yourself in some way",
        text: "PHQ-9 item 9: “Several days” at 2:02 PM on Tuesday, December 1, 2026, changed to “Not at all” at 2:02 PM",
      },
    ]);
  });

  test("each questionnaire on its own line, PHQ-9 first; the EPDS's own words; a new day is named", () => {
    const lines = riskHistoryLines(
      [
        entry("epds", 10, 0, "2026-12-01T23:30:00Z"),
        entry("epds", 10, 3, "2026-12-02T05:10:00Z"),
        entry("phq9", 9, 3, "2026-12-01T23:00:00Z"),
      ],
      ZONE,
    );
    expect(lines.map((l) => l.text)).toEqual([
      "PHQ-9 item 9: “Nearly every day” at 6:00 PM on Tuesday, December 1, 2026",
      "EPDS item 10: “Yes, quite often” at 6:30 PM on Tuesday, December 1, 2026, changed to “Never” at 12:10 AM on Wednesday, December 2, 2026",
    ]);
  });

  test("an answer that reached the practice much later than it was given (queued offline) says when it arrived", () => {
    const [line] = riskHistoryLines([entry("phq9", 9, 2, "2026-12-01T19:02:00Z", "2026-12-02T14:15:00Z")], ZONE);
    expect(line!.text).toBe(
      "PHQ-9 item 9: “More than half the days” at 2:02 PM on Tuesday, December 1, 2026 (reached the practice at 9:15 AM on Wednesday, December 2, 2026)",
    );
  });

  test("a stored answer that cannot be read is said so, never guessed; no events, no lines", () => {
    expect(riskHistoryLines([entry("phq9", 9, null, "2026-12-01T19:02:00Z")], ZONE)[0]!.text).toContain("an answer that could not be read");
    expect(riskHistoryLines([], ZONE)).toEqual([]);
  });
});
