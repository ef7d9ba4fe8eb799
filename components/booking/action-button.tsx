"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/platform/action";

/** One button that posts a server action with fixed hidden fields (nothing typed), and says how it went. */
export function ActionButton({
  action,
  fields,
  label,
  pendingLabel,
  quiet = true,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  quiet?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={quiet ? "button button-quiet button-small" : "button button-small"} disabled={pending}>
        {pending ? pendingLabel : label}
      </button>
      {state && (
        <span role={state.ok ? "status" : "alert"} className={state.ok ? "small" : "field-error"}>
          {state.message}
        </span>
      )}
    </form>
  );
}
