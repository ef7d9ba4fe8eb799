/** The words for an intake's state, the same on every page. */
import type { IntakeStatus } from "@/lib/generated/prisma/enums";

export const INTAKE_STATUS_LABEL: Record<IntakeStatus, string> = {
  DRAFT: "In progress",
  SUBMITTED: "New",
  REVIEWED: "Reviewed",
};
