"use server";

import { revalidatePath } from "next/cache";
import { requireClinician } from "@/lib/auth/session";
import { photoSizeError, removePhoto, savePhoto } from "@/lib/practice/photo";
import { profileSchema, saveProfile } from "@/lib/practice/profile";
import { fieldErrorsFrom, type FieldErrors } from "@/lib/platform/validation";

export type ProfileState = { ok: true } | { ok: false; message: string; fieldErrors?: FieldErrors };

export async function saveProfileAction(input: unknown): Promise<ProfileState> {
  await requireClinician("/dashboard/profile");
  const parsed = profileSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      message: "Nothing was saved yet. Please correct the highlighted fields.",
      fieldErrors: fieldErrorsFrom(parsed.error, 1),
    };
  await saveProfile(parsed.data);
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
