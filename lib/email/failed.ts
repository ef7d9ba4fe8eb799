/**
 * Emails the outbox gave up on, for the clinician to see and retry. The payload (recipient,
 * subject, bodies) is encrypted and is never read here; only its kind, attempt count and the
 * SMTP error are.
 */
import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { prisma } from "@/lib/platform/db";

const KIND_EVENTS: Record<string, string> = {
  "booking.confirmed": "Booking confirmed",
  "booking.rescheduled": "Booking rescheduled",
  "booking.cancelled": "Booking cancelled",
  "booking.reminder": "Consultation reminder",
  "intake.submitted": "Intake submitted",
  "intake.urgent": "Urgent intake",
};

const RECIPIENTS: Record<string, string> = {
  client: "to client",
  clinician: "to clinician",
};

function sentenceCase(words: string): string {
  const text = words.replace(/[._-]+/g, " ").trim();
  return text ? text[0]!.toUpperCase() + text.slice(1) : "Email";
}

/** "booking.confirmed.client" → "Booking confirmed — to client". Unknown kinds stay readable. */
export function emailKindLabel(kind: string): string {
  const parts = kind.split(".");
  const last = parts.at(-1) ?? "";
  const recipient = parts.length > 1 ? RECIPIENTS[last] : undefined;
  const event = recipient ? parts.slice(0, -1).join(".") : kind;
  const eventLabel = KIND_EVENTS[event] ?? sentenceCase(event);
  return recipient ? `${eventLabel} — ${recipient}` : eventLabel;
}

export type FailedEmail = {
  id: string;
  kind: string;
  label: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Emails the outbox stopped trying, most recent failure first. Never selects the payload. */
export async function listFailedEmails(limit = 200): Promise<FailedEmail[]> {
  const rows = await prisma.outboxEmail.findMany({
    where: { status: "FAILED" },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: limit,
    select: { id: true, kind: true, attempts: true, maxAttempts: true, lastError: true, createdAt: true, updatedAt: true },
  });
  return rows.map((row) => ({ ...row, label: emailKindLabel(row.kind) }));
}

/**
 * Puts a FAILED email back in the queue for an immediate, fresh round of attempts.
 * lastError stays until a delivery succeeds, so a retry that fails again still explains
 * itself. Only FAILED rows change; returns whether this one did. With an actor, the retry
 * is recorded in the audit trail in the same transaction.
 */
export async function retryEmail(id: string, options: { actor?: AuditActor; now?: Date } = {}): Promise<boolean> {
  const now = options.now ?? new Date();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.outboxEmail.updateMany({
      where: { id, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, sendAfter: now, lockedUntil: null, updatedAt: now },
    });
    if (count === 0) return false;
    if (options.actor !== undefined) {
      const row = await tx.outboxEmail.findUnique({ where: { id }, select: { booking: { select: { clientId: true } } } });
      await recordAudit(
        {
          actor: options.actor,
          action: "email.retry",
          subjectType: "OutboxEmail",
          subjectId: id,
          clientId: row?.booking?.clientId ?? null,
          outcome: "allowed",
        },
        tx,
      );
    }
    return true;
  });
}

export async function countFailedEmails(): Promise<number> {
  return prisma.outboxEmail.count({ where: { status: "FAILED" } });
}
