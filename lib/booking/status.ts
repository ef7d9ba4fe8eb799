/** The words for a booking's state, the same on every page (the clinician's and the client's). */
import type { BookingStatus } from "@/lib/generated/prisma/enums";

export const BOOKING_STATUS_LABEL: Record<BookingStatus, string> = {
  HOLD: "Waiting for email confirmation",
  CONFIRMED: "Confirmed",
  CANCELLED: "Cancelled",
  EXPIRED: "Not confirmed in time",
  COMPLETED: "Completed",
  NO_SHOW: "Did not attend",
};

/** Who cancelled, in the words every page uses. */
export function cancelledByLabel(by: "CLIENT" | "CLINICIAN" | null): string {
  return by === "CLIENT" ? "Cancelled by the client" : by === "CLINICIAN" ? "Cancelled by you" : "Cancelled";
}
