"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch, type FieldValues, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { CrisisPanel } from "@/components/intake/crisis-panel";
import { FieldList } from "@/components/intake/fields";
import { ScreeningFields } from "@/components/intake/screening-fields";
import { saveIntakeDraftAction } from "@/lib/actions/intake";
import { STEP_FIELDS } from "@/lib/intake/fields";
import { aboutYouSchema, concernsSchema, consentSchema, historySchema, perinatalSchema, screeningSchemaFor } from "@/lib/intake/schema";
import { hasSelfHarmRisk } from "@/lib/intake/scoring";

type Props = {
  step: string;
  initialValues: Record<string, unknown>;
  nextHref: string;
  previousHref: string | null;
  epdsEnabled: boolean;
};

type SaveStatus = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "error"; message: string };

const AUTOSAVE_DELAY_MS = 1200;
const RETRY_DELAYS_MS = [2000, 5000, 10000, 30000];

function schemaFor(step: string, epdsEnabled: boolean): z.ZodType {
  switch (step) {
    case "about-you":
      return aboutYouSchema;
    case "pregnancy-and-postpartum":
      return perinatalSchema;
    case "what-brings-you":
      return concernsSchema;
    case "history":
      return historySchema;
    case "screening":
      return screeningSchemaFor({ epdsEnabled });
    default:
      return consentSchema;
  }
}

// Radio inputs hold strings ("0"-"3"); the screening answers are numbers everywhere else.
const toNumber = (v: unknown) => (v === "" || v === null || v === undefined || Number.isNaN(Number(v)) ? null : Number(v));
const toText = (v: unknown) => (v === null || v === undefined ? null : String(v));

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

function toNumberList(value: unknown): (number | null)[] {
  return Array.isArray(value) ? value.map(toNumber) : [];
}

/**
 * One step of the intake. Answers are saved as a draft while typing and on every step
 * change; a failed save keeps everything on screen and retries.
 */
export function IntakeStepForm({ step, initialValues, nextHref, previousHref, epdsEnabled }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<SaveStatus>({ kind: "idle" });
  const [navigating, setNavigating] = useState(false);
  const {
    register,
    handleSubmit,
    control,
    formState: { errors },
  } = useForm<FieldValues>({
    resolver: ((values, context, options) =>
      (zodResolver(schemaFor(step, epdsEnabled) as never) as unknown as Resolver<FieldValues>)(
        fromForm(step, values),
        context,
        options,
      )) as Resolver<FieldValues>,
    defaultValues: toForm(step, initialValues),
    shouldFocusError: true,
  });
  const values = useWatch({ control });
  const serialized = JSON.stringify(fromForm(step, values));
  const lastSaved = useRef(JSON.stringify(initialValues));
  const retry = useRef(0);

  const save = useCallback(
    async (payload: string): Promise<boolean> => {
      if (payload === lastSaved.current) return true;
      setStatus({ kind: "saving" });
      try {
        const result = await saveIntakeDraftAction(step, JSON.parse(payload));
        if (!result.ok) {
          setStatus({ kind: "error", message: result.message });
          return false;
        }
        lastSaved.current = payload;
        retry.current = 0;
        setStatus({ kind: "saved", at: new Date(result.savedAt) });
        return true;
      } catch {
        setStatus({ kind: "error", message: "We could not save just now. Your answers are still here, and we will keep trying." });
        return false;
      }
    },
    [step],
  );

  // Debounced autosave while typing, with growing retries while the network is down.
  useEffect(() => {
    if (serialized === lastSaved.current) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = (delay: number) => {
      timer = setTimeout(async () => {
        if (cancelled) return;
        const ok = await save(serialized);
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

  const submitAndContinue = async () => {
    setNavigating(true);
    const ok = await save(serialized);
    if (ok) router.push(nextHref);
    else setNavigating(false);
  };

  const goBack = async () => {
    if (!previousHref) return;
    await save(serialized);
    router.push(previousHref);
  };

  const screening = values as { phq9?: unknown; epds?: unknown };
  const phq9Risk = step === "screening" && hasSelfHarmRisk("phq9", toNumberList(screening.phq9));
  const epdsRisk = step === "screening" && epdsEnabled && hasSelfHarmRisk("epds", toNumberList(screening.epds));

  return (
    <form onSubmit={(event) => void handleSubmit(submitAndContinue)(event)} noValidate className="form intake-form">
      {step === "screening" ? (
        <ScreeningFields
          register={register}
          errors={errors}
          epdsEnabled={epdsEnabled}
          // One panel, right after the first answer that raised it.
          phq9Panel={phq9Risk ? <CrisisPanel /> : null}
          epdsPanel={epdsRisk && !phq9Risk ? <CrisisPanel /> : null}
        />
      ) : (
        <FieldList fields={STEP_FIELDS[step] ?? []} register={register} errors={errors} values={values} />
      )}
      <div className="intake-nav">
        {previousHref && (
          <button type="button" className="button button-quiet" onClick={() => void goBack()}>
            Back
          </button>
        )}
        <button type="submit" className="button" disabled={navigating}>
          {navigating ? "Saving…" : "Save and continue"}
        </button>
        <p className="save-status" role="status" aria-live="polite">
          {status.kind === "saving" && "Saving…"}
          {status.kind === "saved" && `Saved at ${status.at.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" })}`}
          {status.kind === "error" && <span className="field-error">{status.message}</span>}
        </p>
      </div>
    </form>
  );
}
