"use server";

import { revalidatePath } from "next/cache";
import { requireClinician } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/platform/format";
import { getBookingRules } from "@/lib/booking/service";
import {
  availabilitySchema,
  epdsSchema,
  fieldErrorsFrom,
  photoSizeError,
  profileSchema,
  removePhoto,
  saveAvailability,
  savePhoto,
  saveProfile,
  setEpdsPermission,
  type EpdsSettings,
  type FieldErrors,
} from "@/lib/dashboard/settings";

const FIX_BELOW = "Nothing was saved yet. Please correct the highlighted fields.";

export type AvailabilityState =
  | { ok: true; outside: { id: string; label: string; email: string }[] }
  | { ok: false; message: string; fieldErrors?: FieldErrors };

export async function saveAvailabilityAction(input: unknown): Promise<AvailabilityState> {
  await requireClinician("/dashboard/availability");
  const parsed = availabilitySchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: FIX_BELOW, fieldErrors: fieldErrorsFrom(parsed.error) };
  const result = await saveAvailability(parsed.data);
  if (!result.ok) return { ok: false, message: FIX_BELOW, fieldErrors: result.fieldErrors };
  // /book renders on every request, so it already offers the new times.
  return { ok: true, outside: result.outside.map(({ id, label, email }) => ({ id, label, email })) };
}

export type ProfileState = { ok: true } | { ok: false; message: string; fieldErrors?: FieldErrors };

export async function saveProfileAction(input: unknown): Promise<ProfileState> {
  await requireClinician("/dashboard/profile");
  const parsed = profileSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: FIX_BELOW, fieldErrors: fieldErrorsFrom(parsed.error, 1) };
  const result = await saveProfile(parsed.data);
  if (!result.ok) return { ok: false, message: FIX_BELOW, fieldErrors: result.fieldErrors };
  // The public pages are pre-rendered: rebuild every one of them on its next visit.
  revalidatePath("/", "layout");
  return { ok: true };
}

export type PhotoState = { ok: true; message: string } | { ok: false; message: string } | undefined;

export async function uploadPhotoAction(_prev: PhotoState, formData: FormData): Promise<PhotoState> {
  await requireClinician("/dashboard/profile");
  const file = formData.get("photo");
  if (!(file instanceof File)) return { ok: false, message: "Please choose a photo to upload." };
  const sizeError = photoSizeError(file.size);
  if (sizeError) return { ok: false, message: sizeError };
  const result = await savePhoto(new Uint8Array(await file.arrayBuffer()), file.type);
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  return { ok: true, message: "Photo saved." };
}

export async function removePhotoAction(): Promise<PhotoState> {
  await requireClinician("/dashboard/profile");
  await removePhoto();
  revalidatePath("/", "layout");
  return { ok: true, message: "Photo removed." };
}

export type EpdsView = { enabled: boolean; sensitiveCutoff: boolean; permissionBy: string | null; permissionAt: string | null };

export type EpdsState = { ok: true; settings: EpdsView } | { ok: false; message: string; fieldErrors?: FieldErrors };

/** Who confirmed and when, with the time in the practice's zone, for display. */
async function epdsView(settings: EpdsSettings): Promise<EpdsView> {
  const { timeZone } = await getBookingRules();
  return { ...settings, permissionAt: settings.permissionAt ? formatDateTime(settings.permissionAt, timeZone) : null };
}

export async function saveEpdsAction(input: unknown): Promise<EpdsState> {
  const user = await requireClinician("/dashboard/profile");
  const parsed = epdsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "The EPDS setting was not changed.", fieldErrors: fieldErrorsFrom(parsed.error) };
  const result = await setEpdsPermission({ ...parsed.data, actor: user });
  if (!result.ok) return { ok: false, message: "The EPDS setting was not changed.", fieldErrors: result.fieldErrors };
  return { ok: true, settings: await epdsView(result.settings) };
}
