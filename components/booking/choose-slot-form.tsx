"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action";
import { FormStatus } from "@/components/ui/form-status";

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
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="form">
      <FormStatus status={state} />
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
      <div className="sticky-submit">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Moving your consultation…" : "Move to this time"}
        </button>
      </div>
    </form>
  );
}
