/**
 * The one result shape of every server action, and the pieces each action is built from
 * (docs/ARCHITECTURE.md, "Every action has the same shape"):
 *
 *   const user = await requireClinician(path);                  // 1. guard first
 *   const values = formValues(formData);
 *   const parsed = schema.safeParse(values);                     // 2. parse once
 *   if (!parsed.success) return invalid(parsed.error, values);   //    errors + what was typed
 *   await domainWrite(parsed.data, user);                        // 3. one domain call
 *   return done("Saved.");                                       // 4. one result type
 *
 * `values` come back on failure so that a form posted without JavaScript (a plain POST that
 * React answers with a server-rendered page) shows what the person typed, not empty fields.
 */
import type { z } from "@/lib/platform/zod";
import { cleanStrings, fieldErrorsFrom, type FieldErrors } from "@/lib/platform/validation";

/** A form's fields as typed: one string per name, or a list for a repeated name (checkbox groups). */
export type FormValues = Record<string, string | string[]>;

export type ActionResult<T = undefined> =
  { ok: true; message: string; data?: T } | { ok: false; message: string; fieldErrors: FieldErrors; values: FormValues };

/** useActionState's state: null before the first submission. */
export type ActionState<T = undefined> = ActionResult<T> | null;

export const CHECK_FIELDS = "Nothing was saved yet. Please check the highlighted fields.";

/**
 * Plain values from a posted form. Files and React's own `$ACTION…` fields are left out;
 * a name that appears more than once becomes a list. NUL characters, which PostgreSQL text
 * cannot hold, are removed, and line breaks are LF. Anything that is not a FormData (a crafted call to the action)
 * gives no values, so the action's schema refuses it with its usual messages.
 */
export function formValues(formData: unknown): FormValues {
  const values: FormValues = {};
  if (!(formData instanceof FormData)) return values;
  for (const [name, raw] of formData.entries()) {
    if (typeof raw !== "string" || name.startsWith("$ACTION")) continue;
    // Browsers send a textarea's line breaks as CRLF; what is stored uses LF.
    const value = (cleanStrings(raw) as string).replace(/\r\n?/g, "\n");
    const existing = values[name];
    values[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

/** The form was not valid: a message per field, and what was typed so the form can show it again. */
export function invalid(error: z.ZodError | FieldErrors, values: FormValues, message = CHECK_FIELDS): ActionResult<never> {
  const fieldErrors = error instanceof Error ? fieldErrorsFrom(error) : error;
  return { ok: false, message, fieldErrors, values };
}

/** Refused for a reason that is not one field's (it changed meanwhile, it no longer exists). */
export function refused(message: string, values: FormValues = {}): ActionResult<never> {
  return { ok: false, message, fieldErrors: {}, values };
}

export function done<T = undefined>(message: string, data?: T): ActionResult<T> {
  return data === undefined ? { ok: true, message } : { ok: true, message, data };
}
