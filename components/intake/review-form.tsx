"use client";

import { useActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { markReviewedAction } from "@/lib/actions/intake";
import { REVIEW_NOTE_MAX, reviewNoteSchema } from "@/lib/intake/schema";

export function ReviewForm({ intakeId, note }: { intakeId: string; note: string }) {
  const form = useActionForm(markReviewedAction, { schema: reviewNoteSchema, initial: { note } });
  return (
    <form {...form.props} className="form no-print">
      <input type="hidden" name="intakeId" value={intakeId} />
      <Field
        id="review-note"
        label="Private note"
        hint="Only you can read this, unless you share it with the client afterwards. It is stored encrypted."
        error={form.errorFor("note")}
      >
        {(control) => <textarea rows={4} maxLength={REVIEW_NOTE_MAX} {...control} {...form.text("note")} />}
      </Field>
      <FormStatus status={form.status} id={form.statusId} />
      <button type="submit" className="button" disabled={form.pending}>
        {form.pending ? "Saving…" : "Mark as reviewed"}
      </button>
    </form>
  );
}
