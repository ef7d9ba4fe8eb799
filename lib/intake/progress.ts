/**
 * Where she is in the questionnaire: which steps are done, and where to resume. Pure, so the
 * rule is the same for the progress list, the resume redirect and the tests.
 *
 * A step is done once she has saved it (it is in the draft: visited) and its answers pass
 * its schema. An optional step such as History passes with nothing typed, so without the
 * "visited" half it would count as done before she ever saw it, and resuming would skip it.
 */
import { STEPS, stepSchemaFor, type AnsweredStepSlug, type DraftAnswers, type StepSlug } from "@/lib/intake/schema";

const ANSWERED = STEPS.filter((step) => step.schema !== null).map((step) => step.slug as AnsweredStepSlug);

function passes(step: AnsweredStepSlug, draft: DraftAnswers, options: { epdsEnabled: boolean }): boolean {
  return stepSchemaFor(step, options).safeParse(draft[step] ?? {}).success;
}

export function completedSteps(draft: DraftAnswers, options: { epdsEnabled: boolean }): Set<AnsweredStepSlug> {
  return new Set(ANSWERED.filter((step) => step in draft && passes(step, draft, options)));
}

function isStep(value: string | null | undefined): value is StepSlug {
  return STEPS.some((step) => step.slug === value);
}

/**
 * The step to resume at: the step she left, or an earlier one whose required questions are
 * still unanswered, so resuming never jumps past either. Without a record of where she was
 * (a draft from before it was kept), the first step not done yet; once all are done, the review.
 */
export function resumeStep(draft: DraftAnswers, options: { epdsEnabled: boolean }, lastStep: string | null | undefined): StepSlug {
  if (!isStep(lastStep)) {
    const done = completedSteps(draft, options);
    return ANSWERED.find((step) => !done.has(step)) ?? "review";
  }
  const order = (slug: StepSlug) => STEPS.findIndex((step) => step.slug === slug);
  const unanswered = ANSWERED.find((step) => !passes(step, draft, options));
  return unanswered !== undefined && order(unanswered) < order(lastStep) ? unanswered : lastStep;
}
