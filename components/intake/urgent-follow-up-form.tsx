"use client";

import { useActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { markUrgentFollowedUpAction } from "@/lib/actions/intake";
import { FOLLOW_UP_NOTE_MAX, followUpNoteSchema } from "@/lib/intake/schema";

const NOTE_HINT = "For example how and when you reached the client. Only you can read this. It is stored encrypted.";

/**
 * Records that the clinician followed up on an urgent flag, before or after the client submits.
 * The status stays when the form goes away after a successful save (the page re-renders
 * without it), so the confirmation is still announced and shown.
 */
export function UrgentFollowUpForm({ intakeId, open }: { intakeId: string; open: boolean }) {
  const form = useActionForm(markUrgentFollowedUpAction, { schema: followUpNoteSchema });
  return (
    <div className="no-print">
      {open && (
        <form {...form.props} className="form">
          <input type="hidden" name="intakeId" value={intakeId} />
          <Field id="follow-up-note" label="Follow-up note (optional)" hint={NOTE_HINT} error={form.errorFor("note")}>
            {(control) => <textarea rows={3} maxLength={FOLLOW_UP_NOTE_MAX} {...control} {...form.text("note")} />}
          </Field>
          <button type="submit" className="button" disabled={form.pending}>
            {form.pending ? "Saving…" : "I have followed up on this urgent flag"}
          </button>
        </form>
      )}
      <FormStatus status={form.status} id={form.statusId} />
    </div>
  );
}
