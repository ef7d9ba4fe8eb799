/**
 * The intake questionnaire: one zod schema per step, shared by the form (react-hook-form)
 * and the server, plus the field descriptions the form renders. Answers are strings,
 * booleans and numbers only, so a draft round-trips through JSON unchanged.
 */
import { DateTime } from "luxon";
import { checkbox, ISO_DATE_PATTERN, PHONE_PATTERN, recordId } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";
import { epdsAnswersSchema, gad7AnswersSchema, isRiskItem, phq9AnswersSchema, phq9DifficultySchema } from "@/lib/intake/scoring";

// v2: the Notice of Privacy Practices became readable on the site (it was "available on request").
export const CONSENT_VERSION = "2026-12-v2";

export const US_STATES = [
  "Alabama",
  "Alaska",
  "Arizona",
  "Arkansas",
  "California",
  "Colorado",
  "Connecticut",
  "Delaware",
  "District of Columbia",
  "Florida",
  "Georgia",
  "Hawaii",
  "Idaho",
  "Illinois",
  "Indiana",
  "Iowa",
  "Kansas",
  "Kentucky",
  "Louisiana",
  "Maine",
  "Maryland",
  "Massachusetts",
  "Michigan",
  "Minnesota",
  "Mississippi",
  "Missouri",
  "Montana",
  "Nebraska",
  "Nevada",
  "New Hampshire",
  "New Jersey",
  "New Mexico",
  "New York",
  "North Carolina",
  "North Dakota",
  "Ohio",
  "Oklahoma",
  "Oregon",
  "Pennsylvania",
  "Rhode Island",
  "South Carolina",
  "South Dakota",
  "Tennessee",
  "Texas",
  "Utah",
  "Vermont",
  "Virginia",
  "Washington",
  "West Virginia",
  "Wisconsin",
  "Wyoming",
  "Puerto Rico",
  "Guam",
  "U.S. Virgin Islands",
  "Outside the U.S.",
] as const;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Please keep this under ${max.toLocaleString("en-US")} characters.`);
const requiredText = (message: string, max = 200) => text(max).min(1, message);
const optionalText = (max = 2000) => text(max).default("");
const phone = (message: string) => z.string().trim().regex(PHONE_PATTERN, message);
const isoDate = (message: string) => z.string().refine((v) => ISO_DATE_PATTERN.test(v) && DateTime.fromISO(v).isValid, message);
const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.enum(values, { message });
/** A question that may be left unanswered: an empty radio group means the default. */
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) =>
  z.preprocess(blankToUndefined, z.enum(values).default(fallback as never));

/** Years between a birth date and today, in whole years. */
function ageOn(dateOfBirth: string, today: DateTime = DateTime.now()): number {
  return Math.floor(today.diff(DateTime.fromISO(dateOfBirth), "years").years);
}

export const SKIP = "prefer-not-to-say";

export const aboutYouSchema = z.object({
  legalName: requiredText("Please enter your full legal name."),
  preferredName: optionalText(100),
  pronouns: optionalText(50),
  dateOfBirth: isoDate("Please enter your date of birth.")
    .refine((v) => DateTime.fromISO(v) < DateTime.now(), "Please check your date of birth: it is in the future.")
    .refine(
      (v) => ageOn(v) >= 18,
      "This questionnaire is for adults (18 and over). Please contact the practice and we will help you find the right support.",
    ),
  phone: phone("Please enter a phone number, like (555) 123-4567."),
  state: z.enum(US_STATES, { message: "Please choose the state where you live." }),
  emergencyName: requiredText("Please give an emergency contact's name."),
  emergencyRelationship: requiredText("Please tell us how you know your emergency contact.", 100),
  emergencyPhone: phone("Please enter your emergency contact's phone number."),
});

const SITUATIONS = ["pregnant", "postpartum", "loss", "trying-to-conceive", "other"] as const;
export const perinatalSchema = z
  .object({
    situation: choice(SITUATIONS, "Please choose the option that fits best."),
    dueDate: z.string().default(""),
    babyBirthDate: z.string().default(""),
    situationOther: optionalText(500),
    children: z
      .string()
      .trim()
      .regex(/^(\d{1,2})?$/, "Please enter a number, like 0 or 2.")
      .default(""),
    birthExperience: optionalText(4000),
    feeding: optionalChoice(["breastfeeding", "bottle", "combination", "not-applicable", SKIP], SKIP),
    sleep: optionalChoice(["mostly-ok", "some-trouble", "very-little", SKIP], SKIP),
    support: optionalText(2000),
    deployment: optionalChoice(["current", "upcoming", "past", "none", SKIP], SKIP),
  })
  .superRefine((v, ctx) => {
    const date = (value: string) => value && DateTime.fromISO(value).isValid;
    if (v.situation === "pregnant" && !date(v.dueDate))
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: "Please enter your due date (an estimate is fine)." });
    if (v.situation === "postpartum" && !date(v.babyBirthDate))
      ctx.addIssue({ code: "custom", path: ["babyBirthDate"], message: "Please enter your baby's date of birth." });
  });

export const CONCERNS = [
  ["low-mood", "Low mood or depression"],
  ["anxiety", "Anxiety or worry"],
  ["intrusive-thoughts", "Intrusive or unwanted thoughts"],
  ["birth-trauma", "A difficult or traumatic birth"],
  ["bonding", "Bonding with my baby"],
  ["grief", "Grief or loss"],
  ["relationship", "Strain in my relationship"],
  ["deployment", "Deployment or military family stress"],
  ["other", "Something else"],
] as const;
const concernValues = CONCERNS.map(([value]) => value) as unknown as readonly [string, ...string[]];

export const concernsSchema = z.object({
  concerns: z.array(z.enum(concernValues)).min(1, "Please choose at least one, or 'Something else'."),
  concernsOther: optionalText(500),
  whatBrings: optionalText(4000),
  goals: optionalText(4000),
});

// Every history question can be skipped: an unanswered one is recorded as "prefer not to say".
const yesNoSkip = () => optionalChoice(["yes", "no", SKIP], SKIP);
export const historySchema = z.object({
  previousCare: yesNoSkip(),
  previousCareDetails: optionalText(),
  diagnoses: optionalText(),
  hospitalizations: yesNoSkip(),
  hospitalizationDetails: optionalText(),
  medications: optionalText(),
  substanceUse: optionalChoice(["none", "some", "concerned", SKIP], SKIP),
  substanceDetails: optionalText(),
  trauma: yesNoSkip(),
  traumaDetails: optionalText(),
});

export const screeningSchema = z.object({
  phq9: phq9AnswersSchema,
  phq9Difficulty: z.preprocess(blankToUndefined, phq9DifficultySchema),
  gad7: gad7AnswersSchema,
  epds: epdsAnswersSchema.optional(),
});

/** EPDS answers are required only when the clinician has enabled the EPDS. */
export function screeningSchemaFor({ epdsEnabled }: { epdsEnabled: boolean }) {
  // Disabled: whatever the browser sends for the EPDS is dropped, never stored or scored.
  return epdsEnabled ? screeningSchema.extend({ epds: epdsAnswersSchema }) : screeningSchema.omit({ epds: true });
}

export const consentSchema = z.object({
  consentTherapy: z.literal(true, { message: "Please confirm that you consent to therapy." }),
  consentTelehealth: z.literal(true, { message: "Please confirm that you consent to telehealth sessions." }),
  privacyNotice: z.literal(true, { message: "Please confirm that you have read the Notice of Privacy Practices." }),
  voicemailOk: z.boolean().default(false),
  emailOk: z.boolean().default(false),
  signature: requiredText("Please type your full name to sign.", 200),
});

export const STEPS = [
  { slug: "about-you", title: "About you", schema: aboutYouSchema },
  { slug: "pregnancy-and-postpartum", title: "Pregnancy and postpartum", schema: perinatalSchema },
  { slug: "what-brings-you", title: "What brings you", schema: concernsSchema },
  { slug: "history", title: "History", schema: historySchema },
  { slug: "screening", title: "How you have been feeling", schema: screeningSchema },
  { slug: "consent", title: "Consent", schema: consentSchema },
  { slug: "review", title: "Review and submit", schema: null },
] as const;

export type StepSlug = (typeof STEPS)[number]["slug"];
export type AnsweredStepSlug = Exclude<StepSlug, "review">;

/** The schema a step's answers must pass to continue (the screening's depends on the EPDS setting). */
export function stepSchemaFor(step: AnsweredStepSlug, options: { epdsEnabled: boolean }): z.ZodType {
  if (step === "screening") return screeningSchemaFor(options);
  return STEPS.find((s) => s.slug === step)!.schema!;
}

export function stepIndex(slug: string): number {
  return STEPS.findIndex((step) => step.slug === slug);
}

export type IntakeAnswers = {
  "about-you": z.output<typeof aboutYouSchema>;
  "pregnancy-and-postpartum": z.output<typeof perinatalSchema>;
  "what-brings-you": z.output<typeof concernsSchema>;
  history: z.output<typeof historySchema>;
  screening: z.output<typeof screeningSchema>;
  consent: z.output<typeof consentSchema>;
};

/**
 * A draft holds whatever has been typed so far, valid or not, so nothing is lost. It is
 * only bounded in size and shape; full validation happens when a step is completed.
 */
const draftValue: z.ZodType<unknown> = z.union([
  z.string().max(5000),
  z.boolean(),
  z.number().finite(),
  z.null(),
  z.array(z.union([z.string().max(200), z.number().finite(), z.null()])).max(20),
]);
const draftStepSchema = z.record(z.string().max(40), draftValue).refine((v) => Object.keys(v).length <= 40, "Too many fields.");
export const draftSchema = z.object({
  step: z.enum(STEPS.map((s) => s.slug) as unknown as [StepSlug, ...StepSlug[]]),
  values: draftStepSchema,
});
export type DraftAnswers = Partial<Record<AnsweredStepSlug, Record<string, unknown>>>;

/** The most answers one request may carry: a page that was offline a while sends what it queued. */
export const MAX_RISK_ANSWERS_PER_REQUEST = 50;

/**
 * What the step form sends the moment a risk item is answered (and again as the page closes):
 * which intake, and each answer with the browser's id for it and when it was chosen.
 */
export const riskAnswersRequestSchema = z.object({
  intakeId: recordId,
  source: z.enum(["answer", "page-hide"]).default("answer"),
  answers: z
    .array(
      z
        .object({
          key: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
          measure: z.enum(["phq9", "gad7", "epds"]),
          item: z.number().int().min(1).max(10),
          answer: z.number().int().min(0).max(3),
          /** Milliseconds since 1970, by the browser's clock. */
          answeredAt: z.number().int().min(0).max(8.64e15),
        })
        .refine((a) => isRiskItem(a.measure, a.item), "That question is not a risk item."),
    )
    .min(1)
    .max(MAX_RISK_ANSWERS_PER_REQUEST),
});
export type RiskAnswersRequest = z.output<typeof riskAnswersRequestSchema>;

/** Validates every step of a complete intake; the signature must match the legal name. */
export function validateComplete(draft: DraftAnswers, options: { epdsEnabled: boolean }) {
  const issues: { step: AnsweredStepSlug; message: string }[] = [];
  const parse = <S extends z.ZodType>(step: AnsweredStepSlug, schema: S): z.output<S> | undefined => {
    const result = schema.safeParse(draft[step] ?? {});
    if (!result.success) issues.push({ step, message: result.error.issues[0]?.message ?? "Please check this step." });
    return result.success ? result.data : undefined;
  };
  const answers = {
    "about-you": parse("about-you", aboutYouSchema),
    "pregnancy-and-postpartum": parse("pregnancy-and-postpartum", perinatalSchema),
    "what-brings-you": parse("what-brings-you", concernsSchema),
    history: parse("history", historySchema),
    screening: parse("screening", screeningSchemaFor(options)),
    consent: parse("consent", consentSchema),
  };
  const legal = answers["about-you"]?.legalName;
  const signed = answers.consent?.signature;
  if (legal && signed && normalizeName(legal) !== normalizeName(signed)) {
    issues.push({ step: "consent", message: "Please sign with the same full legal name you gave in 'About you'." });
  }
  return issues.length ? { ok: false as const, issues } : { ok: true as const, answers: answers as IntakeAnswers };
}

function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Empty answers for a step, so every input starts controlled and a draft fills them in. */
export function stepDefaults(step: AnsweredStepSlug, { epdsEnabled }: { epdsEnabled: boolean }): Record<string, unknown> {
  switch (step) {
    case "about-you":
      return {
        legalName: "",
        preferredName: "",
        pronouns: "",
        dateOfBirth: "",
        phone: "",
        state: "",
        emergencyName: "",
        emergencyRelationship: "",
        emergencyPhone: "",
      };
    case "pregnancy-and-postpartum":
      return {
        situation: null,
        dueDate: "",
        babyBirthDate: "",
        situationOther: "",
        children: "",
        birthExperience: "",
        feeding: null,
        sleep: null,
        support: "",
        deployment: null,
      };
    case "what-brings-you":
      return { concerns: [], concernsOther: "", whatBrings: "", goals: "" };
    case "history":
      return {
        previousCare: null,
        previousCareDetails: "",
        diagnoses: "",
        hospitalizations: null,
        hospitalizationDetails: "",
        medications: "",
        substanceUse: null,
        substanceDetails: "",
        trauma: null,
        traumaDetails: "",
      };
    case "screening":
      return {
        phq9: Array(9).fill(null),
        phq9Difficulty: null,
        gad7: Array(7).fill(null),
        ...(epdsEnabled ? { epds: Array(10).fill(null) } : {}),
      };
    case "consent":
      return { consentTherapy: false, consentTelehealth: false, privacyNotice: false, voicemailOk: false, emailOk: false, signature: "" };
  }
}

// ---------------------------------------------------------------------------------------
// The clinician's forms: the EPDS setting, the review note, the urgent follow-up note

export const epdsSchema = z
  .object({ enabled: checkbox, confirmPermission: checkbox, sensitiveCutoff: checkbox })
  .refine((v) => !v.enabled || v.confirmPermission, {
    path: ["confirmPermission"],
    error:
      "The EPDS can only be turned on once you confirm that you hold written permission from the Royal College of Psychiatrists to use it online.",
  });
export type EpdsChoice = z.output<typeof epdsSchema>;

export const REVIEW_NOTE_MAX = 5000;
export const FOLLOW_UP_NOTE_MAX = 2000;

export const reviewNoteSchema = z.object({
  intakeId: recordId,
  note: z.string().trim().max(REVIEW_NOTE_MAX, "Please keep the note under 5,000 characters.").default(""),
});

export const followUpNoteSchema = z.object({
  intakeId: recordId,
  note: z.string().trim().max(FOLLOW_UP_NOTE_MAX, "Please keep the note under 2,000 characters.").default(""),
});

/** Sharing one of her notes with the client (her copy of her records then shows it), or taking it back. */
export const noteReleaseSchema = z.object({
  intakeId: recordId,
  note: z.enum(["review", "follow-up"], { message: "Choose which note to share." }),
  intent: z.enum(["share", "withdraw"], { message: "Choose whether to share the note or stop sharing it." }),
});
export type NoteRelease = z.output<typeof noteReleaseSchema>;
