"use client";

import { useActionState } from "react";
import { markReviewedAction, type ReviewState } from "@/lib/actions/intake";

export function ReviewForm({ intakeId, note }: { intakeId: string; note: string }) {
  const [state, action, pending] = useActionState<ReviewState, FormData>(markReviewedAction, undefined);
  return (
    <form action={action} className="form no-print">
      <input type="hidden" name="intakeId" value={intakeId} />
      <div className="field">
        <label htmlFor="review-note">Private note</label>
        <p id="review-note-hint" className="hint">
          Only you can read this. It is stored encrypted.
        </p>
        <textarea id="review-note" name="note" rows={4} defaultValue={note} aria-describedby="review-note-hint" />
      </div>
      {state && (
        <p role="status" className={state.ok ? "notice" : "form-error"}>
          {state.message}
        </p>
      )}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : "Mark as reviewed"}
      </button>
    </form>
  );
}
