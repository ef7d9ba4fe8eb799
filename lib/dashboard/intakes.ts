/**
 * The clinician's view of intakes. Every read of clinical content is audited; the list
 * shows scores and bands (clinical), so viewing it is audited too.
 */
import { recordAudit } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { decryptJson, encryptField, decryptField } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import type { DraftAnswers, IntakeAnswers } from "@/lib/intake/schema";
import type { IntakeScores } from "@/lib/intake/service";
import { keyRing } from "@/lib/keys";

export type IntakeListItem = {
  id: string;
  clientEmail: string;
  name: string | null;
  status: "DRAFT" | "SUBMITTED" | "REVIEWED";
  urgent: boolean;
  submittedAt: Date | null;
  urgentAt: Date | null;
  scores: IntakeScores | null;
};

const actorOf = (user: CurrentUser) => ({ id: user.id, role: user.role });

/** Submitted and reviewed intakes, plus drafts flagged urgent; urgent first. */
export async function listIntakes(clinician: CurrentUser): Promise<IntakeListItem[]> {
  const rows = await prisma.intake.findMany({
    where: { OR: [{ status: { in: ["SUBMITTED", "REVIEWED"] } }, { urgent: true }] },
    orderBy: [{ urgent: "desc" }, { status: "asc" }, { submittedAt: "desc" }, { updatedAt: "desc" }],
    select: { id: true, status: true, urgent: true, urgentAt: true, submittedAt: true, answersEnc: true, draftEnc: true, scoresEnc: true, client: { select: { email: true } } },
    take: 200,
  });
  await recordAudit({ actor: actorOf(clinician), action: "intake.list", subjectType: "Intake", outcome: "allowed" });
  const ring = keyRing();
  return rows.map((row) => {
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
      submittedAt: row.submittedAt,
      scores: row.scoresEnc ? decryptJson<IntakeScores>(ring, row.scoresEnc, `Intake.scores:${row.id}`) : null,
    };
  });
}

export type IntakeReviewInfo = { reviewedAt: Date | null; note: string | null; draft: DraftAnswers | null; clientEmail: string };

/** Review state and, for an urgent intake not yet submitted, what the client has typed so far. */
export async function getReviewInfo(intakeId: string): Promise<IntakeReviewInfo | null> {
  const row = await prisma.intake.findUnique({
    where: { id: intakeId },
    select: { id: true, status: true, reviewedAt: true, reviewNoteEnc: true, draftEnc: true, client: { select: { email: true } } },
  });
  if (!row) return null;
  const ring = keyRing();
  return {
    reviewedAt: row.reviewedAt,
    note: row.reviewNoteEnc ? decryptField(ring, row.reviewNoteEnc, `Intake.reviewNote:${row.id}`) : null,
    draft: row.status === "DRAFT" && row.draftEnc ? decryptJson<DraftAnswers>(ring, row.draftEnc, `Intake.draft:${row.id}`) : null,
    clientEmail: row.client.email,
  };
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
    outcome: result.count === 1 ? "allowed" : "denied",
  });
  return result.count === 1;
}
