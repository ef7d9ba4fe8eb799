"use client";

import Link from "@/components/ui/link";
import { useActionState } from "react";
import { submitIntakeAction, type SubmitState } from "@/lib/actions/intake";

export function SubmitIntakeForm() {
  const [state, formAction, pending] = useActionState<SubmitState>(submitIntakeAction, undefined);
  return (
    <form action={formAction} className="form">
      {state && (
        <div className="form-error" role="alert">
          <p>{state.message}</p>
          {state.issues && (
            <ul>
              {state.issues.map((issue) => (
                <li key={issue.step + issue.message}>
                  <Link href={`/portal/intake/${issue.step}`}>{issue.title}</Link>: {issue.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p>After you submit, your answers can no longer be changed here. You can always tell us more in your first session.</p>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Submitting…" : "Submit my intake"}
      </button>
    </form>
  );
}
