"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action";
import { FormStatus } from "@/components/ui/form-status";

export function CancelForm({
  bookingId,
  action,
}: {
  bookingId: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="form">
      <FormStatus status={state} />
      <input type="hidden" name="bookingId" value={bookingId} />
      <button type="submit" className="button button-danger" disabled={pending}>
        {pending ? "Cancelling…" : "Yes, cancel my consultation"}
      </button>
    </form>
  );
}
