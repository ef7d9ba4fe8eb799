/**
 * Input hygiene and validation pieces shared by every schema, and the one shape of field
 * errors that actions return and forms show.
 */
import { z } from "@/lib/platform/zod";

/** Ids in URLs and forms: cuid or UUID shaped, nothing else reaches a query. */
export const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "That record could not be found.");

/** An email address as people type it: trimmed and lower-cased, the form of every stored address. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("Please enter a valid email address, like name@example.com."))
  .pipe(z.string().max(254, "That email address is too long."));

/** A phone number as people type it: digits with spaces, dots, dashes, brackets, a leading +. */
export const PHONE_PATTERN = /^[+()\d][\d\s().-]{6,24}$/;

/** "YYYY-MM-DD" (checked for being a real date by the schema that uses it). */
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

// PostgreSQL text cannot hold NUL characters or broken UTF-16, so such input must become a
// validation message (or be cleaned), never a database error.
function cleanString(value: string): string {
  return value.replace(/\u0000/g, "").toWellFormed();
}

/** Removes NUL characters and lone surrogates from every string in a plain value. */
export function cleanStrings(value: unknown): unknown {
  if (typeof value === "string") return cleanString(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, cleanStrings(inner)]));
  }
  return value;
}

/** First message per field, keyed by its dotted path ("windows.2.end", "slotMinutes"); "form" for the whole form. */
export type FieldErrors = Record<string, string>;

/** A zod error as FieldErrors; `depth` folds deeper paths into their first segments (a list field's items into the field). */
export function fieldErrorsFrom(error: z.ZodError, depth = Infinity): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.slice(0, depth).map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

/** A checkbox as a form posts it: "on" when ticked, absent when not (also accepts a boolean from scripts). */
export const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

/**
 * A phone number as typed ("(512) 555-0100", "+49 30 1234567") as the target of a tel: link:
 * the digits, with a leading + kept for an international number.
 */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  return `tel:${trimmed.startsWith("+") ? "+" : ""}${trimmed.replace(/\D/g, "")}`;
}
