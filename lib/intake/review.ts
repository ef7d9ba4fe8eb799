/**
 * The clinician's view of intakes. Every read of clinical content is audited; the list
 * shows scores and bands (clinical), so viewing it is audited too.
 */
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { CurrentUser } from "@/lib/auth/session";
import type { DraftAnswers, IntakeAnswers, NoteRelease } from "@/lib/intake/schema";
import type { IntakeScores } from "@/lib/intake/scoring";
import { intakeFields } from "@/lib/intake/sealed";
import { needsUrgentAttention, needsUrgentAttentionWhere } from "@/lib/intake/urgency";
import { prisma } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { errorCode, logger } from "@/lib/platform/logger";

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
  /** Its answers or scores could not be decrypted (tampered, or a key missing): shown as such, never failing the list. */
  unreadable: boolean;
};

const actorOf = (user: CurrentUser) => ({ id: user.id, role: user.role });

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
  const items = rows.map((row): IntakeListItem => {
    const item: IntakeListItem = {
      id: row.id,
      clientEmail: row.client.email,
      name: null,
      status: row.status,
      urgent: row.urgent,
      urgentAt: row.urgentAt,
      needsUrgentAttention: needsUrgentAttention(row),
      urgentFollowedUpAt: row.urgentFollowedUpAt,
      urgentFollowedUpBy: row.urgentFollowedUpBy?.email ?? null,
      submittedAt: row.submittedAt,
      scores: null,
      unreadable: false,
    };
    // One row that does not decrypt must not hide the others (the urgent ones least of all):
    // it is listed with what is plain (status, urgency, dates) and marked, and logged by id.
    try {
      const answers: Partial<IntakeAnswers> | null = row.answersEnc
        ? intakeFields.answers.open(row.id, row.answersEnc)
        : row.draftEnc
          ? (intakeFields.draft.open(row.id, row.draftEnc) as Partial<IntakeAnswers>)
          : null;
      const about = answers?.["about-you"] as { preferredName?: string; legalName?: string } | undefined;
      item.name = about?.preferredName || about?.legalName || null;
      item.scores = row.scoresEnc ? intakeFields.scores.open(row.id, row.scoresEnc) : null;
    } catch (error) {
      logger.error({ event: "intake.unreadable", intakeId: row.id, errorCode: errorCode(error) }, "an intake could not be decrypted");
      return { ...item, name: null, scores: null, unreadable: true };
    }
    return item;
  });
  // Stable: ties keep the query's order.
  return items.sort((a, b) => {
    if (a.needsUrgentAttention !== b.needsUrgentAttention) return a.needsUrgentAttention ? -1 : 1;
    return a.needsUrgentAttention ? 0 : CALM_ORDER[a.status] - CALM_ORDER[b.status];
  });
}

export type UrgentFollowUp = { at: Date; by: string | null; note: string | null; noteReleasedAt: Date | null };

export type IntakeReviewInfo = {
  reviewedAt: Date | null;
  note: string | null;
  /** When the review note was shared with the client; null while it is private. */
  noteReleasedAt: Date | null;
  draft: DraftAnswers | null;
  clientEmail: string;
  needsUrgentAttention: boolean;
  /** The clinician's follow-up on the urgent flag, if any; kept after a new risk answer too. */
  urgentFollowUp: UrgentFollowUp | null;
};

/** Review state and, for an urgent intake not yet submitted, what the client has typed so far. */
export async function getReviewInfo(intakeId: string): Promise<IntakeReviewInfo | null> {
  const row = await prisma.intake.findUnique({
    where: { id: intakeId },
    select: {
      id: true,
      status: true,
      ...urgentFields,
      urgentFollowUpNoteEnc: true,
      urgentFollowUpNoteReleasedAt: true,
      reviewedAt: true,
      reviewNoteEnc: true,
      reviewNoteReleasedAt: true,
      draftEnc: true,
      client: { select: { email: true } },
    },
  });
  if (!row) return null;
  return {
    reviewedAt: row.reviewedAt,
    note: row.reviewNoteEnc ? intakeFields.reviewNote.open(row.id, row.reviewNoteEnc) : null,
    noteReleasedAt: row.reviewNoteReleasedAt,
    draft: row.status === "DRAFT" && row.draftEnc ? intakeFields.draft.open(row.id, row.draftEnc) : null,
    clientEmail: row.client.email,
    needsUrgentAttention: needsUrgentAttention(row),
    urgentFollowUp: row.urgentFollowedUpAt
      ? {
          at: row.urgentFollowedUpAt,
          by: row.urgentFollowedUpBy?.email ?? null,
          note: row.urgentFollowUpNoteEnc ? intakeFields.urgentFollowUpNote.open(row.id, row.urgentFollowUpNoteEnc) : null,
          noteReleasedAt: row.urgentFollowUpNoteReleasedAt,
        }
      : null,
  };
}

/** Whose intake it is, so that the audit trail can be filtered by client. */
async function clientOfIntake(intakeId: string): Promise<string | null> {
  return (await prisma.intake.findUnique({ where: { id: intakeId }, select: { clientId: true } }))?.clientId ?? null;
}

export function markReviewed(intakeId: string, clinician: CurrentUser, note: string, now = new Date()): Promise<boolean> {
  return changeAsClinician(
    intakeId,
    clinician,
    "intake.review",
    { status: { in: ["SUBMITTED", "REVIEWED"] } },
    {
      status: "REVIEWED",
      reviewedAt: now,
      reviewNoteEnc: note ? intakeFields.reviewNote.seal(intakeId, note) : null,
      // A note written again is private again until she shares it again.
      reviewNoteReleasedAt: null,
    },
  );
}

/**
 * The clinician records that she has followed up on an urgent flag, on a draft or a submitted
 * intake, so it stops counting as urgent without waiting for the client to submit. Refused
 * (false, audited as denied) unless the intake currently needs urgent attention: not urgent,
 * already reviewed, or already followed up since the last new risk answer. A follow-up after a
 * new risk answer replaces the previous one on the row; the audit trail keeps both.
 */
export function markUrgentFollowedUp(intakeId: string, clinician: CurrentUser, note: string, now = new Date()): Promise<boolean> {
  return changeAsClinician(intakeId, clinician, "intake.urgent.followup", needsUrgentAttentionWhere(), {
    urgentFollowedUpAt: now,
    urgentFollowedUpById: clinician.id,
    urgentFollowUpNoteEnc: note ? intakeFields.urgentFollowUpNote.seal(intakeId, note) : null,
    urgentFollowUpNoteReleasedAt: null,
  });
}

/**
 * Shares one of her notes with the client, or stops sharing it: the client's copy of her
 * records (lib/privacy/export.ts) shows a note only while it is shared. Refused (false,
 * audited as denied) when there is no such note.
 */
export function setNoteRelease(release: NoteRelease, clinician: CurrentUser, now = new Date()): Promise<boolean> {
  const review = release.note === "review";
  const at = release.intent === "share" ? now : null;
  return changeAsClinician(
    release.intakeId,
    clinician,
    `intake.note.${release.intent}`,
    review ? { reviewNoteEnc: { not: null } } : { urgentFollowUpNoteEnc: { not: null } },
    review ? { reviewNoteReleasedAt: at } : { urgentFollowUpNoteReleasedAt: at },
  );
}

/** One conditional change to an intake by the clinician, in the audit trail as allowed or denied. */
async function changeAsClinician(
  intakeId: string,
  clinician: CurrentUser,
  action: string,
  where: Prisma.IntakeWhereInput,
  data: Prisma.IntakeUncheckedUpdateManyInput,
): Promise<boolean> {
  const result = await prisma.intake.updateMany({ where: { id: intakeId, ...where }, data });
  await recordAudit({
    actor: actorOf(clinician),
    action,
    subjectType: "Intake",
    subjectId: intakeId,
    clientId: await clientOfIntake(intakeId),
    outcome: result.count === 1 ? "allowed" : "denied",
  });
  return result.count === 1;
}

/** For the overview: how many intakes need urgent attention, and how many wait for review. No clinical content, so not audited. */
export async function countIntakes(): Promise<{ urgent: number; submitted: number }> {
  const [urgent, submitted] = await Promise.all([
    // A followed-up flag no longer counts (the intake still shows as was-urgent in the list).
    prisma.intake.count({ where: needsUrgentAttentionWhere() }),
    prisma.intake.count({ where: { status: "SUBMITTED" } }),
  ]);
  return { urgent, submitted };
}
