import { emailField } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";

/** Where to go after signing in, posted with the form; checked again with safeCallbackPath. */
const callbackField = z.string().max(2000).optional();

export const emailSignInSchema = z.object({ email: emailField, callbackUrl: callbackField });
export type EmailSignIn = z.infer<typeof emailSignInSchema>;

/** Only same-site paths may be used as a place to return to after signing in. */
export function safeCallbackPath(value: string | undefined | null, fallback = "/portal"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  return value;
}

export const clinicianSignInSchema = z.object({
  email: emailField,
  // Not the strength rules: an old password must still be checkable. Only bounded.
  password: z.string().min(1, "Please enter your password.").max(256, "That password is too long."),
  code: z
    .string()
    .trim()
    .min(1, "Please enter the 6-digit code from your authenticator app, or a recovery code.")
    .max(20, "That code is too long."),
  callbackUrl: callbackField,
});
export type ClinicianSignIn = z.infer<typeof clinicianSignInSchema>;

const PASSWORD_MIN = 12;
const PASSWORD_MAX = 256;

/** A new password: long passphrases are accepted whole, nothing is truncated. */
export const passwordField = z
  .string()
  .min(PASSWORD_MIN, `Please use at least ${PASSWORD_MIN} characters; a few unrelated words work well.`)
  .max(PASSWORD_MAX, `Please use at most ${PASSWORD_MAX} characters.`);

/** The one-time setup page: her new password, twice, and the first code from her authenticator app. */
export const setupSchema = z
  .object({
    token: z.string().min(1).max(100),
    password: passwordField,
    confirm: z.string(),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "Please enter the 6-digit code shown in your authenticator app."),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match." });
