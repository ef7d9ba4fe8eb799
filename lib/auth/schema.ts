import { emailField } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";

export const emailSignInSchema = z.object({ email: emailField });
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
});
export type ClinicianSignIn = z.infer<typeof clinicianSignInSchema>;
