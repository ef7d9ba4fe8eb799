/**
 * Input hygiene shared by the schemas: PostgreSQL text cannot hold NUL characters or
 * broken UTF-16, so such input must become a validation message (or be cleaned), never a
 * database error.
 */
import { z } from "@/lib/platform/zod";

/** Ids in URLs and forms: cuid or UUID shaped, nothing else reaches a query. */
export const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "That record could not be found.");

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
