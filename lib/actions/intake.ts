"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireClient, requireClinician } from "@/lib/auth/session";
import { markReviewed, markUrgentFollowedUp } from "@/lib/intake/review";
import { draftSchema, epdsSchema, followUpNoteSchema, reviewNoteSchema, STEPS, type AnsweredStepSlug } from "@/lib/intake/schema";
import { saveDraft, submitIntake } from "@/lib/intake/service";
import { setEpdsPermission } from "@/lib/intake/settings";
import { done, formValues, invalid, refused, type ActionState } from "@/lib/platform/action";

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
