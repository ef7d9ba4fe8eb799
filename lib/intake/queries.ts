/**
 * The intake as other domains read it: her copy of her records (lib/privacy/export.ts) takes
 * every answer from here, already worded: the question as she was asked it and the answer's
 * label, never a bare code. The caller has checked who may read whose (this file trusts the
 * client id it is given) and writes the audit event.
 */
import "server-only";
import { consentTextFor, type ConsentText } from "@/lib/intake/consent-text";
import { answerLabel, STEP_FIELDS } from "@/lib/intake/fields";
import { INSTRUMENTS, type Instrument, type InstrumentId } from "@/lib/intake/instruments";
import { STEPS, type AnsweredStepSlug, type DraftAnswers } from "@/lib/intake/schema";
import { isRiskItem, type IntakeScores, type ScoreResult } from "@/lib/intake/scoring";
import { intakeFields, riskEventFields } from "@/lib/intake/sealed";
import { INTAKE_STATUS_LABEL } from "@/lib/intake/status";
import { prisma } from "@/lib/platform/db";

/** One question and her answer, as she read and gave it. */
export type AnsweredItem = {
  /** Stable within its questionnaire: a field name ("legalName") or an item ("phq9-9"). */
  linkId: string;
  question: string;
  /** The answer in words: the option's label, the text she typed, "Yes"/"No", or "Not answered". */
  answer: string;
  /** The stored value (an option's value or index, the text, true/false), for the machine-readable files. */
  value: unknown;
  /** A questionnaire item's score (after the EPDS's reverse scoring), when scored. */
  score?: number;
};

export type IntakeSection = { slug: AnsweredStepSlug; title: string; items: AnsweredItem[] };

export type ScoreRecord = {
  total: number;
  /** The total in words: the severity band, or where it stands against the EPDS cut-off. */
  summary: string;
  /** The EPDS-3A anxiety subscale. */
  anxietySubscale?: number;
  /** A self-harm question was answered above "not at all". */
  riskFlag: boolean;
};

/** One completed (or started) questionnaire: a measure such as the PHQ-9, with its answers and score. */
export type QuestionnaireResponseRecord = {
  /** Stable across exports: the intake's id and the measure ("…:phq9"). */
  id: string;
  /** Where it was asked: the intake today, repeated check-ins later. */
  source: "intake";
  instrument: Pick<Instrument, "id" | "shortName" | "name" | "stem" | "loinc" | "citation">;
  status: "completed" | "in-progress";
  authoredAt: Date | null;
  items: AnsweredItem[];
  score: ScoreRecord | null;
};

export type ReleasableNote = { kind: "review" | "follow-up"; text: string; writtenAt: Date | null; releasedAt: Date | null };

export type IntakeRecord = {
  id: string;
  status: string;
  startedAt: Date;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  /** The plain steps (about her, pregnancy, concerns, history, consent), question by question. */
  sections: IntakeSection[];
  questionnaires: QuestionnaireResponseRecord[];
  consent: {
    version: string | null;
    signedAt: Date | null;
    /** The words of the version she signed; null if not signed (or a version the code does not know). */
    text: ConsentText | null;
    statements: { statement: string; agreed: boolean }[];
    signature: string | null;
  };
  contactChoices: { voicemailOk: boolean | null; emailOk: boolean | null };
  /** When a self-harm answer flagged the intake for same-day follow-up, and when the clinician followed up. */
  urgent: { flaggedAt: Date | null; followedUpAt: Date | null } | null;
  riskEvents: { question: string; measure: string; item: number; answer: string; answeredAt: Date; receivedAt: Date }[];
  /** The clinician's notes: every one for her, only released ones for the client. */
  notes: ReleasableNote[];
};

function sectionsOf(answers: DraftAnswers): IntakeSection[] {
  return STEPS.filter((step) => step.slug !== "review" && step.slug !== "screening").map((step) => {
    const slug = step.slug as AnsweredStepSlug;
    const values = (answers[slug] ?? {}) as Record<string, unknown>;
    return {
      slug,
      title: step.title,
      items: (STEP_FIELDS[slug] ?? []).map((field) => ({
        linkId: field.name,
        question: field.label,
        answer: answerLabel(values[field.name], "options" in field ? field.options : undefined),
        value: values[field.name] ?? null,
      })),
    };
  });
}

function scoreSummary(result: ScoreResult): ScoreRecord {
  if (result.instrument === "epds") {
    return {
      total: result.total,
      summary: `${result.possibleDepression ? "At or above" : "Below"} the cut-off of ${result.cutoff}`,
      anxietySubscale: result.anxietySubscale,
      riskFlag: result.riskFlag,
    };
  }
  return { total: result.total, summary: `${result.band[0]!.toUpperCase()}${result.band.slice(1)}`, riskFlag: result.riskFlag };
}

const asIndex = (value: unknown): number | null =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 3 ? (value as number) : null;

function questionnairesOf(
  intakeId: string,
  screening: Record<string, unknown>,
  scores: IntakeScores | null,
  authoredAt: Date | null,
): QuestionnaireResponseRecord[] {
  const measures: InstrumentId[] = ["phq9", "gad7", "epds"];
  return measures
    .filter((id) => Array.isArray(screening[id]))
    .map((id) => {
      const instrument = INSTRUMENTS[id];
      const list = screening[id] as unknown[];
      const score = scores ? scores[id] : null;
      const items: AnsweredItem[] = instrument.items.map((item, i) => {
        const index = asIndex(list[i]);
        return {
          linkId: `${id}-${item.number}`,
          question: item.text,
          answer: index === null ? "Not answered" : (item.options[index] ?? "Not answered"),
          value: index,
          ...(score && { score: score.itemScores[i] }),
        };
      });
      if (id === "phq9" && instrument.unscoredFollowUp) {
        const index = asIndex(screening.phq9Difficulty);
        items.push({
          linkId: "phq9-difficulty",
          question: instrument.unscoredFollowUp.text,
          answer: index === null ? "Not answered" : (instrument.unscoredFollowUp.options[index] ?? "Not answered"),
          value: index,
        });
      }
      const { shortName, name, stem, loinc, citation } = instrument;
      return {
        id: `${intakeId}:${id}`,
        source: "intake" as const,
        instrument: { id, shortName, name, stem, loinc, citation },
        status: score ? ("completed" as const) : ("in-progress" as const),
        authoredAt,
        items,
        score: score ? scoreSummary(score) : null,
      };
    });
}

function riskQuestion(measure: string, item: number): string {
  return isRiskItem(measure, item)
    ? `${INSTRUMENTS[measure].shortName} question ${item}: ${INSTRUMENTS[measure].items[item - 1]!.text}`
    : measure;
}

/**
 * Everything the intake holds about one client, worded; null when she has none.
 * `clinicianNotes`: "all" for the clinician's export, "released" for the client's own copy.
 */
export async function intakeRecordFor(
  clientId: string,
  { clinicianNotes }: { clinicianNotes: "all" | "released" },
): Promise<IntakeRecord | null> {
  const row = await prisma.intake.findUnique({
    where: { clientId },
    select: {
      id: true,
      status: true,
      createdAt: true,
      submittedAt: true,
      reviewedAt: true,
      draftEnc: true,
      answersEnc: true,
      scoresEnc: true,
      consentVersion: true,
      signedAt: true,
      urgent: true,
      urgentAt: true,
      urgentFollowedUpAt: true,
      reviewNoteEnc: true,
      reviewNoteReleasedAt: true,
      urgentFollowUpNoteEnc: true,
      urgentFollowUpNoteReleasedAt: true,
      riskEvents: {
        orderBy: [{ answeredAt: "asc" }, { receivedAt: "asc" }],
        select: { id: true, measure: true, item: true, answerEnc: true, answeredAt: true, receivedAt: true },
      },
    },
  });
  if (!row) return null;
  const answers: DraftAnswers = row.answersEnc
    ? (intakeFields.answers.open(row.id, row.answersEnc) as DraftAnswers)
    : row.draftEnc
      ? intakeFields.draft.open(row.id, row.draftEnc)
      : {};
  const scores = row.scoresEnc ? intakeFields.scores.open(row.id, row.scoresEnc) : null;
  const consent = (answers.consent ?? {}) as Record<string, unknown>;
  const statements = (STEP_FIELDS.consent ?? [])
    .filter((field) => field.kind === "checkbox")
    .map((field) => ({ statement: field.label, agreed: consent[field.name] === true }));
  const flag = (value: unknown) => (typeof value === "boolean" ? value : null);

  const notes: ReleasableNote[] = [];
  const note = (kind: ReleasableNote["kind"], enc: string | null, writtenAt: Date | null, releasedAt: Date | null) => {
    if (!enc || (clinicianNotes === "released" && !releasedAt)) return;
    const open = kind === "review" ? intakeFields.reviewNote : intakeFields.urgentFollowUpNote;
    notes.push({ kind, text: open.open(row.id, enc), writtenAt, releasedAt });
  };
  note("review", row.reviewNoteEnc, row.reviewedAt, row.reviewNoteReleasedAt);
  note("follow-up", row.urgentFollowUpNoteEnc, row.urgentFollowedUpAt, row.urgentFollowUpNoteReleasedAt);

  return {
    id: row.id,
    status: INTAKE_STATUS_LABEL[row.status],
    startedAt: row.createdAt,
    submittedAt: row.submittedAt,
    reviewedAt: row.reviewedAt,
    sections: sectionsOf(answers),
    questionnaires: questionnairesOf(row.id, (answers.screening ?? {}) as Record<string, unknown>, scores, row.submittedAt),
    consent: {
      version: row.consentVersion,
      signedAt: row.signedAt,
      text: consentTextFor(row.consentVersion),
      statements,
      signature: typeof consent.signature === "string" && consent.signature.trim() ? consent.signature : null,
    },
    contactChoices: { voicemailOk: flag(consent.voicemailOk), emailOk: flag(consent.emailOk) },
    urgent: row.urgent ? { flaggedAt: row.urgentAt, followedUpAt: row.urgentFollowedUpAt } : null,
    riskEvents: row.riskEvents.map((event) => {
      let answer = "An answer that could not be read";
      try {
        const index = riskEventFields.answer.open(event.id, event.answerEnc).answer;
        if (isRiskItem(event.measure, event.item)) answer = INSTRUMENTS[event.measure].items[event.item - 1]?.options[index] ?? answer;
      } catch {
        // One unreadable event is named as such; the rest of her record is still hers to have.
      }
      return {
        question: riskQuestion(event.measure, event.item),
        measure: event.measure,
        item: event.item,
        answer,
        answeredAt: event.answeredAt,
        receivedAt: event.receivedAt,
      };
    }),
    notes,
  };
}
