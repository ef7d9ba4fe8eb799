import { z } from "zod";

export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Please enter a valid email address, like name@example.com."))
  .pipe(z.string().max(254, "That email address is too long."));

export const emailSignInSchema = z.object({ email: emailField });
export type EmailSignIn = z.infer<typeof emailSignInSchema>;

/** Only same-site paths may be used as a place to return to after signing in. */
export function safeCallbackPath(value: string | undefined | null, fallback = "/portal"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  return value;
}
