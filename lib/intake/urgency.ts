/**
 * The one rule for "urgent". An intake is flagged urgent by a positive self-harm answer and
 * the flag is never cleared: the answer stays on record. It stops *needing attention* once
 * the intake is reviewed or the clinician records a follow-up; a follow-up counts until a new
 * risk answer moves urgentAt past it. The same rule as a function (for rows already read)
 * and as a query filter (for counts and guarded updates).
 */
import "server-only";
import { prisma } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type UrgentFields = { urgent: boolean; status: string; urgentAt: Date | null; urgentFollowedUpAt: Date | null };

export function needsUrgentAttention(row: UrgentFields): boolean {
  if (!row.urgent || row.status === "REVIEWED") return false;
  if (row.urgentFollowedUpAt === null) return true;
  return row.urgentAt !== null && row.urgentAt > row.urgentFollowedUpAt;
}

export function needsUrgentAttentionWhere(): Prisma.IntakeWhereInput {
  return {
    urgent: true,
    status: { not: "REVIEWED" },
    OR: [{ urgentFollowedUpAt: null }, { urgentAt: { gt: prisma.intake.fields.urgentFollowedUpAt } }],
  };
}
