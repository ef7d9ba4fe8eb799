"use client";

import Link from "@/components/ui/link";
import { useActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { completeSetupAction } from "@/lib/actions/auth";
import { setupSchema } from "@/lib/auth/schema";

const PASSWORD_HINT = "At least 12 characters. A few unrelated words make a strong, memorable password.";

/** What the setup page knows about an open link: whose account, and the authenticator to enrol. */
export type OpenSetup = { email: string; totpSecret: string; qrSvg: string };

/**
 * The whole setup page. It is one component whatever the state, so that after the form is
 * posted without scripts (when the link is already used up) the answer, with the recovery
 * codes, still lands in the same place in the page.
 */
export function SetupForm({ token, setup }: { token: string; setup: OpenSetup | null }) {
  const form = useActionForm(completeSetupAction, { schema: setupSchema });
  if (form.state?.ok) {
    return (
      <>
        <h1>Your account is ready</h1>
        <section className="card confirm-panel" aria-labelledby="codes-heading">
          <h2 id="codes-heading" className="card-title">
            Save these recovery codes
          </h2>
          <p>
            Each code works once if you lose your phone. Store them somewhere safe (a password manager or printed copy). They will not be
            shown again.
          </p>
          <ul className="recovery-codes">
            {form.state.data?.recoveryCodes.map((code) => (
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
      </>
    );
  }
  if (!setup) {
    return (
      <>
        <h1>This setup link has expired or was already used</h1>
        <p>
          Run <code>npm run clinician:setup</code> on the server to print a new link. Links work once and for 24 hours.
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Set up your clinician account</h1>
      <p className="lead">Signing in to the dashboard needs your password and a code from an authenticator app on your phone.</p>
      <ol className="setup-steps">
        <li>
          <p>
            Scan this code with an authenticator app (for example 1Password, Google Authenticator, Microsoft Authenticator or Authy) for{" "}
            <strong>{setup.email}</strong>.
          </p>
          <div
            className="qr"
            role="img"
            aria-label="QR code for your authenticator app"
            dangerouslySetInnerHTML={{ __html: setup.qrSvg }}
          />
          <p className="small">
            Or enter this key by hand: <code data-testid="totp-secret">{setup.totpSecret}</code>
          </p>
        </li>
        <li>
          <p>Choose a password and enter the 6-digit code the app shows.</p>
          <form {...form.props} className="form">
            <FormStatus status={form.status} id={form.statusId} />
            <input type="hidden" name="token" value={token} />
            <Field id="s-password" label="New password" hint={PASSWORD_HINT} error={form.errorFor("password")}>
              {(control) => <input type="password" autoComplete="new-password" required {...control} {...form.text("password")} />}
            </Field>
            <Field id="s-confirm" label="Repeat the password" error={form.errorFor("confirm")}>
              {(control) => <input type="password" autoComplete="new-password" required {...control} {...form.text("confirm")} />}
            </Field>
            <Field id="s-code" label="Code from your authenticator app" error={form.errorFor("code")}>
              {(control) => <input inputMode="numeric" autoComplete="one-time-code" required {...control} {...form.text("code")} />}
            </Field>
            <button type="submit" className="button" disabled={form.pending}>
              {form.pending ? "Saving…" : "Finish setup"}
            </button>
          </form>
        </li>
      </ol>
    </>
  );
}
