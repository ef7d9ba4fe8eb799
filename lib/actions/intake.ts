"use server";

import { redirect } from "next/navigation";
import { requireClient } from "@/lib/auth/session";
import { draftSchema, STEPS, type AnsweredStepSlug } from "@/lib/intake/schema";
import { saveDraft, submitIntake } from "@/lib/intake/service";

export type SaveState = { ok: true; savedAt: string; risk: boolean } | { ok: false; message: string };

export async function saveIntakeDraftAction(step: string, values: unknown): Promise<SaveState> {
  const user = await requireClient("/portal/intake");
  const parsed = draftSchema.safeParse({ step, values });
  if (!parsed.success || parsed.data.step === "review") return { ok: false, message: "Some answers could not be saved: please check them and try again." };
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
