/** The words for an intake's state, the same on every page. */
import type { IntakeStatus } from "@/lib/generated/prisma/enums";

export const INTAKE_STATUS_LABEL: Record<IntakeStatus, string> = {
  DRAFT: "In progress",
  SUBMITTED: "New",
  REVIEWED: "Reviewed",
};

/** An intake whose answers or scores could not be decrypted (tampered, or its key is missing). */
export const INTAKE_UNREADABLE_LABEL = "Could not be read";
