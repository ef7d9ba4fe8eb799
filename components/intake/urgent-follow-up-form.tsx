"use client";

import { useActionState } from "react";
import { markUrgentFollowedUpAction, type FollowUpState } from "@/lib/actions/intake";

/**
 * Records that the clinician followed up on an urgent flag, before or after the client submits.
 * The status region stays mounted when the form goes away after a successful save (the page
 * re-renders without it), so the confirmation is still announced and shown.
 */
export function UrgentFollowUpForm({ intakeId, open }: { intakeId: string; open: boolean }) {
  const [state, action, pending] = useActionState<FollowUpState, FormData>(markUrgentFollowedUpAction, undefined);
  return (
    <div className="no-print">
      {open && (
        <form action={action} className="form">
          <input type="hidden" name="intakeId" value={intakeId} />
          <div className="field">
            <label htmlFor="follow-up-note">Follow-up note (optional)</label>
            <p id="follow-up-note-hint" className="hint">
              For example how and when you reached the client. Only you can read this. It is stored encrypted.
            </p>
            <textarea id="follow-up-note" name="note" rows={3} maxLength={2000} aria-describedby="follow-up-note-hint" />
          </div>
          <button type="submit" className="button" disabled={pending}>
            {pending ? "Saving…" : "I have followed up on this urgent flag"}
          </button>
        </form>
      )}
      <div role="status" aria-live="polite">
        {state && <p className={state.ok ? "notice" : "form-error"}>{state.message}</p>}
      </div>
    </div>
  );
}
