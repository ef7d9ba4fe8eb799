"use server";

import { completeSetup } from "@/lib/auth/clinician";
import { passwordField } from "@/lib/auth/password";
import { z } from "@/lib/platform/zod";

const setupSchema = z
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

export type SetupState =
  { ok: true; recoveryCodes: string[] } | { ok: false; message?: string; fieldErrors?: Record<string, string[] | undefined> } | undefined;

/** Public by design: the one-time setup token in the form is what authorises it. */
export async function completeSetupAction(_prev: SetupState, formData: FormData): Promise<SetupState> {
  const parsed = setupSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, fieldErrors: parsed.error.flatten().fieldErrors };
  const result = await completeSetup(parsed.data.token, parsed.data.password, parsed.data.code);
  if (!result.ok)
    return { ok: false, ...(result.field === "code" ? { fieldErrors: { code: [result.message] } } : { message: result.message }) };
  return { ok: true, recoveryCodes: result.recoveryCodes };
}
