"use client";

import { useRef, useState } from "react";
import { get, useFieldArray, useForm, type FieldPath } from "react-hook-form";
import { saveAvailabilityAction, type AvailabilityState } from "@/lib/actions/booking";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export type AvailabilityValues = {
  timeZone: string;
  windows: { weekday: number; start: string; end: string }[];
  slotMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  cancelCutoffMinutes: number;
  daysOff: string[];
};

type FormValues = {
  timeZone: string;
  windows: { weekday: string; start: string; end: string }[];
  slotMinutes: string;
  bufferMinutes: string;
  minNoticeMinutes: string;
  horizonDays: string;
  cancelCutoffMinutes: string;
  daysOff: { date: string }[];
};

type NumberField = "slotMinutes" | "bufferMinutes" | "minNoticeMinutes" | "horizonDays" | "cancelCutoffMinutes";

const NUMBER_FIELDS: { name: NumberField; label: string; hint: string }[] = [
  { name: "slotMinutes", label: "Consultation length (minutes)", hint: "How long each free consultation lasts." },
  { name: "bufferMinutes", label: "Buffer between appointments (minutes)", hint: "Free time kept before and after every consultation." },
  { name: "minNoticeMinutes", label: "Minimum notice (minutes)", hint: "How soon a new booking may start. 1440 minutes is 24 hours." },
  { name: "horizonDays", label: "Booking horizon (days)", hint: "How far ahead clients can book." },
  {
    name: "cancelCutoffMinutes",
    label: "Cancellation cutoff (minutes)",
    hint: "Clients can cancel or reschedule online until this long before the consultation. 1440 minutes is 24 hours.",
  },
];

/** An empty or non-numeric entry becomes null, which the server reports as "must be a whole number". */
function toNumber(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

function toFormValues(v: AvailabilityValues): FormValues {
  return {
    timeZone: v.timeZone,
    windows: v.windows.map((w) => ({ weekday: String(w.weekday), start: w.start, end: w.end })),
    slotMinutes: String(v.slotMinutes),
    bufferMinutes: String(v.bufferMinutes),
    minNoticeMinutes: String(v.minNoticeMinutes),
    horizonDays: String(v.horizonDays),
    cancelCutoffMinutes: String(v.cancelCutoffMinutes),
    daysOff: v.daysOff.map((date) => ({ date })),
  };
}

export function AvailabilityForm({ initial, timeZones }: { initial: AvailabilityValues; timeZones: string[] }) {
  const [result, setResult] = useState<AvailabilityState | null>(null);
  const addWindowRef = useRef<HTMLButtonElement>(null);
  const addDayRef = useRef<HTMLButtonElement>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    clearErrors,
    formState: { errors, isSubmitting },
  } = useForm<FormValues>({ defaultValues: toFormValues(initial) });
  const windows = useFieldArray({ control, name: "windows" });
  const daysOff = useFieldArray({ control, name: "daysOff" });

  const onSubmit = handleSubmit(async (values) => {
    clearErrors();
    setResult(null);
    // Empty day-off rows are dropped; remember which row each remaining date came from.
    const dayRows = values.daysOff.map((d, i) => ({ i, date: d.date.trim() })).filter((d) => d.date !== "");
    const input = {
      timeZone: values.timeZone,
      windows: values.windows.map((w) => ({ weekday: Number(w.weekday), start: w.start, end: w.end })),
      slotMinutes: toNumber(values.slotMinutes),
      bufferMinutes: toNumber(values.bufferMinutes),
      minNoticeMinutes: toNumber(values.minNoticeMinutes),
      horizonDays: toNumber(values.horizonDays),
      cancelCutoffMinutes: toNumber(values.cancelCutoffMinutes),
      daysOff: dayRows.map((d) => d.date),
    };
    let state: AvailabilityState;
    try {
      state = await saveAvailabilityAction(input);
    } catch {
      setResult({ ok: false, message: "We could not reach the server. Your changes are still here; please try again." });
      return;
    }
    setResult(state);
    if (state.ok || !state.fieldErrors) return;
    const unplaced: string[] = [];
    const placed = new Set<string>();
    for (const [path, message] of Object.entries(state.fieldErrors)) {
      const parts = path.split(".");
      let name: string | null = null;
      if (parts[0] === "windows" && parts.length >= 2) name = `windows.${parts[1]}.${parts[2] ?? "end"}`;
      else if (parts[0] === "daysOff" && parts.length === 2) {
        const row = dayRows[Number(parts[1])];
        name = row ? `daysOff.${row.i}.date` : null;
      } else if (parts.length === 1 && (parts[0] === "timeZone" || NUMBER_FIELDS.some((f) => f.name === parts[0]))) name = parts[0]!;
      if (!name) {
        unplaced.push(message);
        continue;
      }
      if (placed.has(name)) continue;
      setError(name as FieldPath<FormValues>, { type: "server", message }, { shouldFocus: placed.size === 0 });
      placed.add(name);
    }
    if (unplaced.length > 0) setResult({ ok: false, message: `${state.message} ${unplaced.join(" ")}` });
  });

  const errorOf = (name: string): string | undefined => (get(errors, name) as { message?: string } | undefined)?.message;
  const invalid = (name: string) => (errorOf(name) ? true : undefined);
  const describedBy = (name: string, hint?: string) =>
    [hint, errorOf(name) ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const fieldError = (name: string) =>
    errorOf(name) ? (
      <p id={`${name}-error`} className="field-error">
        {errorOf(name)}
      </p>
    ) : null;

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <div role="status">
        {result?.ok && (
          <div className="notice">
            <p>
              <strong>Saved.</strong> The booking page now offers times from these settings.
            </p>
            {result.outside.length > 0 && (
              <>
                <p>
                  <strong>These bookings are now outside your availability:</strong>
                </p>
                <ul>
                  {result.outside.map((booking) => (
                    <li key={booking.id}>
                      {booking.label} ({booking.email})
                    </li>
                  ))}
                </ul>
                <p>They have not been cancelled. Please contact these clients if a booking needs to move.</p>
              </>
            )}
          </div>
        )}
      </div>
      {result && !result.ok && (
        <p className="form-error" role="alert">
          {result.message}
        </p>
      )}

      <fieldset className="field">
        <legend>Weekly hours</legend>
        <p className="hint" id="windows-hint">
          Consultations are offered inside these times, in the practice time zone. The last consultation ends by the end time.
        </p>
        {windows.fields.length === 0 && <p>No weekly hours: the booking page offers no times.</p>}
        {windows.fields.map((field, i) => (
          <fieldset key={field.id} className="card stack-tight">
            <legend className="small">Window {i + 1}</legend>
            <div className="window-row">
              <div className="field">
                <label htmlFor={`windows.${i}.weekday`}>Day</label>
                <select
                  id={`windows.${i}.weekday`}
                  aria-invalid={invalid(`windows.${i}.weekday`)}
                  aria-describedby={describedBy(`windows.${i}.weekday`)}
                  {...register(`windows.${i}.weekday`)}
                >
                  {WEEKDAYS.map((day, d) => (
                    <option key={day} value={String(d + 1)}>
                      {day}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`windows.${i}.start`}>From</label>
                <input
                  id={`windows.${i}.start`}
                  type="time"

                  aria-invalid={invalid(`windows.${i}.start`)}
                  aria-describedby={describedBy(`windows.${i}.start`)}
                  {...register(`windows.${i}.start`)}
                />
              </div>
              <div className="field">
                <label htmlFor={`windows.${i}.end`}>Until</label>
                <input
                  id={`windows.${i}.end`}
                  type="time"

                  aria-invalid={invalid(`windows.${i}.end`)}
                  aria-describedby={describedBy(`windows.${i}.end`)}
                  {...register(`windows.${i}.end`)}
                />
              </div>
              <div>
                <button
                  type="button"
                  className="button button-quiet button-small"
                  aria-label={`Remove window ${i + 1}`}
                  onClick={() => {
                    windows.remove(i);
                    addWindowRef.current?.focus();
                  }}
                >
                  Remove
                </button>
              </div>
            </div>
            {fieldError(`windows.${i}.weekday`)}
            {fieldError(`windows.${i}.start`)}
            {fieldError(`windows.${i}.end`)}
          </fieldset>
        ))}
        <div>
          <button
            ref={addWindowRef}
            type="button"
            className="button button-quiet"
            onClick={() => windows.append({ weekday: "1", start: "09:00", end: "12:00" })}
          >
            Add a window
          </button>
        </div>
      </fieldset>

      <fieldset className="field">
        <legend>Days off</legend>
        <p className="hint">Dates with no consultations, such as holidays. Existing bookings on these dates are not cancelled.</p>
        {daysOff.fields.length === 0 && <p>No days off.</p>}
        {daysOff.fields.map((field, i) => (
          <div key={field.id} className="field">
            <label htmlFor={`daysOff.${i}.date`}>Day off {i + 1}</label>
            <div className="inline-row">
              <input
                id={`daysOff.${i}.date`}
                type="date"
                aria-invalid={invalid(`daysOff.${i}.date`)}
                aria-describedby={describedBy(`daysOff.${i}.date`)}
                {...register(`daysOff.${i}.date`)}
              />
              <button
                type="button"
                className="button button-quiet button-small"
                aria-label={`Remove day off ${i + 1}`}
                onClick={() => {
                  daysOff.remove(i);
                  addDayRef.current?.focus();
                }}
              >
                Remove
              </button>
            </div>
            {fieldError(`daysOff.${i}.date`)}
          </div>
        ))}
        <div>
          <button ref={addDayRef} type="button" className="button button-quiet" onClick={() => daysOff.append({ date: "" })}>
            Add a day off
          </button>
        </div>
      </fieldset>

      <div className="field">
        <label htmlFor="timeZone">Practice time zone</label>
        <p id="timeZone-hint" className="hint">
          Weekly hours and days off are read in this zone. Clients see times in their own zone.
        </p>
        <select
          id="timeZone"
          aria-invalid={invalid("timeZone")}
          aria-describedby={describedBy("timeZone", "timeZone-hint")}
          {...register("timeZone")}
        >
          {timeZones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, " ")}
            </option>
          ))}
        </select>
        {fieldError("timeZone")}
      </div>

      {NUMBER_FIELDS.map((f) => (
        <div key={f.name} className="field">
          <label htmlFor={f.name}>{f.label}</label>
          <p id={`${f.name}-hint`} className="hint">
            {f.hint}
          </p>
          <input
            id={f.name}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            className="narrow-input"
            aria-invalid={invalid(f.name)}
            aria-describedby={describedBy(f.name, `${f.name}-hint`)}
            {...register(f.name)}
          />
          {fieldError(f.name)}
        </div>
      ))}

      <div>
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Saving…" : "Save availability"}
        </button>
      </div>
    </form>
  );
}
