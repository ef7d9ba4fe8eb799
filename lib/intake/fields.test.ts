import { describe, expect, test } from "vitest";
import { stepValuesFromForm } from "@/lib/intake/fields";
import { stepDefaults } from "@/lib/intake/schema";

const OFF = { epdsEnabled: false };

describe("stepValuesFromForm: what a posted step saves", () => {
  test("text as typed, a radio's value or null, a checkbox group's list, a single checkbox as true or false", () => {
    expect(stepValuesFromForm("what-brings-you", { concerns: ["anxiety", "grief"], whatBrings: "  as typed  " }, OFF)).toEqual({
      concerns: ["anxiety", "grief"],
      concernsOther: "",
      whatBrings: "  as typed  ",
      goals: "",
    });
    expect(stepValuesFromForm("what-brings-you", { concerns: "anxiety" }, OFF).concerns).toEqual(["anxiety"]);
    expect(stepValuesFromForm("history", { previousCare: "yes" }, OFF)).toMatchObject({ previousCare: "yes", hospitalizations: null });
    expect(stepValuesFromForm("consent", { consentTherapy: "on", signature: "Jo" }, OFF)).toMatchObject({
      consentTherapy: true,
      consentTelehealth: false,
      signature: "Jo",
    });
  });

  test("only the step's own questions are taken: React's fields, the step name and anything made up are dropped", () => {
    const values = stepValuesFromForm(
      "about-you",
      { legalName: "Jo", step: "about-you", intent: "continue", $ACTION_1: "x", isAdmin: "1" },
      OFF,
    );
    expect(Object.keys(values).sort()).toEqual(Object.keys(stepDefaults("about-you", OFF)).sort());
  });

  test("questionnaire answers become option indexes by item, null when unanswered or not an option; the EPDS only when in use", () => {
    const form = { "phq9.0": "1", "phq9.8": "3", "gad7.6": "7", "epds.9": "0", phq9Difficulty: "2" };
    expect(stepValuesFromForm("screening", form, OFF)).toEqual({
      phq9: [1, null, null, null, null, null, null, null, 3],
      gad7: [null, null, null, null, null, null, null],
      phq9Difficulty: 2,
    });
    expect(stepValuesFromForm("screening", form, { epdsEnabled: true }).epds).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      null,
      0,
    ]);
  });
});
