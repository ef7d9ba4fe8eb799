"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireClient, requireClinician } from "@/lib/auth/session";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { markReviewed, markUrgentFollowedUp } from "@/lib/intake/review";
import { draftSchema, STEPS, type AnsweredStepSlug } from "@/lib/intake/schema";
import { saveDraft, submitIntake } from "@/lib/intake/service";
import { epdsSchema, setEpdsPermission } from "@/lib/intake/settings";
import { formatDateTime } from "@/lib/platform/format";
import { fieldErrorsFrom, recordId, type FieldErrors } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";

// ---------------------------------------------------------------------------------------
// The client's side

export type SaveState = { ok: true; savedAt: string; risk: boolean } | { ok: false; message: string };

export async function saveIntakeDraftAction(step: string, values: unknown): Promise<SaveState> {
  const user = await requireClient("/portal/intake");
  const parsed = draftSchema.safeParse({ step, values });
  if (!parsed.success || parsed.data.step === "review")
    return { ok: false, message: "Some answers could not be saved: please check them and try again." };
  const result = await saveDraft(user.id, parsed.data.step as AnsweredStepSlug, parsed.data.values);
  if (!result.ok) return { ok: false, message: result.message };
  return { ok: true, savedAt: result.savedAt.toISOString(), risk: result.risk };
}

export type SubmitState = { message: string; issues?: { step: string; title: string; message: string }[] } | undefined;

export async function submitIntakeAction(): Promise<SubmitState> {
  const user = await requireClient("/portal/intake");
  const result = await submitIntake(user.id);
  if (result.ok) redirect(`/portal/intake?submitted=1${result.risk ? "&support=1" : ""}`);
  if (result.reason === "submitted") redirect("/portal/intake");
  return {
    message: "A few answers still need your attention before you can submit. Nothing has been sent yet.",
    issues: result.issues.map((issue) => ({ ...issue, title: STEPS.find((s) => s.slug === issue.step)?.title ?? issue.step })),
  };
}

// ---------------------------------------------------------------------------------------
// The clinician's side

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
  if (!done)
    return { ok: false, message: "Only an urgent intake that has not been reviewed or followed up yet can be marked as followed up." };
  revalidatePath(`/dashboard/intakes/${parsed.data.intakeId}`);
  revalidatePath("/dashboard");
  return { ok: true, message: "Follow-up recorded. This intake no longer counts as urgent." };
}

export type EpdsView = {
  epdsEnabled: boolean;
  epdsSensitiveCutoff: boolean;
  epdsPermissionBy: string | null;
  epdsPermissionAt: string | null;
};

export type EpdsState = { ok: true; settings: EpdsView } | { ok: false; message: string; fieldErrors?: FieldErrors };

export async function saveEpdsAction(input: unknown): Promise<EpdsState> {
  const user = await requireClinician("/dashboard/profile");
  const parsed = epdsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "The EPDS setting was not changed.", fieldErrors: fieldErrorsFrom(parsed.error) };
  const settings = await setEpdsPermission(parsed.data, user);
  // Who confirmed and when, with the time in the practice's zone, for display.
  const timeZone = await getPracticeTimeZone();
  return {
    ok: true,
    settings: { ...settings, epdsPermissionAt: settings.epdsPermissionAt ? formatDateTime(settings.epdsPermissionAt, timeZone) : null },
  };
}
