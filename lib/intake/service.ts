/**
 * The intake questionnaire on the server: drafts, submission, scoring and the urgent
 * flag. Every query is scoped to the owning client; everything typed is encrypted.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { enqueueEmail } from "@/lib/email/outbox";
import { clinicianIntakeSubmittedNotice } from "@/lib/intake/emails";
import { recordRiskChanges, type RiskAnswer, type RiskSource } from "@/lib/intake/risk";
import {
  CONSENT_VERSION,
  validateComplete,
  type AnsweredStepSlug,
  type DraftAnswers,
  type IntakeAnswers,
  type StepSlug,
} from "@/lib/intake/schema";
import { isPositiveRiskAnswer, riskAnswersOf, scoreAnswers, type IntakeScores } from "@/lib/intake/scoring";
import { intakeFields } from "@/lib/intake/sealed";
import { getClinicalSettings } from "@/lib/intake/settings";
import { raiseUrgentFlag } from "@/lib/intake/urgency";
import type { IntakeStatus } from "@/lib/generated/prisma/enums";
import { prisma, type Tx } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { siteUrl } from "@/lib/platform/site";

function readDraft(row: { id: string; draftEnc: string | null }): DraftAnswers {
  return row.draftEnc ? intakeFields.draft.open(row.id, row.draftEnc) : {};
}

export async function getIntakeStatus(clientId: string): Promise<"DRAFT" | "SUBMITTED" | "REVIEWED" | null> {
  const row = await prisma.intake.findUnique({ where: { clientId }, select: { status: true } });
  return row?.status ?? null;
}

export type ClientIntake = {
  id: string;
  status: "DRAFT" | "SUBMITTED" | "REVIEWED";
  draft: DraftAnswers;
  submittedAt: Date | null;
  /** The step she last saved or moved to (progress.ts decides where to resume). */
  resumeStep: string | null;
  /** A self-harm question has been answered above "not at all", and the clinician was told. */
  urgent: boolean;
};

/** The signed-in client's own intake, created empty on first visit. */
export async function getOrCreateClientIntake(clientId: string): Promise<ClientIntake> {
  const select = { id: true, status: true, draftEnc: true, submittedAt: true, answersEnc: true, resumeStep: true, urgent: true } as const;
  const row =
    (await prisma.intake.findUnique({ where: { clientId }, select })) ??
    (await prisma.intake.upsert({ where: { clientId }, create: { id: randomUUID(), clientId }, update: {}, select }));
  const draft =
    row.status === "DRAFT" ? readDraft(row) : row.answersEnc ? (intakeFields.answers.open(row.id, row.answersEnc) as DraftAnswers) : {};
  return {
    id: row.id,
    status: row.status,
    draft,
    submittedAt: row.submittedAt,
    resumeStep: row.resumeStep,
    urgent: row.urgent,
  };
}

type UrgentState = { id: string; status: string; urgent: boolean; urgentAt: Date | null; urgentFollowedUpAt: Date | null };

/** The client's intake row, locked for this transaction: saves from two devices merge instead of overwriting. */
async function lockIntake(tx: Tx, clientId: string): Promise<(UrgentState & { draftEnc: string | null }) | undefined> {
  const [row] = await tx.$queryRaw<(UrgentState & { draftEnc: string | null })[]>`
    SELECT id, status::text, "draftEnc", urgent, "urgentAt", "urgentFollowedUpAt" FROM "Intake" WHERE "clientId" = ${clientId} FOR UPDATE`;
  return row;
}

/** The risk answers of a saved screening step, recorded as events (risk.ts); raises the urgent flag on a positive one. */
async function recordScreeningRisk(
  tx: Tx,
  row: UrgentState,
  clientId: string,
  screening: unknown,
  { source, now, epdsEnabled }: { source: RiskSource; now: Date; epdsEnabled: boolean },
): Promise<boolean> {
  const current = riskAnswersOf(screening, { epdsEnabled }).filter((a): a is RiskAnswer & { answer: number } => a.answer !== null);
  const changes = await recordRiskChanges(tx, { clientId, intakeId: row.id }, current, { source, now, epdsEnabled });
  const risk = current.some((a) => isPositiveRiskAnswer(a.measure, a.item, a.answer));
  if (risk) await raiseUrgentFlag(tx, row, { newlyPositive: changes.newlyPositive, now });
  return risk;
}

export type SaveDraftResult = { ok: true; savedAt: Date; risk: boolean } | { ok: false; reason: "submitted"; message: string };

/**
 * Saves one step's answers as typed (valid or not) so nothing is lost. A self-harm answer is
 * recorded as a risk event and flags the intake urgent immediately, not only on submit:
 * someone may stop halfway. `resumeAt` is where she is going next ("Save and continue",
 * "Back"); by default the step being saved.
 */
export async function saveDraft(
  clientId: string,
  step: AnsweredStepSlug,
  values: Record<string, unknown>,
  now = new Date(),
  { resumeAt = step }: { resumeAt?: StepSlug } = {},
): Promise<SaveDraftResult> {
  await getOrCreateClientIntake(clientId);
  return prisma.$transaction(async (tx) => {
    const row = await lockIntake(tx, clientId);
    if (!row) throw new Error("intake missing after creation");
    if (row.status !== "DRAFT")
      return {
        ok: false as const,
        reason: "submitted" as const,
        message: "Your intake has already been submitted, so it can no longer be changed.",
      };
    const previous = readDraft(row);
    const draft = { ...previous, [step]: values };
    await tx.intake.update({
      where: { id: row.id },
      data: { draftEnc: intakeFields.draft.seal(row.id, draft), draftVersion: { increment: 1 }, resumeStep: resumeAt },
    });
    const options = await getClinicalSettings(tx);
    const risk =
      step === "screening"
        ? await recordScreeningRisk(tx, row, clientId, values, { source: "draft", now, epdsEnabled: options.epdsEnabled })
        : false;
    return { ok: true as const, savedAt: now, risk };
  });
}

export type RiskAnswersResult =
  { ok: true; recorded: number; notified: boolean } | { ok: false; reason: "not-found" | "submitted"; message: string };

/**
 * Risk answers sent by the step form the moment they are given (and again as the page
 * closes), before any draft save: recorded as events, and the first positive one raises the
 * urgent flag and the clinician's notice. Only for the signed-in client's own intake, while
 * it is a draft. `notified` says whether the clinician has been told of a risk answer on it.
 */
export async function recordRiskAnswers(
  clientId: string,
  input: { intakeId: string; answers: readonly RiskAnswer[]; source: Extract<RiskSource, "answer" | "page-hide"> },
  now = new Date(),
): Promise<RiskAnswersResult> {
  return prisma.$transaction(async (tx) => {
    const row = await lockIntake(tx, clientId);
    if (!row || row.id !== input.intakeId)
      return {
        ok: false as const,
        reason: "not-found" as const,
        message: "This questionnaire could not be found. Please reload the page.",
      };
    if (row.status !== "DRAFT")
      return {
        ok: false as const,
        reason: "submitted" as const,
        message: "Your intake has already been submitted, so it can no longer be changed.",
      };
    const { epdsEnabled } = await getClinicalSettings(tx);
    const changes = await recordRiskChanges(tx, { clientId, intakeId: row.id }, input.answers, { source: input.source, now, epdsEnabled });
    const raised = changes.positive ? await raiseUrgentFlag(tx, row, { newlyPositive: changes.newlyPositive, now }) : false;
    return { ok: true as const, recorded: changes.recorded, notified: row.urgent || raised };
  });
}

export type SubmitResult =
  | { ok: true; risk: boolean }
  | { ok: false; reason: "invalid"; issues: { step: AnsweredStepSlug; message: string }[] }
  | { ok: false; reason: "submitted" };

/** All or nothing: validates every step, scores on the server, and locks the intake. */
export async function submitIntake(clientId: string, now = new Date()): Promise<SubmitResult> {
  return prisma.$transaction(async (tx) => {
    const row = await lockIntake(tx, clientId);
    if (!row)
      return {
        ok: false as const,
        reason: "invalid" as const,
        issues: [{ step: "about-you" as const, message: "Please start the questionnaire first." }],
      };
    if (row.status !== "DRAFT") return { ok: false as const, reason: "submitted" as const };
    const options = await getClinicalSettings(tx);
    const checked = validateComplete(readDraft(row), options);
    if (!checked.ok) return { ok: false as const, reason: "invalid" as const, issues: checked.issues };
    const scores = scoreAnswers(checked.answers, options);
    await tx.intake.update({
      where: { id: row.id },
      data: {
        status: "SUBMITTED",
        answersEnc: intakeFields.answers.seal(row.id, checked.answers),
        scoresEnc: intakeFields.scores.seal(row.id, scores),
        draftEnc: null,
        consentVersion: CONSENT_VERSION,
        signedAt: now,
        submittedAt: now,
      },
    });
    // The submitted answers are the last saved draft, whose risk answers saveDraft recorded
    // already: this records nothing new then, and never re-alerts a followed-up intake.
    await recordScreeningRisk(tx, row, clientId, checked.answers.screening, { source: "submit", now, epdsEnabled: options.epdsEnabled });
    await enqueueEmail(tx, {
      kind: "intake.submitted.clinician",
      message: clinicianIntakeSubmittedNotice({ to: env().CLINICIAN_NOTIFY_EMAIL, dashboardUrl: siteUrl(`/dashboard/intakes/${row.id}`) }),
    });
    return { ok: true as const, risk: scores.selfHarmRisk };
  });
}

export type IntakeDetail = {
  id: string;
  clientId: string;
  status: IntakeStatus;
  urgent: boolean;
  submittedAt: Date | null;
  consentVersion: string | null;
  signedAt: Date | null;
  answers: IntakeAnswers | null;
  scores: IntakeScores | null;
};

/**
 * Reads one intake for someone: its owner or the clinician. Anyone else gets null (a 404),
 * and every clinician read and every refusal is written to the audit trail.
 */
export async function readIntake(intakeId: string, actor: AuditActor): Promise<IntakeDetail | null> {
  const row = await prisma.intake.findUnique({
    where: { id: intakeId },
    select: {
      id: true,
      clientId: true,
      status: true,
      urgent: true,
      submittedAt: true,
      consentVersion: true,
      signedAt: true,
      answersEnc: true,
      scoresEnc: true,
    },
  });
  const allowed = !!row && !!actor && (actor.role === "CLINICIAN" || actor.id === row.clientId);
  if (!allowed) {
    await recordAudit({
      actor,
      action: "intake.read",
      subjectType: "Intake",
      subjectId: intakeId,
      clientId: row?.clientId,
      outcome: "denied",
    });
    return null;
  }
  if (actor.role === "CLINICIAN") {
    await recordAudit({
      actor,
      action: "intake.read",
      subjectType: "Intake",
      subjectId: row.id,
      clientId: row.clientId,
      outcome: "allowed",
    });
  }
  return {
    id: row.id,
    clientId: row.clientId,
    status: row.status,
    urgent: row.urgent,
    submittedAt: row.submittedAt,
    consentVersion: row.consentVersion,
    signedAt: row.signedAt,
    answers: row.answersEnc ? intakeFields.answers.open(row.id, row.answersEnc) : null,
    // Clients never see their scores.
    scores: actor.role === "CLINICIAN" && row.scoresEnc ? intakeFields.scores.open(row.id, row.scoresEnc) : null,
  };
}
