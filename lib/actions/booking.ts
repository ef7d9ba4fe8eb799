"use server";

import { redirect } from "next/navigation";
import { requireClient, requireClinician } from "@/lib/auth/session";
import { availabilitySchema, saveAvailability } from "@/lib/booking/rules";
import { slotChoiceSchema } from "@/lib/booking/schema";
import { cancelBooking, changeBookingByClinician, rescheduleBooking } from "@/lib/booking/service";
import { fieldErrorsFrom, recordId, type FieldErrors } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";
import { revalidatePath } from "next/cache";

// ---------------------------------------------------------------------------------------
// The client's side

export type ActionState = { error?: string; alternatives?: string[] } | undefined;

export async function rescheduleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = slotChoiceSchema.safeParse({ bookingId: formData.get("bookingId"), slotStart: formData.get("slotStart") });
  if (!parsed.success) return { error: "Please choose a new time from the list." };
  const user = await requireClient(`/portal/bookings/${encodeURIComponent(parsed.data.bookingId)}/reschedule`);
  const result = await rescheduleBooking(parsed.data.bookingId, user.id, new Date(parsed.data.slotStart));
  if (!result.ok) {
    return {
      error: result.message,
      alternatives: "alternatives" in result ? result.alternatives.map((s) => s.start.toISOString()) : undefined,
    };
  }
  redirect("/portal?status=rescheduled");
}

export async function cancelAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClient("/portal");
  const parsed = recordId.safeParse(formData.get("bookingId"));
  if (!parsed.success) return { error: "We could not find that consultation." };
  const result = await cancelBooking(parsed.data, user.id);
  if (!result.ok) return { error: result.message };
  redirect("/portal?status=cancelled");
}

// ---------------------------------------------------------------------------------------
// The clinician's side

const clinicianChangeSchema = z.object({
  bookingId: recordId,
  action: z.enum(["cancel", "COMPLETED", "NO_SHOW"]),
});

export type BookingActionState = { ok: boolean; message: string } | undefined;

export async function clinicianBookingAction(_prev: BookingActionState, formData: FormData): Promise<BookingActionState> {
  const user = await requireClinician("/dashboard/bookings");
  const parsed = clinicianChangeSchema.safeParse({ bookingId: formData.get("bookingId"), action: formData.get("action") });
  if (!parsed.success) return { ok: false, message: "That action is not available." };
  const done = await changeBookingByClinician(parsed.data.bookingId, parsed.data.action, user);
  revalidatePath("/dashboard/bookings");
  if (!done) return { ok: false, message: "That consultation could not be changed; it may have changed already." };
  return { ok: true, message: parsed.data.action === "cancel" ? "Cancelled. The client has been emailed." : "Saved." };
}

export type AvailabilityState =
  { ok: true; outside: { id: string; label: string; email: string }[] } | { ok: false; message: string; fieldErrors?: FieldErrors };

export async function saveAvailabilityAction(input: unknown): Promise<AvailabilityState> {
  await requireClinician("/dashboard/availability");
  const parsed = availabilitySchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      message: "Nothing was saved yet. Please correct the highlighted fields.",
      fieldErrors: fieldErrorsFrom(parsed.error),
    };
  const outside = await saveAvailability(parsed.data);
  // /book renders on every request, so it already offers the new times.
  return { ok: true, outside: outside.map(({ id, label, email }) => ({ id, label, email })) };
}
