/**
 * The clinician's settings: availability (the rules behind /book), the public practice
 * profile and photo, and the EPDS permission. Changing availability never touches an
 * existing booking: it reports the confirmed ones that no longer fit, for her to handle.
 */
import { createHash } from "node:crypto";
import { DateTime } from "luxon";
import { z } from "@/lib/platform/zod";
import { cleanStrings } from "@/lib/platform/validation";
import { recordAudit } from "@/lib/audit/record";
import { formatDateTime } from "@/lib/platform/format";
import { bookingRulesSchema, type BookingRules } from "@/lib/booking/slots";
import { prisma } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { PLACEHOLDER_SETTINGS } from "@/lib/practice/defaults";

type Tx = Prisma.TransactionClient;

/** First message per field, keyed by its dotted path ("windows.2.end", "slotMinutes"). */
export type FieldErrors = Record<string, string>;

export function fieldErrorsFrom(error: z.ZodError, depth = Infinity): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.slice(0, depth).map(String).join(".") || "form";
    out[key] ??= issue.message;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Availability

const MAX_CANCEL_CUTOFF_MINUTES = 30 * 24 * 60;

const cancelCutoffSchema = z.object({
  cancelCutoffMinutes: z
    .int({ error: "Cancellation cutoff must be a whole number of minutes" })
    .min(0, { error: "Cancellation cutoff must be at least 0 minutes" })
    .max(MAX_CANCEL_CUTOFF_MINUTES, { error: `Cancellation cutoff must be at most ${MAX_CANCEL_CUTOFF_MINUTES} minutes` }),
});

/** The booking rules (lib/booking/slots.ts decides what is valid) plus the cancellation cutoff. */
export const availabilitySchema = z.intersection(bookingRulesSchema, cancelCutoffSchema);

export type AvailabilityInput = z.infer<typeof availabilitySchema>;

export type OutsideBooking = { id: string; startsAt: Date; endsAt: Date; email: string; label: string };

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether a booking still lies inside the availability: on a practice-local date that is not
 * a day off, wholly within one of that weekday's windows. Notice and horizon are rules for
 * new requests, so they do not make an existing booking "outside".
 */
export function bookingFits(rules: Pick<BookingRules, "timeZone" | "windows" | "daysOff">, startsAt: Date, endsAt: Date): boolean {
  const start = DateTime.fromJSDate(startsAt, { zone: rules.timeZone });
  const end = DateTime.fromJSDate(endsAt, { zone: rules.timeZone });
  const date = start.toISODate();
  if (!start.isValid || !end.isValid || !date || rules.daysOff.includes(date)) return false;
  if (end.toISODate() !== date) return false;
  const startMinute = start.hour * 60 + start.minute + start.second / 60;
  const endMinute = end.hour * 60 + end.minute + end.second / 60;
  return rules.windows.some((w) => w.weekday === start.weekday && minutesOf(w.start) <= startMinute && endMinute <= minutesOf(w.end));
}

/** Confirmed, still-upcoming bookings that the given availability no longer covers. */
export async function bookingsOutside(
  rules: Pick<BookingRules, "timeZone" | "windows" | "daysOff">,
  now = new Date(),
  db: Tx | typeof prisma = prisma,
): Promise<OutsideBooking[]> {
  const rows = await db.booking.findMany({
    where: { status: "CONFIRMED", startsAt: { gt: now } },
    orderBy: { startsAt: "asc" },
    select: { id: true, startsAt: true, endsAt: true, email: true },
  });
  return rows
    .filter((row) => !bookingFits(rules, row.startsAt, row.endsAt))
    .map((row) => ({ ...row, label: formatDateTime(row.startsAt, rules.timeZone) }));
}

export type SaveAvailabilityResult = { ok: true; rules: AvailabilityInput; outside: OutsideBooking[] } | { ok: false; fieldErrors: FieldErrors };

/**
 * Validates and stores the availability. Bookings are never changed: the result lists the
 * confirmed upcoming ones that now fall outside it.
 */
export async function saveAvailability(input: unknown, now = new Date()): Promise<SaveAvailabilityResult> {
  const parsed = availabilitySchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const rules: AvailabilityInput = {
    timeZone: parsed.data.timeZone,
    windows: [...parsed.data.windows].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    slotMinutes: parsed.data.slotMinutes,
    bufferMinutes: parsed.data.bufferMinutes,
    minNoticeMinutes: parsed.data.minNoticeMinutes,
    horizonDays: parsed.data.horizonDays,
    daysOff: [...new Set(parsed.data.daysOff)].sort(),
    cancelCutoffMinutes: parsed.data.cancelCutoffMinutes,
  };
  const outside = await prisma.$transaction(async (tx) => {
    await tx.bookingSettings.upsert({ where: { id: 1 }, create: { id: 1, ...rules }, update: rules });
    return bookingsOutside(rules, now, tx);
  });
  return { ok: true, rules, outside };
}

// ---------------------------------------------------------------------------------------
// Practice profile

const required = (label: string, max: number) =>
  z
    .string({ error: `Please enter ${label}.` })
    .trim()
    .min(1, { error: `Please enter ${label}.` })
    .max(max, { error: `${label[0]!.toUpperCase()}${label.slice(1)} must be at most ${max} characters.` });

// The seeded profile uses visible placeholders such as "[practice email]"; she may save the
// profile in stages, so an untouched bracketed placeholder is accepted until she replaces it.
const isPlaceholder = (value: string) => /^\[[^\]]{1,60}\]$/.test(value);

export const profileSchema = z.preprocess(cleanStrings, z.object({
  practiceName: required("the practice name", 120),
  clinicianName: required("your name as clients should see it", 120),
  credentials: required("your credentials", 300),
  tagline: required("a tagline for the home page", 300),
  bio: required("a short biography", 5000),
  location: required("the practice location", 200),
  // Typed as one comma-separated line; an already split list (a re-validation) is accepted too.
  telehealthStates: z.preprocess(
    (value) => (Array.isArray(value) ? value.join(",") : value),
    z
      .string({ error: "Please list the states where you offer telehealth, separated by commas." })
      .transform((value) => [...new Set(value.split(",").map((s) => s.trim()).filter(Boolean))])
      .pipe(
        z
          .array(z.string().max(40, { error: (issue) => `"${String(issue.input)}" is too long for a state name (40 characters at most).` }))
          .min(1, { error: "Please list at least one state where you offer telehealth, separated by commas." })
          .max(60, { error: "Please list at most 60 states." }),
      ),
  ),
  contactEmail: required("the practice email address", 200).refine((value) => isPlaceholder(value) || z.email().safeParse(value).success, {
    error: "Please enter a valid email address, for example hello@yourpractice.com.",
  }),
  contactPhone: required("the practice phone number", 40),
  sessionFee: required("the session fee", 200),
  consultationFee: required("the consultation fee", 200),
  feeNotes: z.string().trim().max(1000, { error: "Fee notes must be at most 1000 characters." }).default(""),
}));

export type ProfileInput = z.output<typeof profileSchema>;

export type SaveResult = { ok: true } | { ok: false; fieldErrors: FieldErrors };

export async function saveProfile(input: unknown): Promise<SaveResult> {
  const parsed = profileSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error, 1) };
  await prisma.practiceSettings.upsert({ where: { id: 1 }, create: { id: 1, ...parsed.data }, update: parsed.data });
  return { ok: true };
}

export type EditableProfile = typeof PLACEHOLDER_SETTINGS & { photoType: string | null; photoVersion: string | null };

/** Everything the profile form edits; the photo only as its type and a cache-busting version. */
export async function getEditableProfile(): Promise<EditableProfile> {
  const row = await prisma.practiceSettings.findUnique({ where: { id: 1 }, omit: { id: true, photo: true } });
  if (!row) return { ...PLACEHOLDER_SETTINGS, photoType: null, photoVersion: null };
  const { updatedAt, photoType, ...profile } = row;
  return { ...profile, photoType, photoVersion: photoType ? String(updatedAt.getTime()) : null };
}

// ---------------------------------------------------------------------------------------
// Photo

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image type the file's own first bytes declare, whatever its name or declared type says. */
export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

function megabytes(size: number) {
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

export type PhotoResult = { ok: true; type: PhotoType } | { ok: false; message: string };

/** Checks a declared size before reading a file, so an oversized upload is refused early. */
export function photoSizeError(size: number): string | null {
  if (size <= 0) return "Please choose a photo to upload.";
  if (size > MAX_PHOTO_BYTES) return `That file is ${megabytes(size)}; photos can be at most 2 MB. Please choose a smaller photo or save it at a lower resolution.`;
  return null;
}

/**
 * Stores the profile photo if it really is a JPEG, PNG or WebP image of at most 2 MB. The
 * stored type comes from the file's content, never from its name or the browser's claim.
 */
export async function savePhoto(bytes: Uint8Array, declaredType = ""): Promise<PhotoResult> {
  const sizeError = photoSizeError(bytes.length);
  if (sizeError) return { ok: false, message: sizeError };
  const type = sniffImageType(bytes);
  if (!type) {
    const claimed = (PHOTO_TYPES as readonly string[]).includes(declaredType) ? " even though its name says it is one" : "";
    return {
      ok: false,
      message: `That file is not a JPEG, PNG or WebP image${claimed}. Please choose a photo saved as .jpg, .png or .webp.`,
    };
  }
  const photo = new Uint8Array(bytes);
  await prisma.practiceSettings.upsert({
    where: { id: 1 },
    create: { id: 1, ...PLACEHOLDER_SETTINGS, photo, photoType: type },
    update: { photo, photoType: type },
  });
  return { ok: true, type };
}

export async function removePhoto(): Promise<void> {
  await prisma.practiceSettings.updateMany({ where: { id: 1 }, data: { photo: null, photoType: null } });
}

/**
 * The stored photo with its type, a strong ETag of its content, and the version that
 * getEditableProfile() puts in its URL, or null.
 */
export async function getPhoto(): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string; etag: string; version: string } | null> {
  const row = await prisma.practiceSettings.findUnique({ where: { id: 1 }, select: { photo: true, photoType: true, updatedAt: true } });
  if (!row?.photo || !row.photoType) return null;
  const bytes = new Uint8Array(row.photo);
  const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 32)}"`;
  return { bytes, type: row.photoType, etag, version: String(row.updatedAt.getTime()) };
}

// ---------------------------------------------------------------------------------------
// EPDS permission

export const epdsSchema = z
  .object({
    enabled: z.boolean({ error: "Choose whether to use the EPDS." }),
    confirmPermission: z.boolean().default(false),
    sensitiveCutoff: z.boolean().default(false),
  })
  .refine((v) => !v.enabled || v.confirmPermission, {
    path: ["confirmPermission"],
    error:
      "The EPDS can only be turned on once you confirm that you hold written permission from the Royal College of Psychiatrists to use it online.",
  });

export type EpdsSettings = { enabled: boolean; sensitiveCutoff: boolean; permissionBy: string | null; permissionAt: Date | null };

export async function getEpdsSettings(db: Tx | typeof prisma = prisma): Promise<EpdsSettings> {
  const row = await db.clinicalSettings.findUnique({ where: { id: 1 } });
  return {
    enabled: row?.epdsEnabled ?? false,
    sensitiveCutoff: row?.epdsSensitiveCutoff ?? false,
    permissionBy: row?.epdsPermissionBy ?? null,
    permissionAt: row?.epdsPermissionAt ?? null,
  };
}

export type EpdsActor = { id: string; email: string; role: "CLIENT" | "CLINICIAN" };

export type EpdsResult = { ok: true; settings: EpdsSettings } | { ok: false; fieldErrors: FieldErrors };

/**
 * Turns the EPDS on or off. Turning it on requires her confirmation of permission; who
 * confirmed and when is stored with the setting (and cleared when it is turned off), and
 * every change is in the audit trail.
 */
export async function setEpdsPermission(
  input: { enabled: boolean; sensitiveCutoff: boolean; confirmPermission?: boolean; actor: EpdsActor },
  now = new Date(),
): Promise<EpdsResult> {
  const { actor, ...values } = input;
  const parsed = epdsSchema.safeParse(values);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  if (actor.role !== "CLINICIAN") throw new Error("Only the clinician can change the EPDS setting");
  const { enabled, sensitiveCutoff } = parsed.data;
  const settings = await prisma.$transaction(async (tx) => {
    const current = await getEpdsSettings(tx);
    // A fresh confirmation is recorded when it is turned on; staying on keeps the original.
    const confirmation =
      enabled && current.enabled && current.permissionBy
        ? { epdsPermissionBy: current.permissionBy, epdsPermissionAt: current.permissionAt }
        : enabled
          ? { epdsPermissionBy: actor.email, epdsPermissionAt: now }
          : { epdsPermissionBy: null, epdsPermissionAt: null };
    const data = { epdsEnabled: enabled, epdsSensitiveCutoff: sensitiveCutoff, ...confirmation };
    await tx.clinicalSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    await recordAudit(
      { actor: { id: actor.id, role: actor.role }, action: "settings.epds", subjectType: "ClinicalSettings", subjectId: "1", outcome: "allowed" },
      tx,
    );
    return getEpdsSettings(tx);
  });
  return { ok: true, settings };
}
