"use client";

import { useActionState } from "react";
import { Field, Fieldset } from "@/components/ui/field";
import { FORM_STATUS_ID, FormStatus } from "@/components/ui/form-status";
import { saveAvailabilityAction, type OutsideSummary } from "@/lib/actions/booking";
import type { ActionState, FormValues } from "@/lib/platform/action";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** The saved availability as the form's fields (hours, days, from/to rows). */
export type AvailabilityFields = FormValues;

/**
 * Her weekly hours as a week grid (two windows a day), notice and cutoff in hours, and days off
 * as from/to ranges. A plain form post (a server action), so it works without JavaScript: spare
 * empty rows stand in for "add", clearing a row removes it.
 */
export function AvailabilityForm({
  initial,
  timeZones,
  windowsPerDay,
  dayOffRows,
}: {
  initial: AvailabilityFields;
  timeZones: string[];
  windowsPerDay: number;
  dayOffRows: number;
}) {
  const [state, action, pending] = useActionState<ActionState<OutsideSummary[]>, FormData>(saveAvailabilityAction, null);
  const values = state && !state.ok ? state.values : initial;
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = (name: string) => {
    const value = values[name];
    return typeof value === "string" ? value : "";
  };
  const offRows = Math.max(dayOffRows, Object.keys(values).filter((k) => /^off\.\d+\.from$/.test(k)).length);

  return (
    <form action={action} className="form" aria-describedby={state && !state.ok ? FORM_STATUS_ID : undefined} key={JSON.stringify(values)}>
      {state?.ok ? (
        <div className="notice" role="status">
          <p>{state.message}</p>
          {state.data && state.data.length > 0 && (
            <>
              <p>
                <strong>These bookings are now outside your availability:</strong>
              </p>
              <ul>
                {state.data.map((booking) => (
                  <li key={booking.id}>
                    {booking.label} ({booking.email})
                  </li>
                ))}
              </ul>
              <p>They have not been cancelled. Please contact these clients if a booking needs to move.</p>
            </>
          )}
        </div>
      ) : (
        <FormStatus status={state} />
      )}

      <Fieldset
        id="hours"
        legend="Weekly hours"
        hint="Consultations are offered inside these hours, in the practice time zone; the last one ends by the end time. Leave a day empty for no consultations; a second range is for a split day."
      >
        <div className="week-grid">
          {WEEKDAYS.map((day, d) => (
            <fieldset key={day} className="week-day">
              <legend>{day}</legend>
              {Array.from({ length: windowsPerDay }, (_, i) => {
                const base = `hours.${d + 1}.${i}`;
                return (
                  <div key={base} className="window-row">
                    <Field id={`${base}.start`} label={i === 0 ? "From" : "Then from"} error={errors[`${base}.start`]}>
                      {(control) => <input {...control} name={`${base}.start`} type="time" defaultValue={v(`${base}.start`)} />}
                    </Field>
                    <Field id={`${base}.end`} label="Until" error={errors[`${base}.end`]}>
                      {(control) => <input {...control} name={`${base}.end`} type="time" defaultValue={v(`${base}.end`)} />}
                    </Field>
                  </div>
                );
              })}
            </fieldset>
          ))}
        </div>
      </Fieldset>

      <Fieldset
        id="daysOff"
        legend="Days off"
        hint="A single day, or a range such as a two-week holiday (both days included). Existing bookings on these days are not cancelled. Clear a row to remove it."
      >
        {Array.from({ length: offRows }, (_, i) => (
          <div key={i} className="window-row">
            <Field id={`off.${i}.from`} label={`Days off ${i + 1}: from`} error={errors[`off.${i}.from`]}>
              {(control) => <input {...control} name={`off.${i}.from`} type="date" defaultValue={v(`off.${i}.from`)} />}
            </Field>
            <Field id={`off.${i}.to`} label="to (optional)" error={errors[`off.${i}.to`]}>
              {(control) => <input {...control} name={`off.${i}.to`} type="date" defaultValue={v(`off.${i}.to`)} />}
            </Field>
          </div>
        ))}
      </Fieldset>

      <Field
        id="timeZone"
        label="Practice time zone"
        hint="Weekly hours and days off are read in this zone. Clients see times in their own zone."
        error={errors.timeZone}
      >
        {(control) => (
          <select {...control} name="timeZone" defaultValue={v("timeZone")}>
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        )}
      </Field>

      {(
        [
          ["slotMinutes", "Consultation length (minutes)", "How long each free consultation lasts."],
          ["bufferMinutes", "Buffer between appointments (minutes)", "Free time kept before and after every consultation."],
          ["minNoticeHours", "Minimum notice (hours)", "How soon a new booking may start, e.g. 24 for a day's notice."],
          ["horizonDays", "Booking horizon (days)", "How far ahead clients can book."],
          ["cancelCutoffHours", "Cancellation cutoff (hours)", "Clients can cancel or reschedule online until this long before, e.g. 24."],
        ] as const
      ).map(([name, label, hint]) => (
        <Field key={name} id={name} label={label} hint={hint} error={errors[name]}>
          {(control) => (
            <input
              {...control}
              name={name}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              className="narrow-input"
              defaultValue={v(name)}
            />
          )}
        </Field>
      ))}

      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Save availability"}
        </button>
      </div>
    </form>
  );
}
