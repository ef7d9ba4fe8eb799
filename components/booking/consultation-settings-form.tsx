"use client";

import { useActionState } from "react";
import { Field, Fieldset } from "@/components/ui/field";
import { FORM_STATUS_ID, FormStatus } from "@/components/ui/form-status";
import { saveConsultationSettingsAction } from "@/lib/actions/booking";
import { CONSULTATION_MODES, REMINDER_OPTIONS } from "@/lib/booking/consultation";
import type { ActionState, FormValues } from "@/lib/platform/action";

/** How consultations happen by default, the reminders and the clients' quiet hours. */
export function ConsultationSettingsForm({ initial }: { initial: FormValues }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveConsultationSettingsAction, null);
  const values = state && !state.ok ? state.values : initial;
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  return (
    <form action={action} className="form" aria-describedby={state && !state.ok ? FORM_STATUS_ID : undefined} key={JSON.stringify(values)}>
      <FormStatus status={state} />
      <Fieldset id="consultationMode" legend="How consultations happen (unless you change one booking)" error={errors.consultationMode}>
        <div className="choices">
          {CONSULTATION_MODES.map((mode) => (
            <label key={mode.value} className="choice">
              <input type="radio" name="consultationMode" value={mode.value} defaultChecked={v("consultationMode") === mode.value} />{" "}
              {mode.label}
            </label>
          ))}
        </div>
      </Fieldset>
      <Field
        id="consultationPhone"
        label="The number clients call"
        hint="Only for “the client calls my number”."
        error={errors.consultationPhone}
      >
        {(control) => <input {...control} name="consultationPhone" type="tel" autoComplete="off" defaultValue={v("consultationPhone")} />}
      </Field>
      <Field
        id="videoRoomUrl"
        label="Your standing video-room link"
        hint="Shown only to the booked client (in her emails, portal and calendar entry) and to you. You can also set a link per booking."
        error={errors.videoRoomUrl}
      >
        {(control) => <input {...control} name="videoRoomUrl" type="url" autoComplete="off" defaultValue={v("videoRoomUrl")} />}
      </Field>
      <Field id="inPersonAddress" label="Address for in-person consultations" error={errors.inPersonAddress}>
        {(control) => <input {...control} name="inPersonAddress" autoComplete="off" defaultValue={v("inPersonAddress")} />}
      </Field>
      <div className="window-row">
        {(["firstReminder", "secondReminder"] as const).map((name, i) => (
          <Field key={name} id={name} label={i === 0 ? "First reminder" : "Second reminder"} error={errors[name]}>
            {(control) => (
              <select {...control} name={name} defaultValue={v(name) || "0"}>
                {REMINDER_OPTIONS.map((option) => (
                  <option key={option.minutes} value={String(option.minutes)}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ))}
      </div>
      <Fieldset
        id="quiet"
        legend="Clients' quiet hours (in each client's own time zone)"
        hint="No reminder is sent in these hours: one that would be goes out the evening before instead. New parents sleep when they can."
      >
        <div className="window-row">
          <Field id="quietStart" label="From" error={errors.quietStart}>
            {(control) => <input {...control} name="quietStart" type="time" defaultValue={v("quietStart")} />}
          </Field>
          <Field id="quietEnd" label="Until" error={errors.quietEnd}>
            {(control) => <input {...control} name="quietEnd" type="time" defaultValue={v("quietEnd")} />}
          </Field>
        </div>
      </Fieldset>
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Save consultation details"}
        </button>
      </div>
    </form>
  );
}
