"use server";

import { redirect } from "next/navigation";
import { completeSetup } from "@/lib/auth/clinician";
import { clinicianSignInSchema, emailSignInSchema, safeCallbackPath, setupSchema } from "@/lib/auth/schema";
import { requestSignInLink, signInClinician } from "@/lib/auth/sign-in";
import { done, formValues, invalid, refused, type ActionState, type FormValues } from "@/lib/platform/action";

/** A password or a code is never sent back into the page, even when the form is refused. */
const SECRETS = new Set(["password", "confirm", "code"]);
function withoutSecrets(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !SECRETS.has(name)));
}

/**
 * The client's sign-in form (public by design). The clinician's address gets the same answer
 * as any other; she signs in with her password instead.
 */
export async function requestSignInLinkAction(
  _prev: ActionState<{ email: string }>,
  formData: FormData,
): Promise<ActionState<{ email: string }>> {
  const values = formValues(formData);
  const parsed = emailSignInSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const sent = await requestSignInLink(parsed.data.email, safeCallbackPath(parsed.data.callbackUrl));
  if (!sent.ok)
    return refused(
      sent.reason === "rate-limited"
        ? "Too many sign-in emails were requested. Please wait a while and try again."
        : "We could not send the email. Please try again in a moment.",
      values,
    );
  return done("Check your email", { email: parsed.data.email });
}

/** The clinician's sign-in (public by design: the password and second factor are what it checks). */
export async function clinicianSignInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const parsed = clinicianSignInSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, withoutSecrets(values));
  const { callbackUrl, ...credentials } = parsed.data;
  const signedIn = await signInClinician(credentials);
  if (!signedIn.ok)
    return refused(
      signedIn.reason === "rate-limited"
        ? "Too many attempts. For your security, sign-in is paused for a few minutes."
        : "The email, password or code is not right. Please try again.",
      withoutSecrets(values),
    );
  const next = safeCallbackPath(callbackUrl, "/dashboard");
  redirect(next.startsWith("/dashboard") ? next : "/dashboard");
}

/** Public by design: the one-time setup token in the form is what authorises it. */
export async function completeSetupAction(
  _prev: ActionState<{ recoveryCodes: string[] }>,
  formData: FormData,
): Promise<ActionState<{ recoveryCodes: string[] }>> {
  const values = formValues(formData);
  const parsed = setupSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, withoutSecrets(values));
  const result = await completeSetup(parsed.data.token, parsed.data.password, parsed.data.code);
  if (!result.ok)
    return result.field === "code"
      ? invalid({ code: result.message }, withoutSecrets(values))
      : refused(result.message, withoutSecrets(values));
  return done("Your account is ready.", { recoveryCodes: result.recoveryCodes });
}
