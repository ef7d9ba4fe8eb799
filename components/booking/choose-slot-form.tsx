"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/booking";

type SlotOption = { iso: string; label: string };
type Day = { date: string; label: string; slots: SlotOption[] };

/** Radio list of new times; a plain form post, so it works without JavaScript as well. */
export function ChooseSlotForm({
  bookingId,
  days,
  action,
}: {
  bookingId: string;
  days: Day[];
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="form">
      {state?.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      <input type="hidden" name="bookingId" value={bookingId} />
      {days.map((day) => (
        <fieldset key={day.date} className="field">
          <legend>{day.label}</legend>
          <div className="slot-grid">
            {day.slots.map((slot) => (
              <label key={slot.iso} className="slot slot-radio">
                <input type="radio" name="slotStart" value={slot.iso} required /> {slot.label}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Moving your consultation…" : "Move to this time"}
      </button>
    </form>
  );
}
