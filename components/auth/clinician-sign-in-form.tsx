"use client";

import { useEffect } from "react";
import { useActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { clinicianSignInAction } from "@/lib/actions/auth";
import { clinicianSignInSchema } from "@/lib/auth/schema";

const CODE_HINT = "The 6-digit code from your authenticator app, or one of your recovery codes.";

/** Signing in leaves for the dashboard; a refusal comes back with the email kept and the password and code cleared. */
export function ClinicianSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const form = useActionForm(clinicianSignInAction, { schema: clinicianSignInSchema });
  const { state, clear } = form;
  // A code is tried once: after a refusal the field is empty for the next one (as without scripts).
  useEffect(() => {
    if (state && !state.ok) clear("code");
  }, [state, clear]);
  return (
    <form {...form.props} className="form">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormStatus status={form.status} id={form.statusId} />
      <Field id="c-email" label="Email" error={form.errorFor("email")}>
        {(control) => <input type="email" autoComplete="username" {...control} {...form.text("email")} />}
      </Field>
      <Field id="c-password" label="Password" error={form.errorFor("password")}>
        {(control) => <input type="password" autoComplete="current-password" {...control} {...form.text("password")} />}
      </Field>
      <Field id="c-code" label="Authentication code" hint={CODE_HINT} error={form.errorFor("code")}>
        {(control) => <input inputMode="numeric" autoComplete="one-time-code" {...control} {...form.text("code")} />}
      </Field>
      <button type="submit" className="button" disabled={form.pending}>
        {form.pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
