/**
 * The audit trail: who read or tried to read clinical data, and when. Never the data
 * itself. The table is append-only in the database.
 */
import "server-only";
import { prisma } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditActor = { id: string; role: "CLIENT" | "CLINICIAN" } | null;

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  clientId?: string | null;
  outcome: "allowed" | "denied";
};

export async function recordAudit(entry: AuditEntry, db: Prisma.TransactionClient | typeof prisma = prisma): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: entry.actor?.id ?? null,
      actorRole: entry.actor?.role ?? "ANONYMOUS",
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId ?? null,
      clientId: entry.clientId ?? null,
      outcome: entry.outcome,
    },
  });
}
