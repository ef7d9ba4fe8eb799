import { StatusBadge } from "@/components/ui/status-badge";
import { INTAKE_STATUS_LABEL } from "@/lib/intake/status";
import type { IntakeStatus } from "@/lib/generated/prisma/enums";

/** The urgent flag (still needing attention, or followed up) and the intake's state, as every list and page shows them. */
export function IntakeStatusBadges({
  status,
  urgent,
  needsUrgentAttention,
}: {
  status: IntakeStatus;
  urgent: boolean;
  needsUrgentAttention: boolean;
}) {
  return (
    <>
      {needsUrgentAttention ? (
        <StatusBadge tone="urgent">Urgent</StatusBadge>
      ) : (
        urgent && <StatusBadge tone="was-urgent">Was urgent</StatusBadge>
      )}{" "}
      <StatusBadge tone={status === "REVIEWED" ? "ok" : "neutral"}>{INTAKE_STATUS_LABEL[status]}</StatusBadge>
    </>
  );
}
