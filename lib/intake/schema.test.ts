import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import {
  aboutYouSchema,
  concernsSchema,
  consentSchema,
  draftSchema,
  historySchema,
  perinatalSchema,
  screeningSchemaFor,
  SKIP,
  stepDefaults,
  validateComplete,
  type DraftAnswers,
} from "@/lib/intake/schema";

const ADULTS_MESSAGE = /for adults \(18 and over\)/;
const today = () => DateTime.now().startOf("day");

const aboutYou = (overrides: Record<string, unknown> = {}) => ({
  legalName: "Jane Q. Doe",
  dateOfBirth: "1990-04-12",
  phone: "(555) 123-4567",
  state: "Virginia",
  emergencyName: "Sam Doe",
  emergencyRelationship: "Partner",
  emergencyPhone: "+1 555 010 4242",
  ...overrides,
});

const screening = (overrides: Record<string, unknown> = {}) => ({
  phq9: Array(9).fill(0),
  gad7: Array(7).fill(0),
  ...overrides,
});

const consent = (overrides: Record<string, unknown> = {}) => ({
  consentTherapy: true,
  consentTelehealth: true,
  privacyNotice: true,
  signature: "Jane Q. Doe",
  ...overrides,
});

const completeDraft = (overrides: DraftAnswers = {}): DraftAnswers => ({
  "about-you": aboutYou(),
  "pregnancy-and-postpartum": { situation: "postpartum", babyBirthDate: "2026-09-01" },
  "what-brings-you": { concerns: ["anxiety"] },
  history: {},
  screening: screening(),
  consent: consent(),
  ...overrides,
});

function messages(result: { success: boolean; error?: { issues: { message: string; path: PropertyKey[] }[] } }) {
  return (result.error?.issues ?? []).map((issue) => issue.message);
}

describe("about you", () => {
  test("minimal answers pass and optional text defaults to empty", () => {
    const result = aboutYouSchema.safeParse(aboutYou());
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ preferredName: "", pronouns: "", legalName: "Jane Q. Doe" });
  });

  test("someone who is 17 (18 tomorrow) is refused with the adults message", () => {
    const dob = today().minus({ years: 18 }).plus({ days: 1 }).toISODate();
    const result = aboutYouSchema.safeParse(aboutYou({ dateOfBirth: dob }));
    expect(result.success).toBe(false);
    expect(messages(result)).toEqual([expect.stringMatching(ADULTS_MESSAGE)]);
    expect(result.error?.issues[0]?.path).toEqual(["dateOfBirth"]);
  });

  test("someone who turns 18 today passes", () => {
    const dob = today().minus({ years: 18 }).toISODate();
    expect(aboutYouSchema.safeParse(aboutYou({ dateOfBirth: dob })).success).toBe(true);
  });

  test("a date of birth in the future is refused as such", () => {
    const dob = today().plus({ days: 2 }).toISODate();
    const result = aboutYouSchema.safeParse(aboutYou({ dateOfBirth: dob }));
    expect(result.success).toBe(false);
    expect(messages(result)[0]).toMatch(/in the future/);
  });

  test.each(["", "12/04/1990", "1990-02-30", "not a date"])("date of birth %j is refused", (dateOfBirth) => {
    const result = aboutYouSchema.safeParse(aboutYou({ dateOfBirth }));
    expect(result.success).toBe(false);
    expect(messages(result)[0]).toBe("Please enter your date of birth.");
  });

  test.each(["(555) 123-4567", "+1 555 010 4242", "555.123.4567", "5551234567"])("phone %j passes", (phone) => {
    expect(aboutYouSchema.safeParse(aboutYou({ phone, emergencyPhone: phone })).success).toBe(true);
  });

  test.each(["", "123", "call me maybe", "555-CALL-NOW", "-5551234567", "1".repeat(30)])("phone %j is refused", (phone) => {
    const result = aboutYouSchema.safeParse(aboutYou({ phone }));
    expect(result.success).toBe(false);
    expect(messages(result)).toEqual(["Please enter a phone number, like (555) 123-4567."]);
    const emergency = aboutYouSchema.safeParse(aboutYou({ emergencyPhone: phone }));
    expect(messages(emergency)).toEqual(["Please enter your emergency contact's phone number."]);
  });

  test.each(["", "Narnia", "virginia", "VA"])("state %j must be one from the list", (state) => {
    const result = aboutYouSchema.safeParse(aboutYou({ state }));
    expect(result.success).toBe(false);
    expect(messages(result)).toEqual(["Please choose the state where you live."]);
  });

  test("required names are refused when blank or only spaces", () => {
    expect(messages(aboutYouSchema.safeParse(aboutYou({ legalName: "   " })))).toEqual(["Please enter your full legal name."]);
    expect(aboutYouSchema.safeParse(aboutYou({ emergencyName: "" })).success).toBe(false);
    expect(aboutYouSchema.safeParse(aboutYou({ emergencyRelationship: "" })).success).toBe(false);
  });

  test("the empty defaults of the form do not pass", () => {
    expect(aboutYouSchema.safeParse(stepDefaults("about-you", { epdsEnabled: false })).success).toBe(false);
  });
});

describe("pregnancy and postpartum", () => {
  test("pregnant requires a due date", () => {
    const result = perinatalSchema.safeParse({ situation: "pregnant" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([["dueDate"]]);
    expect(perinatalSchema.safeParse({ situation: "pregnant", dueDate: "not-a-date" }).success).toBe(false);
    expect(perinatalSchema.safeParse({ situation: "pregnant", dueDate: "2027-03-01" }).success).toBe(true);
  });

  test("postpartum requires the baby's date of birth", () => {
    const result = perinatalSchema.safeParse({ situation: "postpartum", dueDate: "2027-03-01" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([["babyBirthDate"]]);
    expect(perinatalSchema.safeParse({ situation: "postpartum", babyBirthDate: "2026-10-01" }).success).toBe(true);
  });

  test("a situation is required and must be one of the options", () => {
    expect(perinatalSchema.safeParse({}).success).toBe(false);
    expect(perinatalSchema.safeParse({ situation: null }).success).toBe(false);
    expect(perinatalSchema.safeParse({ situation: "married" }).success).toBe(false);
  });

  test("blank optional radios (form defaults: null, or empty) become prefer-not-to-say", () => {
    const fromDefaults = perinatalSchema.safeParse({
      ...stepDefaults("pregnancy-and-postpartum", { epdsEnabled: false }),
      situation: "loss",
    });
    expect(fromDefaults.success).toBe(true);
    expect(fromDefaults.data).toMatchObject({ feeding: SKIP, sleep: SKIP, deployment: SKIP });

    const blank = perinatalSchema.safeParse({ situation: "loss", feeding: "", sleep: "", deployment: "" });
    expect(blank.data).toMatchObject({ feeding: SKIP, sleep: SKIP, deployment: SKIP });

    const answered = perinatalSchema.safeParse({ situation: "loss", feeding: "bottle", deployment: "current" });
    expect(answered.data).toMatchObject({ feeding: "bottle", sleep: SKIP, deployment: "current" });
  });

  test("an answer that is not an option is refused, not defaulted", () => {
    expect(perinatalSchema.safeParse({ situation: "loss", feeding: "sometimes" }).success).toBe(false);
    expect(perinatalSchema.safeParse({ situation: "loss", children: "two" }).success).toBe(false);
    expect(perinatalSchema.safeParse({ situation: "loss", children: "2" }).success).toBe(true);
  });
});

describe("what brings you", () => {
  test("needs at least one concern from the list", () => {
    expect(messages(concernsSchema.safeParse({ concerns: [] }))).toEqual(["Please choose at least one, or 'Something else'."]);
    expect(concernsSchema.safeParse({}).success).toBe(false);
    expect(concernsSchema.safeParse({ concerns: ["made-up"] }).success).toBe(false);
    const ok = concernsSchema.safeParse({ concerns: ["anxiety", "other"] });
    expect(ok.success).toBe(true);
    expect(ok.data).toEqual({ concerns: ["anxiety", "other"], concernsOther: "", whatBrings: "", goals: "" });
  });

  test("free text is bounded", () => {
    expect(concernsSchema.safeParse({ concerns: ["anxiety"], whatBrings: "x".repeat(4000) }).success).toBe(true);
    expect(messages(concernsSchema.safeParse({ concerns: ["anxiety"], whatBrings: "x".repeat(4001) }))[0]).toMatch(/under 4,000/);
  });
});

describe("history", () => {
  test("everything may be skipped, and skipped questions are recorded as prefer-not-to-say", () => {
    for (const input of [{}, stepDefaults("history", { epdsEnabled: false })]) {
      const result = historySchema.safeParse(input);
      expect(result.success).toBe(true);
      expect(result.data).toMatchObject({ previousCare: SKIP, hospitalizations: SKIP, substanceUse: SKIP, trauma: SKIP, medications: "" });
    }
  });

  test("answers are kept and invalid choices refused", () => {
    expect(historySchema.safeParse({ previousCare: "yes", previousCareDetails: "CBT in 2019" }).data).toMatchObject({
      previousCare: "yes",
      previousCareDetails: "CBT in 2019",
    });
    expect(historySchema.safeParse({ trauma: "maybe" }).success).toBe(false);
  });
});

describe("screening", () => {
  const disabled = screeningSchemaFor({ epdsEnabled: false });
  const enabled = screeningSchemaFor({ epdsEnabled: true });

  test("PHQ-9 with 9 answers and GAD-7 with 7 answers from 0 to 3 pass", () => {
    const result = disabled.safeParse(screening({ phq9: [0, 1, 2, 3, 0, 1, 2, 3, 0], gad7: [3, 2, 1, 0, 1, 2, 3] }));
    expect(result.success).toBe(true);
  });

  test.each([
    ["8 PHQ-9 answers", { phq9: Array(8).fill(0) }],
    ["10 PHQ-9 answers", { phq9: Array(10).fill(0) }],
    ["a PHQ-9 answer of 4", { phq9: [0, 0, 0, 0, 4, 0, 0, 0, 0] }],
    ["a PHQ-9 answer of 7", { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 7] }],
    ["a negative PHQ-9 answer", { phq9: [-1, 0, 0, 0, 0, 0, 0, 0, 0] }],
    ["a fractional PHQ-9 answer", { phq9: [0.5, 0, 0, 0, 0, 0, 0, 0, 0] }],
    ["a PHQ-9 answer given as a string", { phq9: ["3", 0, 0, 0, 0, 0, 0, 0, 0] }],
    ["an unanswered PHQ-9 item", { phq9: [null, 0, 0, 0, 0, 0, 0, 0, 0] }],
    ["6 GAD-7 answers", { gad7: Array(6).fill(0) }],
    ["8 GAD-7 answers", { gad7: Array(8).fill(0) }],
    ["a GAD-7 answer given as a string", { gad7: [0, 0, 0, "1", 0, 0, 0] }],
    ["no PHQ-9 at all", { phq9: undefined }],
    ["a difficulty of 4", { phq9Difficulty: 4 }],
    ["a difficulty given as a string", { phq9Difficulty: "2" }],
  ])("%s is refused", (_, overrides) => {
    expect(disabled.safeParse(screening(overrides)).success).toBe(false);
    expect(enabled.safeParse(screening({ epds: Array(10).fill(0), ...overrides })).success).toBe(false);
  });

  test("the difficulty question is optional; blank means unanswered", () => {
    expect(disabled.safeParse(screening({ phq9Difficulty: "" })).data?.phq9Difficulty).toBeUndefined();
    expect(disabled.safeParse(screening({ phq9Difficulty: null })).data?.phq9Difficulty).toBeUndefined();
    expect(disabled.safeParse(screening({ phq9Difficulty: 2 })).data?.phq9Difficulty).toBe(2);
  });

  test("the EPDS is required when enabled", () => {
    expect(enabled.safeParse(screening()).success).toBe(false);
    expect(enabled.safeParse(screening({ epds: Array(9).fill(0) })).success).toBe(false);
    expect(enabled.safeParse(screening({ epds: [...Array(9).fill(0), "3"] })).success).toBe(false);
    const ok = enabled.safeParse(screening({ epds: [0, 1, 2, 3, 0, 1, 2, 3, 0, 1] }));
    expect(ok.success).toBe(true);
    expect(ok.data).toHaveProperty("epds", [0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
  });

  test("the EPDS is dropped when disabled, whatever the browser sends", () => {
    for (const epds of [Array(10).fill(0), ["junk"], 42]) {
      const result = disabled.safeParse(screening({ epds }));
      expect(result.success).toBe(true);
      expect(result.data).not.toHaveProperty("epds");
    }
  });

  test("the form's empty defaults are not a complete screening", () => {
    expect(disabled.safeParse(stepDefaults("screening", { epdsEnabled: false })).success).toBe(false);
    expect(stepDefaults("screening", { epdsEnabled: true })).toHaveProperty("epds");
    expect(stepDefaults("screening", { epdsEnabled: false })).not.toHaveProperty("epds");
  });
});

describe("consent", () => {
  test("all three consents true and a signature pass; the contact permissions default to false", () => {
    const result = consentSchema.safeParse(consent());
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ voicemailOk: false, emailOk: false });
  });

  test.each(["consentTherapy", "consentTelehealth", "privacyNotice"])("%s must be true", (field) => {
    for (const value of [false, undefined, "true", 1, null]) {
      const result = consentSchema.safeParse(consent({ [field]: value }));
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual([field]);
    }
  });

  test("a blank signature is refused", () => {
    expect(messages(consentSchema.safeParse(consent({ signature: "  " })))).toEqual(["Please type your full name to sign."]);
  });

  test("the form's defaults are not consent", () => {
    expect(consentSchema.safeParse(stepDefaults("consent", { epdsEnabled: false })).success).toBe(false);
  });
});

describe("validateComplete", () => {
  test("a complete draft passes and returns parsed answers with defaults filled in", () => {
    const result = validateComplete(completeDraft(), { epdsEnabled: false });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answers.history.previousCare).toBe(SKIP);
    expect(result.answers["pregnancy-and-postpartum"].feeding).toBe(SKIP);
    expect(result.answers.screening).not.toHaveProperty("epds");
  });

  test("a signature that differs from the legal name is refused on the consent step", () => {
    const result = validateComplete(completeDraft({ consent: consent({ signature: "Jane Smith" }) }), { epdsEnabled: false });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([{ step: "consent", message: expect.stringMatching(/same full legal name/) }]);
  });

  test("the signature match ignores case and extra whitespace", () => {
    const result = validateComplete(completeDraft({ consent: consent({ signature: "  jane   q.  DOE " }) }), { epdsEnabled: false });
    expect(result.ok).toBe(true);
  });

  test("an empty draft names every step that needs answers (history may be skipped)", () => {
    const result = validateComplete({}, { epdsEnabled: false });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.step)).toEqual(["about-you", "pregnancy-and-postpartum", "what-brings-you", "screening", "consent"]);
    for (const issue of result.issues) expect(issue.message).not.toBe("");
  });

  test("each issue carries the step it belongs to", () => {
    const draft = completeDraft({
      "about-you": aboutYou({ state: "Narnia" }),
      screening: screening({ phq9: [0, 0, 0, 0, 0, 0, 0, 0, 7] }),
    });
    const result = validateComplete(draft, { epdsEnabled: false });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { step: "about-you", message: "Please choose the state where you live." },
      { step: "screening", message: expect.any(String) },
    ]);
  });

  test("the EPDS is required only when enabled", () => {
    const withoutEpds = completeDraft();
    const enabled = validateComplete(withoutEpds, { epdsEnabled: true });
    expect(enabled.ok).toBe(false);
    if (!enabled.ok) expect(enabled.issues.map((i) => i.step)).toEqual(["screening"]);
    const withEpds = validateComplete(completeDraft({ screening: screening({ epds: Array(10).fill(1) }) }), { epdsEnabled: true });
    expect(withEpds.ok).toBe(true);
    if (withEpds.ok) expect(withEpds.answers.screening.epds).toEqual(Array(10).fill(1));
  });

  test("unknown fields are not carried into the answers", () => {
    const result = validateComplete(completeDraft({ screening: screening({ score: 0, phq9Total: 0 }) }), { epdsEnabled: false });
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.keys(result.answers.screening).sort()).toEqual(["gad7", "phq9"]);
  });
});

describe("draftSchema", () => {
  const draft = (values: Record<string, unknown>, step = "about-you") => draftSchema.safeParse({ step, values });

  test("accepts anything typed so far, valid or not", () => {
    expect(
      draft({ legalName: "", dateOfBirth: "19", phone: null, concerns: ["anxiety", null], phq9: [0, null, 3], ok: true }).success,
    ).toBe(true);
  });

  test("bounds string length", () => {
    expect(draft({ whatBrings: "x".repeat(5000) }).success).toBe(true);
    expect(draft({ whatBrings: "x".repeat(5001) }).success).toBe(false);
    expect(draft({ concerns: ["x".repeat(201)] }).success).toBe(false);
  });

  test("bounds the number of fields and the length of their names", () => {
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, ""]));
    expect(draft(fields(40)).success).toBe(true);
    expect(draft(fields(41)).success).toBe(false);
    expect(draft({ ["k".repeat(41)]: "" }).success).toBe(false);
  });

  test("bounds arrays and refuses nested objects and non-finite numbers", () => {
    expect(draft({ phq9: Array(20).fill(0) }).success).toBe(true);
    expect(draft({ phq9: Array(21).fill(0) }).success).toBe(false);
    expect(draft({ nested: { a: 1 } }).success).toBe(false);
    expect(draft({ phq9: [[1]] }).success).toBe(false);
    expect(draft({ n: Infinity }).success).toBe(false);
    expect(draft({ n: NaN }).success).toBe(false);
  });

  test("refuses unknown steps", () => {
    expect(draft({}, "billing").success).toBe(false);
    expect(draft({}, "consent").success).toBe(true);
  });
});
