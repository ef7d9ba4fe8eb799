/**
 * The one rule for "urgent". An intake is flagged urgent by a positive self-harm answer and
 * the flag is never cleared: the answer stays on record. It stops *needing attention* once
 * the intake is reviewed or the clinician records a follow-up; a follow-up counts until a new
 * risk answer moves urgentAt past it. The same rule as a function (for rows already read)
 * and as a query filter (for counts and guarded updates), and the one place that raises it.
 */
import "server-only";
import { enqueueEmail } from "@/lib/email/outbox";
import { clinicianUrgentIntakeNotice } from "@/lib/intake/emails";
import { prisma, type Tx } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { siteUrl } from "@/lib/platform/site";
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

/**
 * A positive answer to a risk item was recorded: flags the intake urgent and tells the
 * clinician once, in the caller's transaction (which holds the intake's row lock). Returns
 * whether it raised the flag now.
 *
 * The first positive answer raises it. After the clinician has recorded a follow-up, the flag
 * stays followed-up while the client keeps the same positive answer: no second email. It needs
 * her attention again (and she is emailed again) only when a risk item becomes positive anew
 * after the follow-up: its previous recorded answer was not positive (PHQ-9 item 9 changed
 * from "Not at all" to "Several days"), or it had none (EPDS item 10 turning positive when only
 * PHQ-9 item 9 was before). That moves urgentAt past urgentFollowedUpAt; the follow-up itself
 * is kept, so the history stays visible.
 */
export async function raiseUrgentFlag(
  tx: Tx,
  intake: { id: string } & UrgentFields,
  { newlyPositive, now }: { newlyPositive: boolean; now: Date },
): Promise<boolean> {
  if (intake.urgent && (needsUrgentAttention(intake) || !newlyPositive)) return false;
  await tx.intake.update({ where: { id: intake.id }, data: { urgent: true, urgentAt: now } });
  await enqueueEmail(tx, {
    kind: "intake.urgent.clinician",
    priority: 10,
    message: clinicianUrgentIntakeNotice({ to: env().CLINICIAN_NOTIFY_EMAIL, dashboardUrl: siteUrl(`/dashboard/intakes/${intake.id}`) }),
  });
  return true;
}
