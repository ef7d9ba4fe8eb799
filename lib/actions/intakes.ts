"use server";

import { revalidatePath } from "next/cache";
import { z } from "@/lib/platform/zod";
import { recordId } from "@/lib/platform/validation";
import { requireClinician } from "@/lib/auth/session";
import { markReviewed, markUrgentFollowedUp } from "@/lib/intake/review";

const reviewSchema = z.object({
  intakeId: recordId,
  note: z.string().trim().max(5000, "Please keep the note under 5,000 characters."),
});

export type ReviewState = { ok: boolean; message: string } | undefined;

export async function markReviewedAction(_prev: ReviewState, formData: FormData): Promise<ReviewState> {
  const user = await requireClinician("/dashboard/intakes");
  const parsed = reviewSchema.safeParse({ intakeId: formData.get("intakeId"), note: formData.get("note") ?? "" });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Please check the note." };
  const done = await markReviewed(parsed.data.intakeId, user, parsed.data.note);
  if (!done) return { ok: false, message: "Only a submitted intake can be marked reviewed." };
  revalidatePath(`/dashboard/intakes/${parsed.data.intakeId}`);
  return { ok: true, message: "Marked as reviewed." };
}

const followUpSchema = z.object({
  intakeId: recordId,
  note: z.string().trim().max(2000, "Please keep the note under 2,000 characters."),
});

export type FollowUpState = { ok: boolean; message: string } | undefined;

export async function markUrgentFollowedUpAction(_prev: FollowUpState, formData: FormData): Promise<FollowUpState> {
  const user = await requireClinician("/dashboard/intakes");
  const parsed = followUpSchema.safeParse({ intakeId: formData.get("intakeId"), note: formData.get("note") ?? "" });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Please check the note." };
  const done = await markUrgentFollowedUp(parsed.data.intakeId, user, parsed.data.note);
  if (!done) return { ok: false, message: "Only an urgent intake that has not been reviewed or followed up yet can be marked as followed up." };
  revalidatePath(`/dashboard/intakes/${parsed.data.intakeId}`);
  revalidatePath("/dashboard");
  return { ok: true, message: "Follow-up recorded. This intake no longer counts as urgent." };
}
