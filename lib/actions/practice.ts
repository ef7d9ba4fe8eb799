"use server";

import { revalidatePath } from "next/cache";
import { requireClinician } from "@/lib/auth/session";
import { photoSizeError, removePhoto, savePhoto } from "@/lib/practice/photo";
import { profileSchema, saveProfile } from "@/lib/practice/profile";
import { fieldErrorsFrom, type FieldErrors } from "@/lib/platform/validation";
import { done, formValues, invalid, type ActionState } from "@/lib/platform/action";
import { privacyNoticeSchema, savePrivacyNotice } from "@/lib/practice/privacy-notice";

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

/** Her Notice of Privacy Practices (Markdown). Posts as a plain form: works without JavaScript. */
export async function savePrivacyNoticeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireClinician("/dashboard/profile");
  const values = formValues(formData);
  const parsed = privacyNoticeSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values, "Nothing was saved yet. Please check the notice.");
  await savePrivacyNotice(parsed.data);
  revalidatePath("/privacy");
  revalidatePath("/dashboard/profile");
  return done("Saved. The Notice of Privacy Practices page now shows your version.");
}
