import { z } from "@/lib/platform/zod";
import { INSTRUMENTS, type InstrumentId } from "@/lib/intake/instruments";
import type { IntakeAnswers } from "@/lib/intake/schema";
import type { ClinicalOptions } from "@/lib/intake/settings";

/**
 * Scoring per the published rules. Totals are always recomputed on the server from
 * the raw answers; a score sent by the browser is never trusted.
 *
 * Answers are the index (0-3) of the chosen option in published order (see instruments.ts).
 * For the PHQ-9 and GAD-7 the index is the item score; the EPDS needs reverse scoring.
 */

export type Phq9Band = "minimal" | "mild" | "moderate" | "moderately severe" | "severe";
export type Gad7Band = "minimal" | "mild" | "moderate" | "severe";

export type Phq9Result = {
  instrument: "phq9";
  total: number;
  band: Phq9Band;
  /** Item 9 (thoughts of being better off dead or self-harm) answered above "Not at all". */
  riskFlag: boolean;
  itemScores: number[];
};

export type Gad7Result = {
  instrument: "gad7";
  total: number;
  band: Gad7Band;
  /** The GAD-7 has no self-harm item; present so results can be handled uniformly. */
  riskFlag: false;
  itemScores: number[];
};

export type EpdsCutoff = typeof EPDS_STANDARD_CUTOFF | typeof EPDS_SENSITIVE_CUTOFF;

export type EpdsResult = {
  instrument: "epds";
  total: number;
  cutoff: EpdsCutoff;
  /** total >= cutoff. The EPDS has no published severity bands, only cut-offs. */
  possibleDepression: boolean;
  /** EPDS-3A: scored items 3 + 4 + 5, range 0-9. */
  anxietySubscale: number;
  /** Item 10 scored above 0. Independent of the total: a low total never clears it. */
  riskFlag: boolean;
  /** Scores after reverse scoring, item 1 first. */
  itemScores: number[];
};

export type ScoreResult = Phq9Result | Gad7Result | EpdsResult;

export const PHQ9_ITEM_COUNT = 9;
export const GAD7_ITEM_COUNT = 7;
export const EPDS_ITEM_COUNT = 10;
export const EPDS_STANDARD_CUTOFF = 13;
export const EPDS_SENSITIVE_CUTOFF = 10;

const MAX_ANSWER = 3;

// ---------------------------------------------------------------------------
// Schemas shared by the intake form (client-side feedback) and the server action.

const answerSchema = z
  .number({ error: "Please choose an answer" })
  .int({ error: "Please choose one of the listed answers" })
  .min(0, { error: "Please choose one of the listed answers" })
  .max(MAX_ANSWER, { error: "Please choose one of the listed answers" });

function answersSchema(count: number, shortName: string) {
  return z.array(answerSchema).length(count, { error: `${shortName} needs an answer to all ${count} questions` });
}

export const phq9AnswersSchema = answersSchema(PHQ9_ITEM_COUNT, "PHQ-9");
export const gad7AnswersSchema = answersSchema(GAD7_ITEM_COUNT, "GAD-7");
export const epdsAnswersSchema = answersSchema(EPDS_ITEM_COUNT, "EPDS");
/** The PHQ-9 difficulty question: optional because the form only asks it "if you checked off any problems". */
export const phq9DifficultySchema = answerSchema.optional();

// ---------------------------------------------------------------------------

function isValidAnswer(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_ANSWER;
}

// Runs even though callers usually parse with the schemas first: a wrong total in a
// clinical record is worse than a thrown error, so scoring never trusts its input.
function validateAnswers(shortName: string, answers: unknown, count: number): number[] {
  if (!Array.isArray(answers)) throw new Error(`${shortName}: answers must be an array`);
  if (answers.length !== count) {
    throw new Error(`${shortName}: expected exactly ${count} answers, got ${answers.length}`);
  }
  const checked: number[] = [];
  for (let i = 0; i < count; i++) {
    const value: unknown = answers[i];
    if (!isValidAnswer(value)) throw new Error(`${shortName}: item ${i + 1} must be an integer from 0 to 3`);
    checked.push(value);
  }
  return checked;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function phq9Band(total: number): Phq9Band {
  if (total >= 20) return "severe";
  if (total >= 15) return "moderately severe";
  if (total >= 10) return "moderate";
  if (total >= 5) return "mild";
  return "minimal";
}

function gad7Band(total: number): Gad7Band {
  if (total >= 15) return "severe";
  if (total >= 10) return "moderate";
  if (total >= 5) return "mild";
  return "minimal";
}

export function scorePhq9(answers: readonly number[]): Phq9Result {
  const itemScores = validateAnswers("PHQ-9", answers, PHQ9_ITEM_COUNT);
  const total = sum(itemScores);
  return {
    instrument: "phq9",
    total,
    band: phq9Band(total),
    riskFlag: (itemScores[8] ?? 0) > 0,
    itemScores,
  };
}

export function scoreGad7(answers: readonly number[]): Gad7Result {
  const itemScores = validateAnswers("GAD-7", answers, GAD7_ITEM_COUNT);
  const total = sum(itemScores);
  return { instrument: "gad7", total, band: gad7Band(total), riskFlag: false, itemScores };
}

// Items whose options are printed most-symptomatic first (Cox, Holden & Sagovsky 1987).
const EPDS_REVERSE_SCORED_ITEMS: ReadonlySet<number> = new Set([3, 5, 6, 7, 8, 9, 10]);

/** Score of one EPDS item (1-based `itemNumber`) given the index of the chosen response. */
export function epdsItemScore(itemNumber: number, responseIndex: number): number {
  if (!Number.isInteger(itemNumber) || itemNumber < 1 || itemNumber > EPDS_ITEM_COUNT) {
    throw new Error(`EPDS: item number must be an integer from 1 to ${EPDS_ITEM_COUNT}`);
  }
  if (!isValidAnswer(responseIndex)) throw new Error(`EPDS: item ${itemNumber} must be an integer from 0 to 3`);
  return EPDS_REVERSE_SCORED_ITEMS.has(itemNumber) ? MAX_ANSWER - responseIndex : responseIndex;
}

export function scoreEpds(responseIndexes: readonly number[], options: { sensitiveCutoff?: boolean } = {}): EpdsResult {
  const { sensitiveCutoff = false } = options;
  // A truthy string such as "false" from a settings form must not silently switch cut-off.
  if (typeof sensitiveCutoff !== "boolean") throw new Error("EPDS: sensitiveCutoff must be a boolean");
  const indexes = validateAnswers("EPDS", responseIndexes, EPDS_ITEM_COUNT);
  const itemScores = indexes.map((index, i) => epdsItemScore(i + 1, index));
  const total = sum(itemScores);
  const cutoff: EpdsCutoff = sensitiveCutoff ? EPDS_SENSITIVE_CUTOFF : EPDS_STANDARD_CUTOFF;
  const [, , item3 = 0, item4 = 0, item5 = 0] = itemScores;
  return {
    instrument: "epds",
    total,
    cutoff,
    possibleDepression: total >= cutoff,
    anxietySubscale: item3 + item4 + item5,
    riskFlag: (itemScores[9] ?? 0) > 0,
    itemScores,
  };
}

export function scoreInstrument(
  instrument: InstrumentId,
  answers: readonly number[],
  options: { sensitiveCutoff?: boolean } = {},
): ScoreResult {
  switch (instrument) {
    case "phq9":
      return scorePhq9(answers);
    case "gad7":
      return scoreGad7(answers);
    case "epds":
      return scoreEpds(answers, options);
    default:
      throw new Error("Unknown screening instrument");
  }
}

// ---------------------------------------------------------------------------
// Risk items: the self-harm questions, wherever a questionnaire is asked (the intake now,
// repeated check-ins later). Derived from the instruments' own definitions, so a new
// measure with a `selfHarm` item is a risk item everywhere without another list to update.

export type RiskItem = { readonly measure: InstrumentId; readonly item: number };

/** Every risk item: PHQ-9 item 9 and EPDS item 10 today. */
export const RISK_ITEMS: readonly RiskItem[] = Object.values(INSTRUMENTS).flatMap((instrument) =>
  instrument.items.filter((item) => item.selfHarm).map((item) => ({ measure: instrument.id, item: item.number })),
);

export function isRiskItem(measure: string, item: number): measure is InstrumentId {
  return RISK_ITEMS.some((risk) => risk.measure === measure && risk.item === item);
}

/** The risk items of one questionnaire (none for the GAD-7). */
export function riskItemsOf(measure: InstrumentId): readonly RiskItem[] {
  return RISK_ITEMS.filter((risk) => risk.measure === measure);
}

/**
 * Whether an answer (the option's index) to a risk item scores above 0, i.e. is anything but
 * "Not at all" / "Never". The EPDS lists its options most-symptomatic first: "Never" is index 3.
 */
export function isPositiveRiskAnswer(measure: InstrumentId, item: number, answer: number): boolean {
  if (!isRiskItem(measure, item)) throw new Error("Not a risk item");
  if (!isValidAnswer(answer)) throw new Error(`${INSTRUMENTS[measure].shortName}: item ${item} must be an integer from 0 to 3`);
  return (measure === "epds" ? epdsItemScore(item, answer) : answer) > 0;
}

/**
 * The answers given so far to the risk items, read from a screening step's values as saved
 * (a draft holds whatever was typed: a numeric string still counts, so risk is never missed;
 * anything else is unanswered). The EPDS only when it is in use.
 */
export function riskAnswersOf(
  screening: unknown,
  options: { epdsEnabled: boolean },
): { measure: InstrumentId; item: number; answer: number | null }[] {
  const values = (screening && typeof screening === "object" ? screening : {}) as Record<string, unknown>;
  return RISK_ITEMS.filter((risk) => risk.measure !== "epds" || options.epdsEnabled).map((risk) => {
    const list = values[risk.measure];
    const raw: unknown = Array.isArray(list) ? list[risk.item - 1] : undefined;
    const n = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
    return { ...risk, answer: isValidAnswer(n) ? n : null };
  });
}

/**
 * Whether the self-harm item (PHQ-9 item 9, EPDS item 10) has been answered with
 * anything scoring above 0. Works on a partly completed form so the crisis panel can
 * appear the moment that item is answered; unanswered items (undefined/null/holes)
 * are not risk. Always false for the GAD-7.
 */
export function hasSelfHarmRisk(instrument: InstrumentId, answers: ReadonlyArray<number | null | undefined>): boolean {
  const definition = INSTRUMENTS[instrument];
  if (definition === undefined) throw new Error("Unknown screening instrument");
  return riskItemsOf(instrument).some(({ item }) => {
    const answer = answers[item - 1];
    if (answer === undefined || answer === null) return false;
    return isPositiveRiskAnswer(instrument, item, answer);
  });
}

export type IntakeScores = {
  phq9: Phq9Result;
  gad7: Gad7Result;
  epds: EpdsResult | null;
  selfHarmRisk: boolean;
};

/** The scores of a complete questionnaire, on the server; the EPDS only when it is in use. */
export function scoreAnswers(answers: IntakeAnswers, options: ClinicalOptions): IntakeScores {
  const phq9 = scorePhq9(answers.screening.phq9);
  const gad7 = scoreGad7(answers.screening.gad7);
  const epds =
    options.epdsEnabled && answers.screening.epds
      ? scoreEpds(answers.screening.epds, { sensitiveCutoff: options.epdsSensitiveCutoff })
      : null;
  return { phq9, gad7, epds, selfHarmRisk: phq9.riskFlag || (epds?.riskFlag ?? false) };
}
