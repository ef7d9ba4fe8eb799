"use server";

import { revalidatePath } from "next/cache";
import { requireClinician } from "@/lib/auth/session";
import { done, formValues, invalid, type ActionState } from "@/lib/platform/action";
import { removePhoto, savePhoto } from "@/lib/practice/photo";
import { saveProfile } from "@/lib/practice/profile";
import { photoFormInput, photoFormSchema, profileSchema } from "@/lib/practice/schema";
import { privacyNoticeSchema, savePrivacyNotice } from "@/lib/practice/privacy-notice";

// The public pages are pre-rendered: a change rebuilds every one of them on its next visit.
const revalidatePublicPages = () => revalidatePath("/", "layout");

export async function saveProfileAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireClinician("/dashboard/profile");
  const values = formValues(formData);
  const parsed = profileSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  await saveProfile(parsed.data);
  revalidatePublicPages();
  return done("Saved. The public pages now show your changes.");
}

const PHOTO_NOT_SAVED = "The photo was not changed.";

/** The photo form: a new photo (checked by its content), or "Remove photo". */
export async function savePhotoAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireClinician("/dashboard/profile");
  const parsed = photoFormSchema.safeParse(formData instanceof FormData ? photoFormInput(formData) : null);
  if (!parsed.success) return invalid(parsed.error, {}, PHOTO_NOT_SAVED);
  if (parsed.data.intent === "remove") {
    await removePhoto();
  } else {
    const saved = await savePhoto(new Uint8Array(await parsed.data.photo.arrayBuffer()), parsed.data.photo.type);
    if (!saved.ok) return invalid({ photo: saved.message }, {}, PHOTO_NOT_SAVED);
  }
  revalidatePublicPages();
  return done(parsed.data.intent === "remove" ? "Photo removed." : "Photo saved.");
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
