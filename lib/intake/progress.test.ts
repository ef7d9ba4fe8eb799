import { describe, expect, test } from "vitest";
import { completedSteps, resumeStep } from "@/lib/intake/progress";
import type { DraftAnswers } from "@/lib/intake/schema";

const OFF = { epdsEnabled: false };

const STEP1 = {
  legalName: "Jane Q. Doe",
  dateOfBirth: "1990-04-12",
  phone: "(555) 123-4567",
  state: "Virginia",
  emergencyName: "Sam Doe",
  emergencyRelationship: "Partner",
  emergencyPhone: "+1 555 010 4242",
};
const FIRST_THREE: DraftAnswers = {
  "about-you": STEP1,
  "pregnancy-and-postpartum": { situation: "trying-to-conceive" },
  "what-brings-you": { concerns: ["anxiety"] },
};
const SCREENING = { phq9: Array(9).fill(0), gad7: Array(7).fill(0) };
const CONSENT = { consentTherapy: true, consentTelehealth: true, privacyNotice: true, signature: "Jane Q. Doe" };

describe("completedSteps", () => {
  // Found: History asks nothing required, so it counted as done before she ever opened it.
  test("an optional step is done only once it has been saved (visited)", () => {
    expect(completedSteps(FIRST_THREE, OFF)).toEqual(new Set(["about-you", "pregnancy-and-postpartum", "what-brings-you"]));
    expect(completedSteps({ ...FIRST_THREE, history: {} }, OFF).has("history")).toBe(true);
  });

  test("a visited step with a required question unanswered is not done; the screening needs the EPDS once it is in use", () => {
    expect(completedSteps({ "about-you": { ...STEP1, phone: "" } }, OFF).size).toBe(0);
    expect(completedSteps({ screening: SCREENING }, OFF).has("screening")).toBe(true);
    expect(completedSteps({ screening: SCREENING }, { epdsEnabled: true }).has("screening")).toBe(false);
  });
});

describe("resumeStep", () => {
  test("a new intake starts at the beginning", () => {
    expect(resumeStep({}, OFF, null)).toBe("about-you");
  });

  // Found: resuming jumped past the step she was on (History, to the screening).
  test("at the optional step she left, not past it", () => {
    expect(resumeStep(FIRST_THREE, OFF, "history")).toBe("history");
  });

  test("at the step she left when she went back to an earlier one", () => {
    expect(resumeStep({ ...FIRST_THREE, history: {}, screening: SCREENING }, OFF, "about-you")).toBe("about-you");
  });

  test("at an earlier step that still has a required question unanswered, rather than further on", () => {
    const draft = { ...FIRST_THREE, "pregnancy-and-postpartum": { situation: "pregnant", dueDate: "" }, history: {} };
    expect(resumeStep(draft, OFF, "screening")).toBe("pregnancy-and-postpartum");
  });

  test("at the review once she got there, unless a step has become incomplete since (the EPDS turned on)", () => {
    const all = { ...FIRST_THREE, history: {}, screening: SCREENING, consent: CONSENT };
    expect(resumeStep(all, OFF, "review")).toBe("review");
    expect(resumeStep(all, { epdsEnabled: true }, "review")).toBe("screening");
  });

  test("without a record of where she was, at the first step not done, an unvisited optional one included", () => {
    expect(resumeStep(FIRST_THREE, OFF, null)).toBe("history");
    expect(resumeStep(FIRST_THREE, OFF, "no-such-step")).toBe("history");
    expect(resumeStep({ ...FIRST_THREE, history: {}, screening: SCREENING, consent: CONSENT }, OFF, null)).toBe("review");
  });
});
