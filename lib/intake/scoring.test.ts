import { describe, expect, test } from "vitest";
import { EPDS, GAD7, INSTRUMENTS, PHQ9 } from "@/lib/intake/instruments";
import {
  epdsAnswersSchema,
  epdsItemScore,
  gad7AnswersSchema,
  hasSelfHarmRisk,
  phq9AnswersSchema,
  phq9DifficultySchema,
  scoreEpds,
  scoreGad7,
  scoreInstrument,
  scorePhq9,
} from "@/lib/intake/scoring";

// Invalid inputs shared by every instrument; `n` is the instrument's item count.
function invalidAnswerSets(n: number): Array<[string, unknown]> {
  const zeros = () => Array<number>(n).fill(0);
  const withValue = (value: unknown) => {
    const answers: unknown[] = zeros();
    answers[1] = value;
    return answers;
  };
  return [
    ["one answer too few", Array(n - 1).fill(0)],
    ["one answer too many", Array(n + 1).fill(0)],
    ["no answers", []],
    ["a value above 3", withValue(4)],
    ["a negative value", withValue(-1)],
    ["a fraction", withValue(1.5)],
    ["NaN", withValue(Number.NaN)],
    ["Infinity", withValue(Number.POSITIVE_INFINITY)],
    ["a numeric string", withValue("1")],
    ["null", withValue(null)],
    ["a boolean", withValue(true)],
    ["a sparse array (unanswered item)", Array(n)],
    ["not an array", "0".repeat(n)],
  ];
}

describe("PHQ-9", () => {
  test("all minimum: total 0, minimal, no risk", () => {
    expect(scorePhq9([0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual({
      instrument: "phq9",
      total: 0,
      band: "minimal",
      riskFlag: false,
      itemScores: [0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
  });

  test("all maximum: total 27, severe, risk flagged", () => {
    const result = scorePhq9([3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(result.total).toBe(27);
    expect(result.band).toBe("severe");
    expect(result.riskFlag).toBe(true);
  });

  // Item 9 kept at 0 so the band edges are tested independently of the risk flag.
  test.each([
    [[1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "minimal"],
    [[1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild"],
    [[3, 3, 3, 0, 0, 0, 0, 0, 0], 9, "mild"],
    [[3, 3, 3, 1, 0, 0, 0, 0, 0], 10, "moderate"],
    [[3, 3, 3, 3, 2, 0, 0, 0, 0], 14, "moderate"],
    [[3, 3, 3, 3, 3, 0, 0, 0, 0], 15, "moderately severe"],
    [[3, 3, 3, 3, 3, 3, 1, 0, 0], 19, "moderately severe"],
    [[3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "severe"],
  ])("band edge %j -> %i %s", (answers, total, band) => {
    const result = scorePhq9(answers);
    expect(result.total).toBe(total);
    expect(result.band).toBe(band);
    expect(result.riskFlag).toBe(false);
  });

  test("item 9 answered 'Several days' is flagged even when the total is only 1", () => {
    const result = scorePhq9([0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(result.total).toBe(1);
    expect(result.band).toBe("minimal");
    expect(result.riskFlag).toBe(true);
  });

  test("a high total without item 9 is not a risk flag", () => {
    expect(scorePhq9([3, 3, 3, 3, 3, 3, 3, 3, 0]).riskFlag).toBe(false);
  });

  test("item scores are the answers in order", () => {
    expect(scorePhq9([0, 1, 2, 3, 0, 1, 2, 3, 0]).itemScores).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0]);
  });

  test("the difficulty question is not part of the score", () => {
    // Passing it as a tenth answer must be rejected rather than added to the total.
    expect(() => scorePhq9([0, 0, 0, 0, 0, 0, 0, 0, 0, 3])).toThrow(/exactly 9/);
  });

  test.each(invalidAnswerSets(9))("rejects %s", (_name, answers) => {
    expect(() => scorePhq9(answers as number[])).toThrow(/PHQ-9/);
  });

  test("does not keep a reference to the caller's array", () => {
    const answers = [1, 1, 1, 1, 1, 1, 1, 1, 0];
    const result = scorePhq9(answers);
    answers[0] = 3;
    expect(result.itemScores[0]).toBe(1);
  });
});

describe("GAD-7", () => {
  test("all minimum: total 0, minimal", () => {
    expect(scoreGad7([0, 0, 0, 0, 0, 0, 0])).toEqual({
      instrument: "gad7",
      total: 0,
      band: "minimal",
      riskFlag: false,
      itemScores: [0, 0, 0, 0, 0, 0, 0],
    });
  });

  test("all maximum: total 21, severe, never a self-harm flag", () => {
    const result = scoreGad7([3, 3, 3, 3, 3, 3, 3]);
    expect(result.total).toBe(21);
    expect(result.band).toBe("severe");
    expect(result.riskFlag).toBe(false);
  });

  test.each([
    [[1, 1, 1, 1, 0, 0, 0], 4, "minimal"],
    [[1, 1, 1, 1, 1, 0, 0], 5, "mild"],
    [[3, 3, 3, 0, 0, 0, 0], 9, "mild"],
    [[3, 3, 3, 1, 0, 0, 0], 10, "moderate"],
    [[3, 3, 3, 3, 2, 0, 0], 14, "moderate"],
    [[3, 3, 3, 3, 3, 0, 0], 15, "severe"],
  ])("band edge %j -> %i %s", (answers, total, band) => {
    const result = scoreGad7(answers);
    expect(result.total).toBe(total);
    expect(result.band).toBe(band);
  });

  test.each(invalidAnswerSets(7))("rejects %s", (_name, answers) => {
    expect(() => scoreGad7(answers as number[])).toThrow(/GAD-7/);
  });
});

describe("EPDS", () => {
  test("items 1, 2 and 4 score the index; items 3 and 5-10 are reverse-scored", () => {
    for (const item of [1, 2, 4]) {
      expect([0, 1, 2, 3].map((index) => epdsItemScore(item, index))).toEqual([0, 1, 2, 3]);
    }
    for (const item of [3, 5, 6, 7, 8, 9, 10]) {
      expect([0, 1, 2, 3].map((index) => epdsItemScore(item, index))).toEqual([3, 2, 1, 0]);
    }
  });

  test("reverse scoring matches the wording: the most symptomatic response always scores 3", () => {
    expect(EPDS.items[0]?.options[3]).toBe("Not at all"); // laugh: "Not at all" is worst
    expect(epdsItemScore(1, 3)).toBe(3);
    expect(EPDS.items[2]?.options[0]).toBe("Yes, most of the time"); // blamed myself
    expect(epdsItemScore(3, 0)).toBe(3);
    expect(EPDS.items[3]?.options[3]).toBe("Yes, very often"); // anxious or worried
    expect(epdsItemScore(4, 3)).toBe(3);
    expect(EPDS.items[9]?.options[0]).toBe("Yes, quite often"); // thought of harming myself
    expect(epdsItemScore(10, 0)).toBe(3);
    expect(EPDS.items[9]?.options[3]).toBe("Never");
    expect(epdsItemScore(10, 3)).toBe(0);
  });

  test("all minimum: total 0 needs the first response on items 1, 2, 4 and the last on the others", () => {
    const result = scoreEpds([0, 0, 3, 0, 3, 3, 3, 3, 3, 3]);
    expect(result.total).toBe(0);
    expect(result.itemScores).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(result.possibleDepression).toBe(false);
    expect(result.anxietySubscale).toBe(0);
    expect(result.riskFlag).toBe(false);
  });

  test("maximum total 30", () => {
    const result = scoreEpds([3, 3, 0, 3, 0, 0, 0, 0, 0, 0]);
    expect(result.total).toBe(30);
    expect(result.itemScores).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(result.possibleDepression).toBe(true);
    expect(result.anxietySubscale).toBe(9);
    expect(result.riskFlag).toBe(true);
  });

  test("choosing the first response everywhere scores 21, not 0", () => {
    // Items 1, 2, 4 -> 0 each; items 3, 5-10 -> 3 each = 7 x 3.
    const result = scoreEpds([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(result.itemScores).toEqual([0, 0, 3, 0, 3, 3, 3, 3, 3, 3]);
    expect(result.total).toBe(21);
    expect(result.anxietySubscale).toBe(6);
    expect(result.riskFlag).toBe(true);
  });

  test("choosing the last response everywhere scores 9, not 30", () => {
    const result = scoreEpds([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(result.itemScores).toEqual([3, 3, 0, 3, 0, 0, 0, 0, 0, 0]);
    expect(result.total).toBe(9);
    expect(result.anxietySubscale).toBe(3);
    expect(result.riskFlag).toBe(false);
  });

  test("hand-worked mixed response", () => {
    // item:   1  2  3  4  5  6  7  8  9  10
    // index:  1  2  1  2  2  0  3  1  2  3
    // score:  1  2  2  2  1  3  0  2  1  0   = 14; EPDS-3A = 2 + 2 + 1 = 5
    const result = scoreEpds([1, 2, 1, 2, 2, 0, 3, 1, 2, 3], { sensitiveCutoff: false });
    expect(result).toEqual({
      instrument: "epds",
      total: 14,
      cutoff: 13,
      possibleDepression: true,
      anxietySubscale: 5,
      riskFlag: false,
      itemScores: [1, 2, 2, 2, 1, 3, 0, 2, 1, 0],
    });
  });

  // Totals built from the minimum [0,0,3,0,3,3,3,3,3,3] with item 10 left at "Never".
  const total9 = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]; // 3 + 3 + 0 + 3
  const total10 = [3, 3, 2, 3, 3, 3, 3, 3, 3, 3]; // + item 3 scores 1
  const total12 = [3, 3, 0, 3, 3, 3, 3, 3, 3, 3]; // 3 + 3 + 3 + 3
  const total13 = [3, 3, 0, 3, 2, 3, 3, 3, 3, 3]; // + item 5 scores 1

  test("standard cut-off 13: 12 is below, 13 is possible depression", () => {
    expect(scoreEpds(total12, { sensitiveCutoff: false })).toMatchObject({
      total: 12,
      cutoff: 13,
      possibleDepression: false,
    });
    expect(scoreEpds(total13, { sensitiveCutoff: false })).toMatchObject({
      total: 13,
      cutoff: 13,
      possibleDepression: true,
    });
  });

  test("the standard cut-off is the default", () => {
    expect(scoreEpds(total12)).toMatchObject({ total: 12, cutoff: 13, possibleDepression: false });
    expect(scoreEpds(total12, {})).toMatchObject({ cutoff: 13, possibleDepression: false });
  });

  test("sensitive cut-off 10: 9 is below, 10 is possible depression", () => {
    expect(scoreEpds(total9, { sensitiveCutoff: true })).toMatchObject({
      total: 9,
      cutoff: 10,
      possibleDepression: false,
    });
    expect(scoreEpds(total10, { sensitiveCutoff: true })).toMatchObject({
      total: 10,
      cutoff: 10,
      possibleDepression: true,
    });
  });

  test("the same total can be positive under one cut-off and negative under the other", () => {
    expect(scoreEpds(total10, { sensitiveCutoff: false }).possibleDepression).toBe(false);
    expect(scoreEpds(total12, { sensitiveCutoff: true }).possibleDepression).toBe(true);
  });

  test("item 10 with the first response (scores 3) is flagged while the total is below both cut-offs", () => {
    const result = scoreEpds([0, 0, 3, 0, 3, 3, 3, 3, 3, 0], { sensitiveCutoff: true });
    expect(result.total).toBe(3);
    expect(result.possibleDepression).toBe(false);
    expect(result.riskFlag).toBe(true);
  });

  test.each([
    [0, "Yes, quite often", true],
    [1, "Sometimes", true],
    [2, "Hardly ever", true],
    [3, "Never", false],
  ])("item 10 response %i (%s) -> risk %s", (index, label, risk) => {
    expect(EPDS.items[9]?.options[index]).toBe(label);
    const answers = [0, 0, 3, 0, 3, 3, 3, 3, 3, index];
    expect(scoreEpds(answers).riskFlag).toBe(risk);
  });

  test("anxiety subscale counts scored items 3, 4 and 5 only", () => {
    // Items 3-5 at their worst, everything else at its best.
    const anxious = scoreEpds([0, 0, 0, 3, 0, 3, 3, 3, 3, 3]);
    expect(anxious.anxietySubscale).toBe(9);
    expect(anxious.total).toBe(9);
    // Everything except items 3-5 at its worst.
    const notAnxious = scoreEpds([3, 3, 3, 0, 3, 0, 0, 0, 0, 3]);
    expect(notAnxious.itemScores).toEqual([3, 3, 0, 0, 0, 3, 3, 3, 3, 0]);
    expect(notAnxious.total).toBe(18);
    expect(notAnxious.anxietySubscale).toBe(0);
  });

  test.each(invalidAnswerSets(10))("rejects %s", (_name, answers) => {
    expect(() => scoreEpds(answers as number[])).toThrow(/EPDS/);
  });

  test("rejects a non-boolean cut-off choice rather than treating it as truthy", () => {
    expect(() => scoreEpds(total12, { sensitiveCutoff: "false" as unknown as boolean })).toThrow(/boolean/);
  });

  test("epdsItemScore rejects bad item numbers and indexes", () => {
    expect(() => epdsItemScore(0, 0)).toThrow(/item number/);
    expect(() => epdsItemScore(11, 0)).toThrow(/item number/);
    expect(() => epdsItemScore(3, 4)).toThrow(/item 3/);
  });
});

describe("scoreInstrument", () => {
  test("dispatches by instrument id and passes the cut-off choice to the EPDS", () => {
    expect(scoreInstrument("phq9", [1, 1, 1, 1, 1, 0, 0, 0, 0])).toMatchObject({ instrument: "phq9", band: "mild" });
    expect(scoreInstrument("gad7", [3, 3, 3, 1, 0, 0, 0])).toMatchObject({ instrument: "gad7", band: "moderate" });
    expect(scoreInstrument("epds", [3, 3, 0, 3, 3, 3, 3, 3, 3, 3], { sensitiveCutoff: true })).toMatchObject({
      instrument: "epds",
      total: 12,
      possibleDepression: true,
    });
    expect(() => scoreInstrument("bdi" as "phq9", [])).toThrow(/Unknown/);
  });
});

describe("hasSelfHarmRisk on partial answers", () => {
  test("PHQ-9: flags as soon as item 9 is answered above 'Not at all'", () => {
    expect(hasSelfHarmRisk("phq9", [])).toBe(false);
    expect(hasSelfHarmRisk("phq9", [3, 3, 3])).toBe(false);
    const partial: Array<number | undefined> = [];
    partial[8] = 1;
    expect(hasSelfHarmRisk("phq9", partial)).toBe(true);
    partial[8] = 0;
    expect(hasSelfHarmRisk("phq9", partial)).toBe(false);
    expect(hasSelfHarmRisk("phq9", [null, null, null, null, null, null, null, null, 2])).toBe(true);
    expect(hasSelfHarmRisk("phq9", [3, 3, 3, 3, 3, 3, 3, 3, null])).toBe(false);
  });

  test("EPDS: applies reverse scoring to item 10, so only 'Never' is safe", () => {
    const answerItem10 = (index: number) => {
      const partial: Array<number | undefined> = [];
      partial[9] = index;
      return hasSelfHarmRisk("epds", partial);
    };
    expect(answerItem10(0)).toBe(true);
    expect(answerItem10(1)).toBe(true);
    expect(answerItem10(2)).toBe(true);
    expect(answerItem10(3)).toBe(false);
    expect(hasSelfHarmRisk("epds", [0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(false);
  });

  test("agrees with the full scorers' risk flag", () => {
    for (let index = 0; index <= 3; index++) {
      const phq = [0, 0, 0, 0, 0, 0, 0, 0, index];
      expect(hasSelfHarmRisk("phq9", phq)).toBe(scorePhq9(phq).riskFlag);
      const epds = [0, 0, 3, 0, 3, 3, 3, 3, 3, index];
      expect(hasSelfHarmRisk("epds", epds)).toBe(scoreEpds(epds).riskFlag);
    }
  });

  test("GAD-7 has no self-harm item", () => {
    expect(hasSelfHarmRisk("gad7", [3, 3, 3, 3, 3, 3, 3])).toBe(false);
  });

  test("rejects an invalid value on the self-harm item", () => {
    const partial: Array<number | undefined> = [];
    partial[8] = 7;
    expect(() => hasSelfHarmRisk("phq9", partial)).toThrow(/item 9/);
  });
});

describe("answer schemas", () => {
  test.each([
    ["PHQ-9", phq9AnswersSchema, 9],
    ["GAD-7", gad7AnswersSchema, 7],
    ["EPDS", epdsAnswersSchema, 10],
  ] as const)("%s accepts exactly %i integers from 0 to 3 and nothing else", (_name, schema, n) => {
    expect(schema.safeParse(Array(n).fill(3)).success).toBe(true);
    expect(schema.parse(Array(n).fill(0))).toEqual(Array(n).fill(0));
    for (const [, bad] of invalidAnswerSets(n)) {
      expect(schema.safeParse(bad).success).toBe(false);
    }
  });

  test("an unanswered question gets a readable message", () => {
    const answers: Array<number | undefined> = [0, 0, 0, 0, 0, 0, undefined];
    const result = gad7AnswersSchema.safeParse(answers);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Please choose an answer");
    expect(result.error?.issues[0]?.path).toEqual([6]);
  });

  test("schemas and scorers agree on what is valid", () => {
    for (const [, bad] of invalidAnswerSets(9)) {
      expect(phq9AnswersSchema.safeParse(bad).success).toBe(false);
      expect(() => scorePhq9(bad as number[])).toThrow();
    }
  });

  test("the PHQ-9 difficulty answer is optional but must be a valid option when given", () => {
    expect(phq9DifficultySchema.safeParse(undefined).success).toBe(true);
    expect(phq9DifficultySchema.safeParse(2).success).toBe(true);
    expect(phq9DifficultySchema.safeParse(4).success).toBe(false);
  });
});

describe("instrument definitions", () => {
  test("item counts match what the scorers expect", () => {
    expect(PHQ9.items).toHaveLength(9);
    expect(GAD7.items).toHaveLength(7);
    expect(EPDS.items).toHaveLength(10);
    for (const instrument of Object.values(INSTRUMENTS)) {
      instrument.items.forEach((item, index) => {
        expect(item.number).toBe(index + 1);
        expect(item.options).toHaveLength(4);
        expect(new Set(item.options).size).toBe(4);
      });
    }
  });

  test("self-harm items are PHQ-9 item 9 and EPDS item 10 only", () => {
    const flagged = Object.values(INSTRUMENTS).flatMap((instrument) =>
      instrument.items.filter((item) => item.selfHarm).map((item) => `${instrument.id}:${item.number}`),
    );
    expect(flagged).toEqual(["phq9:9", "epds:10"]);
    expect(PHQ9.items[8]?.text).toBe("Thoughts that you would be better off dead or of hurting yourself in some way");
    expect(EPDS.items[9]?.text).toBe("The thought of harming myself has occurred to me");
  });

  test("PHQ-9 and GAD-7 use the published frequency options; PHQ-9 carries the unscored difficulty question", () => {
    const frequency = ["Not at all", "Several days", "More than half the days", "Nearly every day"];
    for (const item of [...PHQ9.items, ...GAD7.items]) expect(item.options).toEqual(frequency);
    expect(PHQ9.unscoredFollowUp?.options).toEqual(["Not difficult at all", "Somewhat difficult", "Very difficult", "Extremely difficult"]);
    expect(GAD7.unscoredFollowUp).toBeUndefined();
  });

  test("each instrument carries its citation", () => {
    expect(PHQ9.citation).toMatch(/Spitzer.*Williams.*Kroenke.*Pfizer/);
    expect(GAD7.citation).toMatch(/Spitzer.*Williams.*Kroenke.*Pfizer/);
    expect(EPDS.citation).toMatch(/Royal College of Psychiatrists 1987.*Cox.*Holden.*Sagovsky.*150.*782-786/);
  });
});

describe("risk items, from the instruments' own definitions", () => {
  test("are PHQ-9 item 9 and EPDS item 10; the GAD-7 has none", async () => {
    const { RISK_ITEMS, isRiskItem, riskItemsOf } = await import("@/lib/intake/scoring");
    expect(RISK_ITEMS).toEqual([
      { measure: "phq9", item: 9 },
      { measure: "epds", item: 10 },
    ]);
    expect(isRiskItem("phq9", 8)).toBe(false);
    expect(riskItemsOf("gad7")).toEqual([]);
  });

  test("an answer is positive when it scores above 0: the EPDS's options run the other way", async () => {
    const { isPositiveRiskAnswer } = await import("@/lib/intake/scoring");
    expect([0, 1, 2, 3].map((a) => isPositiveRiskAnswer("phq9", 9, a))).toEqual([false, true, true, true]);
    // "Yes, quite often", "Sometimes", "Hardly ever", "Never"
    expect([0, 1, 2, 3].map((a) => isPositiveRiskAnswer("epds", 10, a))).toEqual([true, true, true, false]);
    expect(() => isPositiveRiskAnswer("phq9", 1, 1)).toThrow();
    expect(() => isPositiveRiskAnswer("phq9", 9, 4)).toThrow();
  });

  test("riskAnswersOf reads a draft as typed: numeric strings count, anything else is unanswered; the EPDS only when in use", async () => {
    const { riskAnswersOf } = await import("@/lib/intake/scoring");
    const screening = { phq9: [0, 0, 0, 0, 0, 0, 0, 0, "2"], epds: [0, 0, 0, 0, 0, 0, 0, 0, 0, "x"] };
    expect(riskAnswersOf(screening, { epdsEnabled: false })).toEqual([{ measure: "phq9", item: 9, answer: 2 }]);
    expect(riskAnswersOf(screening, { epdsEnabled: true })).toEqual([
      { measure: "phq9", item: 9, answer: 2 },
      { measure: "epds", item: 10, answer: null },
    ]);
    expect(riskAnswersOf(null, { epdsEnabled: true }).map((a) => a.answer)).toEqual([null, null]);
  });
});
