/**
 * What each plain step of the questionnaire asks, for the form to render. Validation lives
 * in ./schema.ts; these are labels, hints and choices only.
 */
import { EPDS, GAD7, PHQ9 } from "@/lib/intake/instruments";
import { CONCERNS, SKIP, US_STATES, type AnsweredStepSlug } from "@/lib/intake/schema";
import type { FormValues } from "@/lib/platform/action";

export type Option = { value: string; label: string };

export type FieldDef =
  | {
      kind: "text" | "tel" | "date";
      name: string;
      label: string;
      hint?: string;
      optional?: boolean;
      autoComplete?: string;
      showIf?: { field: string; equals: string[] };
    }
  | {
      kind: "textarea";
      name: string;
      label: string;
      hint?: string;
      optional?: boolean;
      sensitive?: boolean;
      showIf?: { field: string; equals: string[] };
    }
  | { kind: "select"; name: string; label: string; hint?: string; options: Option[]; optional?: boolean }
  | { kind: "radio"; name: string; label: string; hint?: string; options: Option[]; optional?: boolean; sensitive?: boolean }
  | { kind: "checkboxes"; name: string; label: string; hint?: string; options: Option[] }
  | { kind: "checkbox"; name: string; label: string; hint?: string };

const SKIP_OPTION: Option = { value: SKIP, label: "Prefer not to say" };
const SENSITIVE_HINT = "You can skip this question. Share only what feels comfortable; we can talk about it together.";
const yesNoSkip: Option[] = [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }, SKIP_OPTION];

export const STEP_FIELDS: Record<string, FieldDef[]> = {
  "about-you": [
    { kind: "text", name: "legalName", label: "Full legal name", autoComplete: "name" },
    { kind: "text", name: "preferredName", label: "Name you would like us to use", optional: true, autoComplete: "nickname" },
    { kind: "text", name: "pronouns", label: "Pronouns", optional: true, hint: "For example she/her, they/them." },
    { kind: "date", name: "dateOfBirth", label: "Date of birth", autoComplete: "bday" },
    { kind: "tel", name: "phone", label: "Phone", autoComplete: "tel" },
    {
      kind: "select",
      name: "state",
      label: "State where you live",
      hint: "Therapy can only be offered where the clinician is licensed.",
      options: US_STATES.map((s) => ({ value: s, label: s })),
    },
    { kind: "text", name: "emergencyName", label: "Emergency contact: name" },
    {
      kind: "text",
      name: "emergencyRelationship",
      label: "Emergency contact: relationship to you",
      hint: "For example partner, sister, friend.",
    },
    { kind: "tel", name: "emergencyPhone", label: "Emergency contact: phone" },
  ],
  "pregnancy-and-postpartum": [
    {
      kind: "radio",
      name: "situation",
      label: "Which best describes where you are now?",
      options: [
        { value: "pregnant", label: "Pregnant" },
        { value: "postpartum", label: "Postpartum (I have had a baby)" },
        { value: "loss", label: "I have experienced a pregnancy or infant loss" },
        { value: "trying-to-conceive", label: "Trying to conceive" },
        { value: "other", label: "Something else" },
      ],
    },
    {
      kind: "date",
      name: "dueDate",
      label: "Due date",
      hint: "An estimate is fine.",
      showIf: { field: "situation", equals: ["pregnant"] },
    },
    { kind: "date", name: "babyBirthDate", label: "Baby's date of birth", showIf: { field: "situation", equals: ["postpartum"] } },
    {
      kind: "textarea",
      name: "situationOther",
      label: "Tell us a little more",
      optional: true,
      showIf: { field: "situation", equals: ["other", "loss"] },
    },
    { kind: "text", name: "children", label: "How many children do you have?", optional: true, hint: "A number, for example 0 or 2." },
    {
      kind: "textarea",
      name: "birthExperience",
      label: "Your birth experience",
      optional: true,
      sensitive: true,
      hint: "If you have given birth, anything you would like us to know.",
    },
    {
      kind: "radio",
      name: "feeding",
      label: "Feeding",
      options: [
        { value: "breastfeeding", label: "Breast or chest feeding" },
        { value: "bottle", label: "Bottle feeding" },
        { value: "combination", label: "A combination" },
        { value: "not-applicable", label: "Not applicable" },
        SKIP_OPTION,
      ],
    },
    {
      kind: "radio",
      name: "sleep",
      label: "How has your sleep been?",
      options: [
        { value: "mostly-ok", label: "Mostly OK" },
        { value: "some-trouble", label: "Some trouble" },
        { value: "very-little", label: "Very little sleep" },
        SKIP_OPTION,
      ],
    },
    { kind: "textarea", name: "support", label: "Who supports you at home?", optional: true },
    {
      kind: "radio",
      name: "deployment",
      label: "Is anyone in your family in the military and deployed?",
      options: [
        { value: "current", label: "Yes, deployed now" },
        { value: "upcoming", label: "A deployment is coming up" },
        { value: "past", label: "In the past" },
        { value: "none", label: "No" },
        SKIP_OPTION,
      ],
    },
  ],
  "what-brings-you": [
    {
      kind: "checkboxes",
      name: "concerns",
      label: "What would you like help with? Choose all that apply.",
      options: CONCERNS.map(([value, label]) => ({ value, label })),
    },
    { kind: "text", name: "concernsOther", label: "Something else", optional: true },
    { kind: "textarea", name: "whatBrings", label: "In your own words, what brings you to therapy now?", optional: true },
    { kind: "textarea", name: "goals", label: "What would you like to be different?", optional: true },
  ],
  history: [
    { kind: "radio", name: "previousCare", label: "Have you had mental-health care before?", options: yesNoSkip, sensitive: true },
    {
      kind: "textarea",
      name: "previousCareDetails",
      label: "Details (when, with whom, what helped)",
      optional: true,
      sensitive: true,
      showIf: { field: "previousCare", equals: ["yes"] },
    },
    { kind: "textarea", name: "diagnoses", label: "Any mental-health diagnoses", optional: true, sensitive: true },
    {
      kind: "radio",
      name: "hospitalizations",
      label: "Have you ever been hospitalized for mental health?",
      options: yesNoSkip,
      sensitive: true,
    },
    {
      kind: "textarea",
      name: "hospitalizationDetails",
      label: "Details",
      optional: true,
      sensitive: true,
      showIf: { field: "hospitalizations", equals: ["yes"] },
    },
    { kind: "textarea", name: "medications", label: "Current medications (including supplements)", optional: true, sensitive: true },
    {
      kind: "radio",
      name: "substanceUse",
      label: "Alcohol or drug use",
      sensitive: true,
      options: [
        { value: "none", label: "None" },
        { value: "some", label: "Some, not a concern" },
        { value: "concerned", label: "I am concerned about it" },
        SKIP_OPTION,
      ],
    },
    {
      kind: "textarea",
      name: "substanceDetails",
      label: "Details",
      optional: true,
      sensitive: true,
      showIf: { field: "substanceUse", equals: ["some", "concerned"] },
    },
    {
      kind: "radio",
      name: "trauma",
      label: "Have you experienced trauma you would like us to know about?",
      options: yesNoSkip,
      sensitive: true,
    },
    {
      kind: "textarea",
      name: "traumaDetails",
      label: "Details (only what you want to share)",
      optional: true,
      sensitive: true,
      showIf: { field: "trauma", equals: ["yes"] },
    },
  ],
  consent: [
    {
      kind: "checkbox",
      name: "consentTherapy",
      label: "I consent to psychotherapy with this practice, and I understand I can stop at any time.",
    },
    {
      kind: "checkbox",
      name: "consentTelehealth",
      label: "I consent to sessions by secure video (telehealth) and understand its benefits and limits.",
    },
    { kind: "checkbox", name: "privacyNotice", label: "I have read the Notice of Privacy Practices." },
    { kind: "checkbox", name: "voicemailOk", label: "You may leave voicemail messages at my phone number." },
    { kind: "checkbox", name: "emailOk", label: "You may contact me by email about scheduling." },
    { kind: "text", name: "signature", label: "Type your full legal name to sign", autoComplete: "name" },
  ],
};

export { SENSITIVE_HINT };

/** An answer as she reads it: the chosen option's label, "Yes"/"No", or "Not answered". */
export function answerLabel(value: unknown, options?: readonly Option[]): string {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return "Not answered";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const label = (v: unknown) => options?.find((o) => o.value === v)?.label ?? String(v);
  return Array.isArray(value) ? value.map(label).join(", ") : label(value);
}

/** The input name of a questionnaire item: "phq9.8" is PHQ-9 item 9 (react-hook-form's path into the `phq9` list). */
export const itemFieldName = (measure: string, index: number) => `${measure}.${index}`;

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

function answerIndex(value: string | string[] | undefined): number | null {
  const raw = first(value);
  if (raw === undefined || raw.trim() === "") return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 3 ? n : null;
}

/**
 * A step's answers as the form posted them (a FormData's fields) in the shape the draft and
 * the schemas use: text as typed, a radio's value or null, a checkbox group's list, a single
 * checkbox as true/false, a questionnaire's answers as a list of option indexes (null when
 * unanswered). Only the step's own questions are taken. The same for a plain POST without
 * JavaScript and for the autosave, so both save exactly the same thing.
 */
export function stepValuesFromForm(step: AnsweredStepSlug, form: FormValues, { epdsEnabled }: { epdsEnabled: boolean }) {
  const values: Record<string, unknown> = {};
  if (step === "screening") {
    for (const instrument of epdsEnabled ? [PHQ9, GAD7, EPDS] : [PHQ9, GAD7]) {
      values[instrument.id] = instrument.items.map((_, index) => answerIndex(form[itemFieldName(instrument.id, index)]));
    }
    values.phq9Difficulty = answerIndex(form.phq9Difficulty);
    return values;
  }
  for (const field of STEP_FIELDS[step] ?? []) {
    const raw = form[field.name];
    switch (field.kind) {
      case "checkbox":
        values[field.name] = first(raw) === "on" || first(raw) === "true";
        break;
      case "checkboxes":
        values[field.name] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
        break;
      case "radio":
        values[field.name] = first(raw) || null;
        break;
      default:
        values[field.name] = first(raw) ?? "";
    }
  }
  return values;
}
