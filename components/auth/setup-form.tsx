"use client";

import Link from "@/components/ui/link";
import { useActionState } from "react";
import { completeSetupAction, type SetupState } from "@/lib/actions/auth";

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  return messages?.[0] ? (
    <p id={id} className="field-error">
      {messages[0]}
    </p>
  ) : null;
}

export function SetupForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<SetupState, FormData>(completeSetupAction, undefined);
  if (state?.ok) {
    return (
      <section className="card confirm-panel" aria-labelledby="codes-heading">
        <h2 id="codes-heading" className="card-title">
          Your account is ready. Save these recovery codes
        </h2>
        <p>
          Each code works once if you lose your phone. Store them somewhere safe (a password manager or printed copy). They will not be
          shown again.
        </p>
        <ul className="recovery-codes">
          {state.recoveryCodes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/dashboard/signin" className="button">
            Continue to sign in
          </Link>
        </p>
      </section>
    );
  }
  const errors = state?.ok === false ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="form">
      {state?.ok === false && state.message && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      <input type="hidden" name="token" value={token} />
      <div className="field">
        <label htmlFor="s-password">New password</label>
        <p id="s-password-hint" className="hint">
          At least 12 characters. A few unrelated words make a strong, memorable password.
        </p>
        <input
          id="s-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby={errors.password ? "s-password-hint s-password-error" : "s-password-hint"}
          aria-invalid={!!errors.password}
        />
        <FieldError id="s-password-error" messages={errors.password} />
      </div>
      <div className="field">
        <label htmlFor="s-confirm">Repeat the password</label>
        <input
          id="s-confirm"
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={!!errors.confirm}
          aria-describedby={errors.confirm ? "s-confirm-error" : undefined}
        />
        <FieldError id="s-confirm-error" messages={errors.confirm} />
      </div>
      <div className="field">
        <label htmlFor="s-code">Code from your authenticator app</label>
        <input
          id="s-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          aria-invalid={!!errors.code}
          aria-describedby={errors.code ? "s-code-error" : undefined}
        />
        <FieldError id="s-code-error" messages={errors.code} />
      </div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : "Finish setup"}
      </button>
    </form>
  );
}
