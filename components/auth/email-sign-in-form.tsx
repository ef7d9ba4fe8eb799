"use client";

import { useActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { requestSignInLinkAction } from "@/lib/actions/auth";
import { emailSignInSchema } from "@/lib/auth/schema";

export function EmailSignInForm({ callbackUrl, submitLabel = "Email me a sign-in link" }: { callbackUrl: string; submitLabel?: string }) {
  const form = useActionForm(requestSignInLinkAction, { schema: emailSignInSchema });
  if (form.state?.ok) {
    return (
      <div className="card confirm-panel" role="status">
        <h2 className="card-title">Check your email</h2>
        <p>
          We sent a sign-in link to <strong>{form.state.data?.email}</strong>. It works once and expires in 10 minutes.
        </p>
      </div>
    );
  }
  return (
    <form {...form.props} className="form">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormStatus status={form.status} id={form.statusId} />
      <Field id="signin-email" label="Email" error={form.errorFor("email")}>
        {(control) => <input type="email" inputMode="email" autoComplete="email" {...control} {...form.text("email")} />}
      </Field>
      <button type="submit" className="button" disabled={form.pending}>
        {form.pending ? "Sending…" : submitLabel}
      </button>
    </form>
  );
}
