"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/actions/booking";

export function CancelForm({
  bookingId,
  action,
}: {
  bookingId: string;
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
      <button type="submit" className="button button-danger" disabled={pending}>
        {pending ? "Cancelling…" : "Yes, cancel my consultation"}
      </button>
    </form>
  );
}
