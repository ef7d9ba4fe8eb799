/**
 * The intake questionnaire on the server: drafts, submission, scoring and the urgent
 * flag. Every query is scoped to the owning client; everything typed is encrypted.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { enqueueEmail } from "@/lib/email/outbox";
import { clinicianIntakeSubmittedNotice, clinicianUrgentIntakeNotice } from "@/lib/intake/emails";
import {
  CONSENT_VERSION,
  STEPS,
  validateComplete,
  type AnsweredStepSlug,
  type DraftAnswers,
  type IntakeAnswers,
} from "@/lib/intake/schema";
import { hasSelfHarmRisk, scoreAnswers, type IntakeScores } from "@/lib/intake/scoring";
import { intakeFields } from "@/lib/intake/sealed";
import { getClinicalSettings, type ClinicalOptions } from "@/lib/intake/settings";
import { needsUrgentAttention } from "@/lib/intake/urgency";
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
  /** Flagged urgent (a self-harm answer): the clinician's notice was queued with the flag. */
  urgent: boolean;
};

/** The signed-in client's own intake, created empty on first visit. */
export async function getOrCreateClientIntake(clientId: string): Promise<ClientIntake> {
  const select = { id: true, status: true, draftEnc: true, submittedAt: true, answersEnc: true, urgent: true } as const;
  const row =
    (await prisma.intake.findUnique({ where: { clientId }, select })) ??
    (await prisma.intake.upsert({ where: { clientId }, create: { id: randomUUID(), clientId }, update: {}, select }));
  const draft =
    row.status === "DRAFT" ? readDraft(row) : row.answersEnc ? (intakeFields.answers.open(row.id, row.answersEnc) as DraftAnswers) : {};
  return { id: row.id, status: row.status, draft, submittedAt: row.submittedAt, urgent: row.urgent };
}

/** Which instruments' self-harm item is answered above "not at all" in a draft. */
function selfHarmRiskItems(draft: DraftAnswers, options: ClinicalOptions): { phq9: boolean; epds: boolean } {
  const screening = (draft.screening ?? {}) as { phq9?: (number | null)[]; epds?: (number | null)[] };
  // Drafts hold whatever was typed: a numeric string still counts, so risk is never missed.
  const safe = (answers: unknown) =>
    Array.isArray(answers)
      ? answers.map((a) => {
          const n = typeof a === "string" && a.trim() !== "" ? Number(a) : a;
          return Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 3 ? (n as number) : null;
        })
      : [];
  return {
    phq9: hasSelfHarmRisk("phq9", safe(screening.phq9)),
    epds: options.epdsEnabled && hasSelfHarmRisk("epds", safe(screening.epds)),
  };
}

type UrgentState = { id: string; status: string; urgent: boolean; urgentAt: Date | null; urgentFollowedUpAt: Date | null };

/** The client's intake row, locked for this transaction: saves from two devices merge instead of overwriting. */
async function lockIntake(tx: Tx, clientId: string): Promise<(UrgentState & { draftEnc: string | null }) | undefined> {
  const [row] = await tx.$queryRaw<(UrgentState & { draftEnc: string | null })[]>`
    SELECT id, status::text, "draftEnc", urgent, "urgentAt", "urgentFollowedUpAt" FROM "Intake" WHERE "clientId" = ${clientId} FOR UPDATE`;
  return row;
}

/**
 * Flags the intake urgent and tells the clinician once, in the caller's transaction.
 *
 * After the clinician has recorded a follow-up, the flag stays followed-up while the client
 * keeps saving the same positive answer: no second email. It needs her attention again (and
 * she is emailed again) only when a self-harm item that was not positive in the previous save
 * becomes positive after the follow-up (e.g. PHQ-9 item 9 changed from 0 to 2, or EPDS item 10
 * turning positive when only PHQ-9 item 9 was before). That moves urgentAt past
 * urgentFollowedUpAt; the follow-up itself is kept, so the history stays visible.
 */
async function flagUrgent(tx: Tx, intake: UrgentState, newlyPositive: boolean, now: Date) {
  if (intake.urgent && (needsUrgentAttention(intake) || !newlyPositive)) return;
  await tx.intake.update({ where: { id: intake.id }, data: { urgent: true, urgentAt: now } });
  await enqueueEmail(tx, {
    kind: "intake.urgent.clinician",
    priority: 10,
    message: clinicianUrgentIntakeNotice({ to: env().CLINICIAN_NOTIFY_EMAIL, dashboardUrl: siteUrl(`/dashboard/intakes/${intake.id}`) }),
  });
}

export type SaveDraftResult = { ok: true; savedAt: Date; risk: boolean } | { ok: false; reason: "submitted"; message: string };

/**
 * Saves one step's answers as typed (valid or not) so nothing is lost. A self-harm answer
 * flags the intake urgent immediately, not only on submit: someone may stop halfway.
 */
export async function saveDraft(
  clientId: string,
  step: AnsweredStepSlug,
  values: Record<string, unknown>,
  now = new Date(),
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
      data: { draftEnc: intakeFields.draft.seal(row.id, draft), draftVersion: { increment: 1 } },
    });
    const options = await getClinicalSettings(tx);
    const before = selfHarmRiskItems(previous, options);
    const after = selfHarmRiskItems(draft, options);
    const risk = after.phq9 || after.epds;
    if (risk) await flagUrgent(tx, row, (after.phq9 && !before.phq9) || (after.epds && !before.epds), now);
    return { ok: true as const, savedAt: now, risk };
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
    // The submitted answers are the last saved draft: any new positive answer was already seen
    // by saveDraft, so submitting never re-alerts a followed-up intake.
    if (scores.selfHarmRisk) await flagUrgent(tx, row, false, now);
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

export function completedSteps(draft: DraftAnswers, options: ClinicalOptions): Set<AnsweredStepSlug> {
  const done = new Set<AnsweredStepSlug>();
  for (const step of STEPS) {
    if (!step.schema) continue;
    const slug = step.slug as AnsweredStepSlug;
    if (step.schema.safeParse(draft[slug] ?? {}).success) done.add(slug);
  }
  const epds = (draft.screening as { epds?: unknown } | undefined)?.epds;
  if (options.epdsEnabled && !(Array.isArray(epds) && epds.length === 10 && epds.every((a) => Number.isInteger(a))))
    done.delete("screening");
  return done;
}
