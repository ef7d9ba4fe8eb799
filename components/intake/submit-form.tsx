"use client";

import Link from "@/components/ui/link";
import { useActionState } from "react";
import { FormStatus, FORM_STATUS_ID } from "@/components/ui/form-status";
import { submitIntakeAction } from "@/lib/actions/intake";
import { STEPS } from "@/lib/intake/schema";

/** Submits the intake; a step that still needs answers comes back as a link to it. Posts with or without JavaScript. */
export function SubmitIntakeForm() {
  const [state, formAction, pending] = useActionState(submitIntakeAction, null);
  const issues = state && !state.ok ? Object.entries(state.fieldErrors) : [];
  return (
    <form action={formAction} className="form" aria-describedby={state && !state.ok ? FORM_STATUS_ID : undefined}>
      <FormStatus status={state} />
      {issues.length > 0 && (
        <ul className="form-issues">
          {issues.map(([step, message]) => (
            <li key={step}>
              <Link href={`/portal/intake/${step}`}>{STEPS.find((s) => s.slug === step)?.title ?? step}</Link>: {message}
            </li>
          ))}
        </ul>
      )}
      <p>After you submit, your answers can no longer be changed here. You can always tell us more in your first session.</p>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Submitting…" : "Submit my intake"}
      </button>
    </form>
  );
}
