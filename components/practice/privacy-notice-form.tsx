"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { FORM_STATUS_ID, FormStatus } from "@/components/ui/form-status";
import { savePrivacyNoticeAction } from "@/lib/actions/practice";
import type { ActionState } from "@/lib/platform/action";
import { PRIVACY_NOTICE_MAX } from "@/lib/practice/privacy-notice-text";

/**
 * Her Notice of Privacy Practices, in Markdown. A server action through `<form action>`: it
 * posts and saves before the page's scripts have loaded and without them, and a refused save
 * comes back with her text, not an empty box.
 */
export function PrivacyNoticeForm({ initial }: { initial: string }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(savePrivacyNoticeAction, null);
  const failed = state?.ok === false;
  const typed = failed ? state.values.privacyNotice : undefined;
  const text = typeof typed === "string" ? typed : initial;
  return (
    <form action={formAction} className="form" aria-describedby={failed ? FORM_STATUS_ID : undefined}>
      <Field
        id="privacy-notice"
        label="Notice of Privacy Practices"
        hint="Written in Markdown, like articles: ## for a heading, - for a list item, **bold**. Shown on the public page exactly as saved."
        error={failed ? state.fieldErrors.privacyNotice : undefined}
      >
        {(control) => (
          // Keyed by the text, so a refused save shows what she typed even after a save that worked.
          <textarea {...control} key={text} name="privacyNotice" rows={24} maxLength={PRIVACY_NOTICE_MAX} defaultValue={text} />
        )}
      </Field>
      <FormStatus status={state} />
      <div>
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Saving…" : "Save the privacy notice"}
        </button>
      </div>
    </form>
  );
}
