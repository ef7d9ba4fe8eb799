/**
 * Property-based fuzzing of every form schema: whatever arrives (any JS value, or a valid
 * form with one field swapped for something hostile), safeParse never throws, and a refusal
 * always carries at least one human message that is not a stack trace. Valid examples are
 * checked too, so a schema that refuses everything cannot pass.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { z } from "zod";
import { emailSignInSchema, clinicianSignInSchema, setupSchema } from "@/lib/auth/schema";
import { bookingRequestSchema, slotChoiceSchema } from "@/lib/booking/schema";
import { bookingRulesSchema } from "@/lib/booking/slots";
import { articleFormSchema, articleSchema } from "@/lib/articles/schema";
import { availabilitySchema, DEFAULT_BOOKING_SETTINGS } from "@/lib/booking/rules";

import { fieldErrorsFrom } from "@/lib/platform/validation";
import { photoFormSchema, profileSchema } from "@/lib/practice/schema";
import {
  aboutYouSchema,
  concernsSchema,
  consentSchema,
  draftSchema,
  epdsSchema,
  followUpNoteSchema,
  historySchema,
  perinatalSchema,
  reviewNoteSchema,
  screeningSchema,
  screeningSchemaFor,
  validateComplete,
  type DraftAnswers,
} from "@/lib/intake/schema";
import { PLACEHOLDER_SETTINGS } from "@/lib/practice/defaults";

const RUNS = 150;

// ---------------------------------------------------------------------------------------
// Hostile values

/** Long runs of one character: a plain letter, NUL, a combining accent, an emoji, a space. */
const hugeString = fc
  .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom("a", "\u0000", "e\u0301", "😀", " ", "\u202e", "<script>"))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)).slice(0, n));
const controlString = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 40 });
/** Any code points, lone surrogates included. */
const binaryString = fc.string({ unit: "binary", maxLength: 80 });
const trickyString = fc.constantFrom(
  "",
  " ",
  "\t\n\r",
  "\u0000",
  "\uFEFF",
  "\uD800",
  "__proto__",
  "constructor",
  "toString",
  "null",
  "undefined",
  "NaN",
  "true",
  "[object Object]",
  "1e309",
  "-0",
  "2030-02-30",
  "2030-01-08T14:00:00",
  "9999-12-31T23:59:59.999Z",
  "0000-00-00T00:00:00Z",
  "Etc/../../etc/passwd",
  '\'; DROP TABLE "Booking"; --',
  "{{7*7}}",
  "%00%0d%0a",
);

/** Objects whose keys try prototype pollution, built as JSON.parse (and React) would build them. */
const pollutingObject = fc
  .constantFrom(
    () => JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
    () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
    () => JSON.parse('{"__proto__": [1, 2, 3], "prototype": {"polluted": "yes"}}') as unknown,
    () => Object.create(null) as unknown,
  )
  .map((make) => make());

const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 0, -0, 1, -1, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 2, 1e308, 5e-324),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.string(),
  controlString,
  binaryString,
  trickyString,
  hugeString,
  fc.date({ noInvalidDate: false }),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 30 }),
  fc.array(fc.integer({ min: -5, max: 10 }), { maxLength: 30 }),
  fc.object({ maxDepth: 2 }),
  pollutingObject,
  fc.constant(new Map([["a", 1]])),
  fc.constant(new Set([1])),
  fc.constant(new Uint8Array([1, 2, 3])),
);

const anyInput = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
    withObjectString: true,
    stringUnit: "binary",
  }),
  badValue,
);

// ---------------------------------------------------------------------------------------
// What a refusal must look like

/** Fragments of a stack trace or a raw exception. An echo of the caller's own input is not a leak. */
const STACK_FRAGMENTS = [/(^|\n)\s*at\s/, /\bat \S+ \(/, /\.tsx?:\d*/, /\.m?js:\d+/, /\bError:/, /node_modules/];

function inputText(input: unknown): string {
  const seen = new WeakSet<object>();
  const parts: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (depth > 6) return;
    if (typeof value === "string") parts.push(value);
    else if (value && typeof value === "object") {
      if (seen.has(value)) return;
      seen.add(value);
      for (const key of Reflect.ownKeys(value)) {
        if (typeof key === "string") parts.push(key);
        try {
          walk((value as Record<PropertyKey, unknown>)[key], depth + 1);
        } catch {
          // a getter that throws is not our concern here
        }
      }
      if (value instanceof Map) {
        for (const [k, v] of value) {
          walk(k, depth + 1);
          walk(v, depth + 1);
        }
      }
      if (value instanceof Set) for (const v of value) walk(v, depth + 1);
    }
  };
  walk(input, 0);
  return parts.join("\n");
}

function expectHumanMessage(message: unknown, input: unknown) {
  expect(typeof message).toBe("string");
  const text = message as string;
  expect(text.trim().length, "an empty error message").toBeGreaterThan(0);
  for (const fragment of STACK_FRAGMENTS) {
    if (fragment.test(text)) {
      // Allowed only when the message quotes what was typed.
      expect(fragment.test(inputText(input)), `stack-like message: ${text.slice(0, 300)}`).toBe(true);
    }
  }
}

function checkParse(schema: z.ZodType, input: unknown): boolean {
  let result: ReturnType<z.ZodType["safeParse"]>;
  try {
    result = schema.safeParse(input);
  } catch (error) {
    throw new Error(`safeParse threw ${(error as Error)?.name}: ${(error as Error)?.message}`.slice(0, 500));
  }
  if (result.success) return true;
  expect(result.error.issues.length, "a refusal without any issue").toBeGreaterThan(0);
  for (const issue of result.error.issues) expectHumanMessage(issue.message, input);
  // What the route handler and the actions do with a refusal must not throw either.
  expect(() => result.error!.flatten()).not.toThrow();
  expect(() => fieldErrorsFrom(result.error!)).not.toThrow();
  return false;
}

function expectNoPollution() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
}

// ---------------------------------------------------------------------------------------
// The schemas, each with valid examples

const validBooking = {
  slotStart: "2030-01-08T14:00:00.000Z",
  firstName: "Jo",
  email: "jo@example.test",
  phone: "(555) 123-4567",
  contactMethod: "TEXT",
  note: "Hello",
  consent: true,
  timeZone: "America/Chicago",
  website: "",
};
const validAboutYou = {
  legalName: "Jo Example",
  preferredName: "Jo",
  pronouns: "she/her",
  dateOfBirth: "1992-05-17",
  phone: "(555) 123-4567",
  state: "Virginia",
  emergencyName: "Sam Example",
  emergencyRelationship: "Sister",
  emergencyPhone: "+1 555 010 4242",
};
const validPerinatal = { situation: "postpartum", babyBirthDate: "2025-11-02", birthExperience: "Long", feeding: null };
const validConcerns = { concerns: ["anxiety", "intrusive-thoughts"], whatBrings: "Worry", goals: "Sleep" };
const validHistory = { diagnoses: "None", medications: "", trauma: "no", previousCare: "" };
const validScreening = { phq9: [1, 2, 3, 0, 1, 2, 0, 1, 0], phq9Difficulty: 1, gad7: [3, 3, 2, 1, 0, 0, 1] };
const validConsent = {
  consentTherapy: true,
  consentTelehealth: true,
  privacyNotice: true,
  voicemailOk: true,
  emailOk: false,
  signature: "Jo Example",
};
const validRules = { ...DEFAULT_BOOKING_SETTINGS, windows: [...DEFAULT_BOOKING_SETTINGS.windows], daysOff: ["2030-01-15"] };
const validBookingRules: Record<string, unknown> = { ...validRules };
delete validBookingRules.cancelCutoffMinutes;

type Case = { name: string; schema: z.ZodType; valid: Record<string, unknown>[]; invalid: unknown[] };

const CASES: Case[] = [
  {
    name: "booking request",
    schema: bookingRequestSchema,
    valid: [validBooking, { ...validBooking, contactMethod: "EMAIL", phone: "" }],
    invalid: [{ ...validBooking, consent: false }],
  },
  {
    name: "reschedule slot choice",
    schema: slotChoiceSchema,
    valid: [{ bookingId: "abc", slotStart: "2030-01-08T14:00:00Z" }],
    invalid: [{ bookingId: "", slotStart: "x" }],
  },
  { name: "email sign-in", schema: emailSignInSchema, valid: [{ email: " Jo@Example.test " }], invalid: [{ email: "not-an-email" }] },
  {
    name: "clinician sign-in",
    schema: clinicianSignInSchema,
    valid: [{ email: "dr@practice.test", password: "correct horse battery", code: "123456" }],
    invalid: [{ email: "dr@practice.test", password: "", code: "123456" }],
  },
  { name: "intake: about you", schema: aboutYouSchema, valid: [validAboutYou], invalid: [{ ...validAboutYou, dateOfBirth: "2999-01-01" }] },
  {
    name: "intake: pregnancy and postpartum",
    schema: perinatalSchema,
    valid: [validPerinatal, { situation: "pregnant", dueDate: "2030-03-01" }],
    invalid: [{ situation: "pregnant" }],
  },
  { name: "intake: what brings you", schema: concernsSchema, valid: [validConcerns], invalid: [{ concerns: [] }] },
  { name: "intake: history", schema: historySchema, valid: [validHistory, {}], invalid: [{ trauma: "maybe" }] },
  { name: "intake: screening", schema: screeningSchema, valid: [validScreening], invalid: [{ ...validScreening, phq9: [1, 2] }] },
  {
    name: "intake: screening with the EPDS",
    schema: screeningSchemaFor({ epdsEnabled: true }),
    valid: [{ ...validScreening, epds: [0, 1, 2, 3, 0, 1, 2, 3, 0, 0] }],
    invalid: [validScreening],
  },
  { name: "intake: consent", schema: consentSchema, valid: [validConsent], invalid: [{ ...validConsent, consentTherapy: false }] },
  {
    name: "intake draft",
    schema: draftSchema,
    valid: [
      { step: "about-you", values: { legalName: "Jo", phone: 5, ok: true, list: ["a", 1, null] } },
      { step: "screening", values: {} },
    ],
    invalid: [
      { step: "nowhere", values: {} },
      { step: "history", values: { nested: { a: 1 } } },
    ],
  },
  {
    name: "article",
    schema: articleSchema,
    valid: [
      { title: "Sleep", slug: "sleep-after-birth", summary: "Why sleep matters.", body: "## Rest\n\nYes.", tags: "Postpartum, Sleep" },
    ],
    invalid: [{ title: "Sleep", slug: "Sleep After Birth", summary: "x", body: "y", tags: "" }],
  },
  { name: "booking rules", schema: bookingRulesSchema, valid: [validBookingRules], invalid: [{ ...validBookingRules, slotMinutes: 0 }] },
  { name: "availability", schema: availabilitySchema, valid: [validRules], invalid: [{ ...validRules, cancelCutoffMinutes: -1 }] },
  {
    name: "practice profile",
    schema: profileSchema,
    valid: [
      { ...PLACEHOLDER_SETTINGS, telehealthStates: "[State]" },
      { ...PLACEHOLDER_SETTINGS, telehealthStates: "Virginia, Texas" },
    ],
    invalid: [{ ...PLACEHOLDER_SETTINGS, bio: "" }],
  },
  {
    name: "EPDS setting",
    schema: epdsSchema,
    valid: [{}, { enabled: "on", confirmPermission: "on" }, { enabled: true, confirmPermission: true }],
    invalid: [{ enabled: "on" }],
  },
  {
    name: "article editor form",
    schema: articleFormSchema,
    valid: [
      { intent: "save", title: "Sleep", slug: "sleep", summary: "Why.", body: "Yes.", tags: "" },
      { intent: "unpublish", id: "a1" },
    ],
    invalid: [{ intent: "unpublish" }, { intent: "save", id: "a1" }],
  },
  { name: "review note", schema: reviewNoteSchema, valid: [{ intakeId: "i1", note: "Call back." }], invalid: [{ intakeId: "", note: "" }] },
  {
    name: "follow-up note",
    schema: followUpNoteSchema,
    valid: [{ intakeId: "i1" }],
    invalid: [{ intakeId: "i1", note: "x".repeat(2001) }],
  },
  {
    name: "clinician setup",
    schema: setupSchema,
    valid: [{ token: "t", password: "a long enough passphrase", confirm: "a long enough passphrase", code: "123456" }],
    invalid: [{ token: "t", password: "a long enough passphrase", confirm: "another passphrase", code: "123456" }],
  },
  {
    name: "photo form",
    schema: photoFormSchema,
    valid: [{ intent: "remove" }, { intent: "upload", photo: new File([new Uint8Array(10)], "me.png") }],
    invalid: [{ intent: "upload", photo: new File([], "empty.png") }, { intent: "upload" }],
  },
];

/** A valid example with one field (or an extra, prototype-polluting key) replaced by a hostile value. */
function mutated(example: Record<string, unknown>) {
  const keys = [...Object.keys(example), "__proto__", "constructor", "prototype", "hasOwnProperty"];
  return fc.tuple(fc.constantFrom(...keys), badValue, fc.boolean()).map(([key, value, remove]) => {
    const copy: Record<string, unknown> = { ...example };
    if (remove && key in example) delete copy[key];
    // defineProperty: an own "__proto__" key, as JSON.parse would produce, not a prototype change.
    else Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
    return { key, value, removed: remove && key in example, input: copy };
  });
}

describe.each(CASES)("$name schema", ({ schema, valid, invalid }) => {
  test("valid examples pass and known-bad ones are refused", () => {
    for (const example of valid) expect(schema.safeParse(example).error?.issues ?? []).toEqual([]);
    for (const example of invalid) expect(checkParse(schema, example)).toBe(false);
  });

  test("any value at all: never throws, a refusal always explains itself", () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        checkParse(schema, input);
        expectNoPollution();
      }),
      { numRuns: RUNS },
    );
  });

  test("a valid form with one field replaced by a hostile value", () => {
    fc.assert(
      fc.property(fc.constantFrom(...valid).chain(mutated), ({ key, input }) => {
        const accepted = checkParse(schema, input);
        expectNoPollution();
        if (accepted) {
          // Whatever was accepted, the output is a plain object with no polluted prototype.
          const data = schema.parse(input) as Record<string, unknown>;
          expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
          if (key === "__proto__") expect(Object.prototype.hasOwnProperty.call(data, "__proto__")).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("whole-intake validation (validateComplete)", () => {
  const complete: Required<DraftAnswers> = {
    "about-you": validAboutYou,
    "pregnancy-and-postpartum": validPerinatal,
    "what-brings-you": validConcerns,
    history: validHistory,
    screening: validScreening,
    consent: validConsent,
  };

  test("a complete intake passes; a mismatched signature does not", () => {
    expect(validateComplete(complete, { epdsEnabled: false })).toMatchObject({ ok: true });
    const unsigned = validateComplete({ ...complete, consent: { ...validConsent, signature: "Someone Else" } }, { epdsEnabled: false });
    expect(unsigned.ok).toBe(false);
  });

  test("any draft shape: never throws, every issue names a step and explains itself", () => {
    const steps = ["about-you", "pregnancy-and-postpartum", "what-brings-you", "history", "screening", "consent"] as const;
    const draft = fc.oneof(
      fc.dictionary(fc.constantFrom(...steps), fc.oneof(anyInput, fc.dictionary(fc.string({ maxLength: 20 }), badValue, { maxKeys: 8 })), {
        maxKeys: 6,
      }),
      fc
        .tuple(
          fc.constantFrom(...steps),
          fc.constantFrom(...steps).chain((s) => mutated(complete[s] as Record<string, unknown>)),
        )
        .map(([step, { input }]) => ({ ...complete, [step]: input })),
    );
    fc.assert(
      fc.property(draft, fc.boolean(), (value, epdsEnabled) => {
        const result = validateComplete(value as DraftAnswers, { epdsEnabled });
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) {
            expect(steps).toContain(issue.step);
            expectHumanMessage(issue.message, value);
          }
        }
        expectNoPollution();
      }),
      { numRuns: RUNS },
    );
  });
});
