"use server";

import { redirect } from "next/navigation";
import { slotChoiceSchema } from "@/lib/booking/schema";
import { cancelBooking, rescheduleBooking } from "@/lib/booking/service";
import { requireClient } from "@/lib/auth/session";
import { recordId } from "@/lib/platform/validation";

export type ActionState = { error?: string; alternatives?: string[] } | undefined;

export async function rescheduleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = slotChoiceSchema.safeParse({ bookingId: formData.get("bookingId"), slotStart: formData.get("slotStart") });
  if (!parsed.success) return { error: "Please choose a new time from the list." };
  const user = await requireClient(`/portal/bookings/${encodeURIComponent(parsed.data.bookingId)}/reschedule`);
  const result = await rescheduleBooking(parsed.data.bookingId, user.id, new Date(parsed.data.slotStart));
  if (!result.ok) {
    return { error: result.message, alternatives: "alternatives" in result ? result.alternatives.map((s) => s.start.toISOString()) : undefined };
  }
  redirect("/portal?status=rescheduled");
}

export async function cancelAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClient("/portal");
  const parsed = recordId.safeParse(formData.get("bookingId"));
  if (!parsed.success) return { error: "We could not find that consultation." };
  const bookingId = parsed.data;
  const result = await cancelBooking(bookingId, user.id);
  if (!result.ok) return { error: result.message };
  redirect("/portal?status=cancelled");
}
