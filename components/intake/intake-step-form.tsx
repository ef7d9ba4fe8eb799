"use client";

import { startTransition, useActionState, useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { get, useForm, useWatch, type FieldValues, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { CrisisPanel } from "@/components/intake/crisis-panel";
import { FieldList } from "@/components/intake/fields";
import { ScreeningFields } from "@/components/intake/screening-fields";
import { useRiskAnswers } from "@/components/intake/use-risk-answers";
import { FormStatus, FORM_STATUS_ID } from "@/components/ui/form-status";
import { saveIntakeDraftAction, saveIntakeStepAction } from "@/lib/actions/intake";
import { STEP_FIELDS, stepValuesFromForm } from "@/lib/intake/fields";
import type { InstrumentId } from "@/lib/intake/instruments";
import { stepSchemaFor, type AnsweredStepSlug } from "@/lib/intake/schema";
import { isPositiveRiskAnswer, RISK_ITEMS } from "@/lib/intake/scoring";
import { formValues } from "@/lib/platform/action";

type Props = {
  step: AnsweredStepSlug;
  intakeId: string;
  /** The saved answers of this step (empty ones filled in), in the draft's shape. */
  initialValues: Record<string, unknown>;
  hasPrevious: boolean;
  epdsEnabled: boolean;
  /** The clinician has already been told of a risk answer on this intake. */
  notified: boolean;
};

type SaveStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "error"; message: string };

const AUTOSAVE_DELAY_MS = 1200;
const RETRY_DELAYS_MS = [2000, 5000, 10000, 30000];

// Radio inputs hold strings ("0"-"3"); the screening answers are numbers everywhere else.
const toNumber = (v: unknown) => (v === "" || v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v));
const toText = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** react-hook-form's values as the schemas read them (for the browser's own check). */
function fromForm(step: string, values: Record<string, unknown>): Record<string, unknown> {
  if (step !== "screening") return values;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(toNumber) : v);
  return {
    ...values,
    phq9: list(values.phq9),
    gad7: list(values.gad7),
    ...("epds" in values ? { epds: list(values.epds) } : {}),
    phq9Difficulty: toNumber(values.phq9Difficulty),
  };
}

function toForm(step: string, values: Record<string, unknown>): Record<string, unknown> {
  if (step !== "screening") return values;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(toText) : v);
  return {
    ...values,
    phq9: list(values.phq9),
    gad7: list(values.gad7),
    ...("epds" in values ? { epds: list(values.epds) } : {}),
    phq9Difficulty: toText(values.phq9Difficulty),
  };
}

type RiskNow = { measure: InstrumentId; item: number; answer: number | null };

function riskAnswersNow(step: string, values: Record<string, unknown>, epdsEnabled: boolean): RiskNow[] {
  if (step !== "screening") return [];
  return RISK_ITEMS.filter((risk) => risk.measure !== "epds" || epdsEnabled).map((risk) => {
    const list = values[risk.measure];
    return { ...risk, answer: toNumber(Array.isArray(list) ? list[risk.item - 1] : undefined) };
  });
}

const firstPositive = (answers: RiskNow[]) =>
  answers.find((a) => a.answer !== null && isPositiveRiskAnswer(a.measure, a.item, a.answer))?.measure ?? null;

/**
 * One step of the intake. The form posts to its server action, so "Save and continue" and
 * "Back" work without JavaScript and before the page's scripts have loaded (a plain POST; the
 * page comes back with messages and everything typed, or moves to the next step). With
 * JavaScript the same schema checks the answers first, answers are saved while she types,
 * and a risk answer is sent to the server the moment it is given.
 */
export function IntakeStepForm({ step, intakeId, initialValues, hasPrevious, epdsEnabled, notified: initiallyNotified }: Props) {
  const [state, formAction, pending] = useActionState(saveIntakeStepAction, null);
  const failed = state && !state.ok ? state : null;
  // What the HTML shows: the saved answers, or after a refused post without JavaScript, what was posted.
  const [defaults] = useState(() => toForm(step, failed ? stepValuesFromForm(step, failed.values, { epdsEnabled }) : initialValues));
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = useForm<FieldValues>({
    resolver: ((values, context, options) =>
      (zodResolver(stepSchemaFor(step, { epdsEnabled }) as never) as unknown as Resolver<FieldValues>)(
        fromForm(step, values),
        context,
        options,
      )) as Resolver<FieldValues>,
    defaultValues: defaults,
    shouldFocusError: true,
  });
  const values = useWatch({ control }) as Record<string, unknown>;
  const errorFor = (name: string): string | undefined => {
    const error = get(errors, name) as { message?: unknown } | undefined;
    return typeof error?.message === "string" ? error.message : failed?.fieldErrors[name];
  };

  // ---- autosave: what the form would post, so it is exactly what a plain POST saves ----
  const formRef = useRef<HTMLFormElement>(null);
  const posted = useCallback(
    () => (formRef.current ? JSON.stringify(stepValuesFromForm(step, formValues(new FormData(formRef.current)), { epdsEnabled })) : null),
    [step, epdsEnabled],
  );
  const lastSaved = useRef<string | null>(null);
  const saving = useRef<Promise<unknown> | null>(null);
  const leaving = useRef(false);
  const retry = useRef(0);

  useEffect(() => {
    lastSaved.current = posted();
  }, [posted]);
  useEffect(() => {
    leaving.current = false;
  }, [state]);

  const save = useCallback(async (): Promise<boolean> => {
    const payload = posted();
    if (payload === null || payload === lastSaved.current) return true;
    setStatus({ kind: "saving" });
    const request = saveIntakeDraftAction(step, JSON.parse(payload));
    saving.current = request.catch(() => {});
    try {
      const result = await request;
      if (!result.ok) {
        setStatus({ kind: "error", message: result.message });
        return false;
      }
      lastSaved.current = payload;
      retry.current = 0;
      setStatus({ kind: "saved", at: new Date(result.data!.savedAt) });
      return true;
    } catch {
      setStatus({ kind: "error", message: "We could not save just now. Your answers are still here, and we will keep trying." });
      return false;
    }
  }, [posted, step]);

  // Debounced while typing, with growing retries while the network is down.
  const serialized = JSON.stringify(values);
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = (delay: number) => {
      timer = setTimeout(async () => {
        if (cancelled || leaving.current) return;
        const ok = await save();
        if (!ok && !cancelled) {
          const next = RETRY_DELAYS_MS[Math.min(retry.current, RETRY_DELAYS_MS.length - 1)]!;
          retry.current += 1;
          attempt(next);
        }
      }, delay);
    };
    attempt(AUTOSAVE_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [serialized, save]);

  // ---- risk answers: sent at once, and the crisis panel shown ----
  const { send } = useRiskAnswers(intakeId, initiallyNotified);
  const risk = riskAnswersNow(step, values, epdsEnabled);
  const riskKey = JSON.stringify(risk);
  const lastRisk = useRef(JSON.stringify(riskAnswersNow(step, defaults, epdsEnabled)));
  useEffect(() => {
    const before = JSON.parse(lastRisk.current) as RiskNow[];
    lastRisk.current = riskKey;
    for (const now of JSON.parse(riskKey) as RiskNow[]) {
      const was = before.find((b) => b.measure === now.measure && b.item === now.item);
      if (now.answer !== null && now.answer !== was?.answer) send({ measure: now.measure, item: now.item, answer: now.answer });
    }
  }, [riskKey, send]);
  // Once shown, the panel stays for this visit even if the answer is changed back: she may still need it.
  const [raisedBy, setRaisedBy] = useState<InstrumentId | null>(() => firstPositive(riskAnswersNow(step, defaults, epdsEnabled)));
  const positiveNow = firstPositive(risk);
  if (raisedBy === null && positiveNow !== null) setRaisedBy(positiveNow);

  // ---- Save and continue / Back ----
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget);
    const intent = submitter instanceof HTMLButtonElement && submitter.value === "back" ? "back" : "continue";
    data.set("intent", intent);
    const go = async () => {
      leaving.current = true;
      await saving.current;
      startTransition(() => formAction(data));
    };
    if (intent === "back") void go();
    else void handleSubmit(go)();
  };

  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="form intake-form"
      aria-describedby={failed ? FORM_STATUS_ID : undefined}
    >
      <input type="hidden" name="step" value={step} />
      <FormStatus status={failed} />
      {step === "screening" ? (
        <ScreeningFields
          register={register}
          errorFor={errorFor}
          defaults={defaults}
          epdsEnabled={epdsEnabled}
          // One panel, right after the first answer that raised it.
          riskPanel={(measure) => (raisedBy === measure ? <CrisisPanel /> : null)}
        />
      ) : (
        <FieldList fields={STEP_FIELDS[step] ?? []} register={register} errorFor={errorFor} defaults={defaults} values={values} />
      )}
      <div className="intake-nav">
        {/* First in the form, so Enter in a text field continues rather than going back. */}
        <button type="submit" name="intent" value="continue" className="button" disabled={pending}>
          {pending ? "Saving…" : "Save and continue"}
        </button>
        {hasPrevious && (
          <button type="submit" name="intent" value="back" className="button button-quiet" disabled={pending}>
            Back
          </button>
        )}
        <p className="save-status" role="status" aria-live="polite">
          {status.kind === "saving" && "Saving…"}
          {status.kind === "saved" && `Saved at ${status.at.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" })}`}
          {status.kind === "error" && <span className="field-error">{status.message}</span>}
        </p>
      </div>
    </form>
  );
}
