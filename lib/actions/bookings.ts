"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/platform/zod";
import { recordId } from "@/lib/platform/validation";
import { prisma } from "@/lib/platform/db";
import { recordAudit } from "@/lib/audit/record";
import { requireClinician } from "@/lib/auth/session";
import { cancelBookingByClinician, recordBookingOutcome } from "@/lib/booking/service";

const schema = z.object({
  bookingId: recordId,
  action: z.enum(["cancel", "COMPLETED", "NO_SHOW"]),
});

export type BookingActionState = { ok: boolean; message: string } | undefined;

export async function clinicianBookingAction(_prev: BookingActionState, formData: FormData): Promise<BookingActionState> {
  const user = await requireClinician("/dashboard/bookings");
  const parsed = schema.safeParse({ bookingId: formData.get("bookingId"), action: formData.get("action") });
  if (!parsed.success) return { ok: false, message: "That action is not available." };
  const { bookingId, action } = parsed.data;
  const done = action === "cancel" ? await cancelBookingByClinician(bookingId) : await recordBookingOutcome(bookingId, action);
  // The client's id lets the audit trail be filtered by client.
  const clientId = (await prisma.booking.findUnique({ where: { id: bookingId }, select: { clientId: true } }))?.clientId ?? null;
  await recordAudit({ actor: { id: user.id, role: user.role }, action: `booking.${action.toLowerCase()}`, subjectType: "Booking", subjectId: bookingId, clientId, outcome: done ? "allowed" : "denied" });
  revalidatePath("/dashboard/bookings");
  if (!done) return { ok: false, message: "That consultation could not be changed; it may have changed already." };
  return { ok: true, message: action === "cancel" ? "Cancelled. The client has been emailed." : "Saved." };
}
