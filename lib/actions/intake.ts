"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireClient, requireClinician } from "@/lib/auth/session";
import { markReviewed, markUrgentFollowedUp, setNoteRelease } from "@/lib/intake/review";
import { stepValuesFromForm } from "@/lib/intake/fields";
import {
  draftSchema,
  epdsSchema,
  followUpNoteSchema,
  noteReleaseSchema,
  reviewNoteSchema,
  STEPS,
  stepIndex,
  stepSchemaFor,
  type AnsweredStepSlug,
} from "@/lib/intake/schema";
import { saveDraft, submitIntake } from "@/lib/intake/service";
import { getClinicalSettings, setEpdsPermission } from "@/lib/intake/settings";
import { done, formValues, invalid, refused, type ActionResult, type ActionState } from "@/lib/platform/action";
import type { FieldErrors } from "@/lib/platform/validation";

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

/**
 * The review note and the urgent follow-up note: the same form (the intake's id and a note)
 * for two different writes. The guard stays in each action, before anything else.
 */
async function saveIntakeNote(
  formData: FormData,
  schema: typeof reviewNoteSchema,
  write: (intakeId: string, note: string) => Promise<boolean>,
  answers: { done: string; refused: string },
): Promise<ActionState> {
  const values = formValues(formData);
  const parsed = schema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  if (!(await write(parsed.data.intakeId, parsed.data.note))) return refused(answers.refused, values);
  revalidatePath(`/dashboard/intakes/${parsed.data.intakeId}`);
  // The overview counts urgent and new intakes.
  revalidatePath("/dashboard");
  return done(answers.done);
}

export async function markReviewedAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClinician("/dashboard/intakes");
  return saveIntakeNote(formData, reviewNoteSchema, (intakeId, note) => markReviewed(intakeId, user, note), {
    done: "Marked as reviewed.",
    refused: "Only a submitted intake can be marked reviewed.",
  });
}

export async function markUrgentFollowedUpAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClinician("/dashboard/intakes");
  return saveIntakeNote(formData, followUpNoteSchema, (intakeId, note) => markUrgentFollowedUp(intakeId, user, note), {
    done: "Follow-up recorded. This intake no longer counts as urgent.",
    refused: "Only an urgent intake that has not been reviewed or followed up yet can be marked as followed up.",
  });
}

/** Shares a note with the client (her copy of her records shows it), or stops sharing it. */
export async function releaseNoteAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClinician("/dashboard/intakes");
  const values = formValues(formData);
  const parsed = noteReleaseSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values, "The note's sharing was not changed.");
  if (!(await setNoteRelease(parsed.data, user))) return refused("There is no such note to share. Nothing was changed.", values);
  revalidatePath(`/dashboard/intakes/${parsed.data.intakeId}`);
  return done(
    parsed.data.intent === "share"
      ? "Shared with the client: her copy of her records now shows this note."
      : "No longer shared with the client.",
  );
}

const EPDS_UNCHANGED = "The EPDS setting was not changed.";

export async function saveEpdsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClinician("/dashboard/profile");
  // Every box unticked is a valid form (it turns the EPDS off), so a call without a form must not look like one.
  if (!(formData instanceof FormData)) return refused(EPDS_UNCHANGED);
  const values = formValues(formData);
  const parsed = epdsSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values, EPDS_UNCHANGED);
  const settings = await setEpdsPermission(parsed.data, user);
  // The page shows who confirmed and when.
  revalidatePath("/dashboard/profile");
  return done(settings.epdsEnabled ? "Saved. The EPDS is part of the intake questionnaire." : "Saved. The EPDS is turned off.");
}
