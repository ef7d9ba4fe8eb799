"use client";

import { useActionState } from "react";
import { CheckboxField, Field, Fieldset } from "@/components/ui/field";
import { FORM_STATUS_ID, FormStatus } from "@/components/ui/form-status";
import {
  bookForClientAction,
  cancelBookingByClinicianAction,
  moveBookingAction,
  setBookingConsultationAction,
} from "@/lib/actions/booking";
import { CONSULTATION_MODES } from "@/lib/booking/consultation";
import { CONTACT_METHODS } from "@/lib/booking/schema";
import type { ActionState, FormValues } from "@/lib/platform/action";

export type SlotChoiceDay = { date: string; label: string; slots: { iso: string; label: string }[] };

function useForm(action: (state: ActionState, formData: FormData) => Promise<ActionState>, initial: FormValues = {}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, null);
  const values = state && !state.ok ? state.values : initial;
  const errors = state && !state.ok ? state.fieldErrors : {};
  const v = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  return { state, formAction, pending, errors, v, key: JSON.stringify(values) };
}

/** The open times as a select grouped by day: one control instead of a page of buttons. */
function SlotSelect({ days, value, error }: { days: SlotChoiceDay[]; value: string; error?: string }) {
  return (
    <Field id="slotStart" label="Time" hint="Open times only (your hours, days off, bookings and calendars' busy times)." error={error}>
      {(control) => (
        <select {...control} name="slotStart" defaultValue={value}>
          <option value="">Choose a time</option>
          {days.map((day) => (
            <optgroup key={day.date} label={day.label}>
              {day.slots.map((slot) => (
                <option key={slot.iso} value={slot.iso}>
                  {day.label}, {slot.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}

/** How one booking happens: her default, or its own way and video link. */
export function BookingConsultationForm({ bookingId, mode, hasOwnLink }: { bookingId: string; mode: string | null; hasOwnLink: boolean }) {
  const f = useForm(setBookingConsultationAction, { consultationMode: mode ?? "DEFAULT" });
  return (
    <form action={f.formAction} className="stack-tight" key={f.key}>
      <input type="hidden" name="bookingId" value={bookingId} />
      <Field id={`mode-${bookingId}`} label="How" error={f.errors.consultationMode}>
        {(control) => (
          <select {...control} name="consultationMode" defaultValue={f.v("consultationMode")}>
            <option value="DEFAULT">Your default</option>
            {CONSULTATION_MODES.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`video-${bookingId}`}
        label="Video link for this booking"
        hint={hasOwnLink ? "A link is set; leave empty to use your standing room." : "Empty: your standing room."}
        error={f.errors.videoUrl}
      >
        {(control) => <input {...control} name="videoUrl" type="url" autoComplete="off" defaultValue={f.v("videoUrl")} />}
      </Field>
      <button type="submit" className="button button-quiet button-small" disabled={f.pending}>
        {f.pending ? "Saving…" : "Save and tell the client"}
      </button>
      <FormStatus status={f.state} id={`status-${bookingId}`} />
    </form>
  );
}

/** Someone phoned: she books them in. */
export function PhoneBookingForm({ days, timeZone }: { days: SlotChoiceDay[]; timeZone: string }) {
  const f = useForm(bookForClientAction, { contactMethod: "PHONE", timeZone });
  return (
    <form action={f.formAction} className="form" aria-describedby={f.state && !f.state.ok ? FORM_STATUS_ID : undefined} key={f.key}>
      <FormStatus status={f.state} />
      <input type="hidden" name="timeZone" value={f.v("timeZone") || timeZone} />
      <SlotSelect days={days} value={f.v("slotStart")} error={f.errors.slotStart} />
      <Field id="firstName" label="Client's first name" error={f.errors.firstName}>
        {(control) => <input {...control} name="firstName" maxLength={60} autoComplete="off" defaultValue={f.v("firstName")} />}
      </Field>
      <Field id="email" label="Client's email" hint="The confirmation and the portal link go here." error={f.errors.email}>
        {(control) => <input {...control} name="email" type="email" autoComplete="off" defaultValue={f.v("email")} />}
      </Field>
      <Fieldset id="contactMethod" legend="How they would like to be contacted" error={f.errors.contactMethod}>
        <div className="choices">
          {CONTACT_METHODS.map((method) => (
            <label key={method.value} className="choice">
              <input type="radio" name="contactMethod" value={method.value} defaultChecked={f.v("contactMethod") === method.value} />{" "}
              {method.label}
            </label>
          ))}
        </div>
      </Fieldset>
      <Field id="phone" label="Client's phone" error={f.errors.phone}>
        {(control) => <input {...control} name="phone" type="tel" autoComplete="off" defaultValue={f.v("phone")} />}
      </Field>
      <Field id="note" label="Note (optional)" hint="Stored encrypted; only you can read it." error={f.errors.note}>
        {(control) => <textarea {...control} name="note" rows={3} maxLength={1000} defaultValue={f.v("note")} />}
      </Field>
      <div>
        <button type="submit" className="button" disabled={f.pending}>
          {f.pending ? "Booking…" : "Book and email the client"}
        </button>
      </div>
    </form>
  );
}

export function MoveBookingForm({ bookingId, days }: { bookingId: string; days: SlotChoiceDay[] }) {
  const f = useForm(moveBookingAction);
  return (
    <form action={f.formAction} className="form" aria-describedby={f.state && !f.state.ok ? FORM_STATUS_ID : undefined} key={f.key}>
      <FormStatus status={f.state} />
      <input type="hidden" name="bookingId" value={bookingId} />
      <SlotSelect days={days} value={f.v("slotStart")} error={f.errors.slotStart} />
      <Field id="message" label="Message to the client (optional)" hint="Sent with the new time." error={f.errors.message}>
        {(control) => <textarea {...control} name="message" rows={3} maxLength={1000} defaultValue={f.v("message")} />}
      </Field>
      <div>
        <button type="submit" className="button" disabled={f.pending}>
          {f.pending ? "Moving…" : "Move and email the client"}
        </button>
      </div>
    </form>
  );
}

/** The confirmation step: a tick, a reason she keeps, a message the client gets. */
export function ClinicianCancelForm({ bookingId }: { bookingId: string }) {
  const f = useForm(cancelBookingByClinicianAction);
  return (
    <form action={f.formAction} className="form" aria-describedby={f.state && !f.state.ok ? FORM_STATUS_ID : undefined} key={f.key}>
      <FormStatus status={f.state} />
      <input type="hidden" name="bookingId" value={bookingId} />
      <Field id="reason" label="Reason (kept for you, never sent)" error={f.errors.reason}>
        {(control) => <textarea {...control} name="reason" rows={2} maxLength={1000} defaultValue={f.v("reason")} />}
      </Field>
      <Field id="message" label="Message to the client (optional)" hint="Sent with the cancellation." error={f.errors.message}>
        {(control) => <textarea {...control} name="message" rows={3} maxLength={1000} defaultValue={f.v("message")} />}
      </Field>
      <CheckboxField id="confirm" label="Yes, cancel this consultation and email the client" error={f.errors.confirm}>
        {(control) => <input {...control} name="confirm" type="checkbox" defaultChecked={f.v("confirm") === "on"} />}
      </CheckboxField>
      <div>
        <button type="submit" className="button button-danger" disabled={f.pending}>
          {f.pending ? "Cancelling…" : "Cancel the consultation"}
        </button>
      </div>
    </form>
  );
}
