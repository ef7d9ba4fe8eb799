/**
 * The clinician's view of intakes. Every read of clinical content is audited; the list
 * shows scores and bands (clinical), so viewing it is audited too.
 */
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/session";
import { decryptJson, encryptField, decryptField } from "@/lib/platform/crypto";
import { prisma } from "@/lib/platform/db";
import type { DraftAnswers, IntakeAnswers } from "@/lib/intake/schema";
import type { IntakeScores } from "@/lib/intake/service";
import type { Prisma } from "@/lib/generated/prisma/client";
import { keyRing } from "@/lib/platform/keys";

export type IntakeListItem = {
  id: string;
  clientEmail: string;
  name: string | null;
  status: "DRAFT" | "SUBMITTED" | "REVIEWED";
  urgent: boolean;
  submittedAt: Date | null;
  urgentAt: Date | null;
  /** Urgent, not reviewed, and not followed up since the last new risk answer. */
  needsUrgentAttention: boolean;
  urgentFollowedUpAt: Date | null;
  urgentFollowedUpBy: string | null;
  scores: IntakeScores | null;
};

const actorOf = (user: CurrentUser) => ({ id: user.id, role: user.role });

type UrgentFields = { urgent: boolean; status: string; urgentAt: Date | null; urgentFollowedUpAt: Date | null };

/**
 * An urgent intake stops needing attention once it is reviewed or its flag followed up. A
 * follow-up counts until a new risk answer moves urgentAt past it (see flagUrgent in
 * lib/intake/service.ts). `urgent` itself is never cleared: the risk answer stays on record.
 */
export function needsUrgentAttention(row: UrgentFields): boolean {
  if (!row.urgent || row.status === "REVIEWED") return false;
  if (row.urgentFollowedUpAt === null) return true;
  return row.urgentAt !== null && row.urgentAt > row.urgentFollowedUpAt;
}

/** The same rule as needsUrgentAttention, as a query filter (for counts and guarded updates). */
export function needsUrgentAttentionWhere(): Prisma.IntakeWhereInput {
  return {
    urgent: true,
    status: { not: "REVIEWED" },
    OR: [{ urgentFollowedUpAt: null }, { urgentAt: { gt: prisma.intake.fields.urgentFollowedUpAt } }],
  };
}

// Among intakes that no longer need urgent attention, new submissions (to review) come first,
// then followed-up drafts (waiting on the client), then reviewed ones.
const CALM_ORDER = { SUBMITTED: 0, DRAFT: 1, REVIEWED: 2 } as const;

/** The urgent flag and its follow-up, as the list and the detail page both show them. */
const urgentFields = {
  urgent: true,
  urgentAt: true,
  urgentFollowedUpAt: true,
  urgentFollowedUpBy: { select: { email: true } },
} as const;

/**
 * Submitted and reviewed intakes, plus drafts flagged urgent (followed up or not); those still
 * needing urgent attention first.
 */
export async function listIntakes(clinician: CurrentUser): Promise<IntakeListItem[]> {
  const rows = await prisma.intake.findMany({
    where: { OR: [{ status: { in: ["SUBMITTED", "REVIEWED"] } }, { urgent: true }] },
    orderBy: [{ urgent: "desc" }, { status: "asc" }, { submittedAt: "desc" }, { updatedAt: "desc" }],
    select: {
      id: true,
      status: true,
      ...urgentFields,
      submittedAt: true,
      answersEnc: true,
      draftEnc: true,
      scoresEnc: true,
      client: { select: { email: true } },
    },
    // Urgent first in the query, so that every urgent intake is inside the 200 taken.
    take: 200,
  });
  await recordAudit({ actor: actorOf(clinician), action: "intake.list", subjectType: "Intake", outcome: "allowed" });
  const ring = keyRing();
  const items = rows.map((row): IntakeListItem => {
    const answers = row.answersEnc
      ? decryptJson<IntakeAnswers>(ring, row.answersEnc, `Intake.answers:${row.id}`)
      : row.draftEnc
        ? (decryptJson<DraftAnswers>(ring, row.draftEnc, `Intake.draft:${row.id}`) as Partial<IntakeAnswers>)
        : null;
    const about = answers?.["about-you"] as { preferredName?: string; legalName?: string } | undefined;
    return {
      id: row.id,
      clientEmail: row.client.email,
      name: about?.preferredName || about?.legalName || null,
      status: row.status,
      urgent: row.urgent,
      urgentAt: row.urgentAt,
      needsUrgentAttention: needsUrgentAttention(row),
      urgentFollowedUpAt: row.urgentFollowedUpAt,
      urgentFollowedUpBy: row.urgentFollowedUpBy?.email ?? null,
      submittedAt: row.submittedAt,
      scores: row.scoresEnc ? decryptJson<IntakeScores>(ring, row.scoresEnc, `Intake.scores:${row.id}`) : null,
    };
  });
  // Stable: ties keep the query's order.
  return items.sort((a, b) => {
    if (a.needsUrgentAttention !== b.needsUrgentAttention) return a.needsUrgentAttention ? -1 : 1;
    return a.needsUrgentAttention ? 0 : CALM_ORDER[a.status] - CALM_ORDER[b.status];
  });
}

export type UrgentFollowUp = { at: Date; by: string | null; note: string | null };

export type IntakeReviewInfo = {
  reviewedAt: Date | null;
  note: string | null;
  draft: DraftAnswers | null;
  clientEmail: string;
  needsUrgentAttention: boolean;
  /** The clinician's follow-up on the urgent flag, if any; kept after a new risk answer too. */
  urgentFollowUp: UrgentFollowUp | null;
};

const followUpAad = (intakeId: string) => `Intake.urgentFollowUpNote:${intakeId}`;

/** Review state and, for an urgent intake not yet submitted, what the client has typed so far. */
export async function getReviewInfo(intakeId: string): Promise<IntakeReviewInfo | null> {
  const row = await prisma.intake.findUnique({
    where: { id: intakeId },
    select: {
      id: true,
      status: true,
      ...urgentFields,
      urgentFollowUpNoteEnc: true,
      reviewedAt: true,
      reviewNoteEnc: true,
      draftEnc: true,
      client: { select: { email: true } },
    },
  });
  if (!row) return null;
  const ring = keyRing();
  return {
    reviewedAt: row.reviewedAt,
    note: row.reviewNoteEnc ? decryptField(ring, row.reviewNoteEnc, `Intake.reviewNote:${row.id}`) : null,
    draft: row.status === "DRAFT" && row.draftEnc ? decryptJson<DraftAnswers>(ring, row.draftEnc, `Intake.draft:${row.id}`) : null,
    clientEmail: row.client.email,
    needsUrgentAttention: needsUrgentAttention(row),
    urgentFollowUp: row.urgentFollowedUpAt
      ? {
          at: row.urgentFollowedUpAt,
          by: row.urgentFollowedUpBy?.email ?? null,
          note: row.urgentFollowUpNoteEnc ? decryptField(ring, row.urgentFollowUpNoteEnc, followUpAad(row.id)) : null,
        }
      : null,
  };
}

/** Whose intake it is, so that the audit trail can be filtered by client. */
async function clientOfIntake(intakeId: string): Promise<string | null> {
  return (await prisma.intake.findUnique({ where: { id: intakeId }, select: { clientId: true } }))?.clientId ?? null;
}

export async function markReviewed(intakeId: string, clinician: CurrentUser, note: string, now = new Date()): Promise<boolean> {
  const result = await prisma.intake.updateMany({
    where: { id: intakeId, status: { in: ["SUBMITTED", "REVIEWED"] } },
    data: {
      status: "REVIEWED",
      reviewedAt: now,
      reviewNoteEnc: note ? encryptField(keyRing(), note, `Intake.reviewNote:${intakeId}`) : null,
    },
  });
  await recordAudit({
    actor: actorOf(clinician),
    action: "intake.review",
    subjectType: "Intake",
    subjectId: intakeId,
    clientId: await clientOfIntake(intakeId),
    outcome: result.count === 1 ? "allowed" : "denied",
  });
  return result.count === 1;
}

/**
 * The clinician records that she has followed up on an urgent flag, on a draft or a submitted
 * intake, so it stops counting as urgent without waiting for the client to submit. Refused
 * (false, audited as denied) unless the intake currently needs urgent attention: not urgent,
 * already reviewed, or already followed up since the last new risk answer. A follow-up after a
 * new risk answer replaces the previous one on the row; the audit trail keeps both.
 */
export async function markUrgentFollowedUp(intakeId: string, clinician: CurrentUser, note: string, now = new Date()): Promise<boolean> {
  const result = await prisma.intake.updateMany({
    where: { id: intakeId, ...needsUrgentAttentionWhere() },
    data: {
      urgentFollowedUpAt: now,
      urgentFollowedUpById: clinician.id,
      urgentFollowUpNoteEnc: note ? encryptField(keyRing(), note, followUpAad(intakeId)) : null,
    },
  });
  await recordAudit({
    actor: actorOf(clinician),
    action: "intake.urgent.followup",
    subjectType: "Intake",
    subjectId: intakeId,
    clientId: await clientOfIntake(intakeId),
    outcome: result.count === 1 ? "allowed" : "denied",
  });
  return result.count === 1;
}
