"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireClient, requireClinician } from "@/lib/auth/session";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { markReviewed, markUrgentFollowedUp } from "@/lib/intake/review";
import { stepValuesFromForm } from "@/lib/intake/fields";
import { draftSchema, STEPS, stepIndex, stepSchemaFor, type AnsweredStepSlug } from "@/lib/intake/schema";
import { saveDraft, submitIntake } from "@/lib/intake/service";
import { epdsSchema, getClinicalSettings, setEpdsPermission } from "@/lib/intake/settings";
import { done, formValues, invalid, refused, type ActionResult, type ActionState } from "@/lib/platform/action";
import { formatDateTime } from "@/lib/platform/format";
import { fieldErrorsFrom, recordId, type FieldErrors } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";

// ---------------------------------------------------------------------------------------
// The client's side

export type DraftSaved = { savedAt: string; risk: boolean };

const NOT_SAVED = "Some answers could not be saved: please check them and try again.";

/** The autosave while she types (with JavaScript): the step's answers as typed, valid or not. */
export async function saveIntakeDraftAction(step: string, values: unknown): Promise<ActionResult<DraftSaved>> {
  const user = await requireClient("/portal/intake");
  const parsed = draftSchema.safeParse({ step, values });
  if (!parsed.success || parsed.data.step === "review") return refused(NOT_SAVED);
  const result = await saveDraft(user.id, parsed.data.step as AnsweredStepSlug, parsed.data.values);
  if (!result.ok) return refused(result.message);
  return done("Saved.", { savedAt: result.savedAt.toISOString(), risk: result.risk });
}

/**
 * A step's "Save and continue" or "Back": the form's own action, so it posts with or without
 * JavaScript and before the page's scripts have loaded. Saves what was typed in any case (so
 * nothing is lost), then moves on, or comes back with a message per question that still
 * needs an answer and everything typed kept.
 */
export async function saveIntakeStepAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClient("/portal/intake");
  if (!(formData instanceof FormData)) return refused(NOT_SAVED);
  const form = formValues(formData);
  const index = stepIndex(typeof form.step === "string" ? form.step : "");
  const step = STEPS[index];
  if (!step?.schema) return refused("This page of the questionnaire could not be found. Please reload it.", form);
  const slug = step.slug as AnsweredStepSlug;
  const options = await getClinicalSettings();
  const values = stepValuesFromForm(slug, form, options);
  const checked = stepSchemaFor(slug, options).safeParse(values);
  const bounded = draftSchema.safeParse({ step: slug, values });
  if (!bounded.success) return checked.success ? refused(NOT_SAVED, form) : invalid(checked.error, form, NOT_SAVED);

  const back = form.intent === "back";
  const target = back ? (STEPS[index - 1] ?? step) : checked.success ? STEPS[index + 1]! : step;
  const saved = await saveDraft(user.id, slug, bounded.data.values, new Date(), { resumeAt: target.slug });
  if (!saved.ok) redirect("/portal/intake");
  if (back || checked.success) redirect(`/portal/intake/${target.slug}`);
  return invalid(checked.error, form, "Your answers are saved. A few questions still need an answer before you continue.");
}

const SUBMIT_ISSUES = "A few answers still need your attention before you can submit. Nothing has been sent yet.";

/** Submits the whole intake; a step that is not complete comes back as a field error under the step's name. */
export async function submitIntakeAction(): Promise<ActionState> {
  const user = await requireClient("/portal/intake");
  const result = await submitIntake(user.id);
  if (result.ok || result.reason === "submitted") redirect(result.ok ? "/portal/intake?submitted=1" : "/portal/intake");
  const byStep: FieldErrors = {};
  for (const issue of result.issues) byStep[issue.step] ??= issue.message;
  return invalid(byStep, {}, SUBMIT_ISSUES);
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
