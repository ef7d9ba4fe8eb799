"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireClinician } from "@/lib/auth/session";
import { retryEmail } from "@/lib/email/failed";
import { formValues } from "@/lib/platform/action";
import { recordId } from "@/lib/platform/validation";

/** The Retry button on /dashboard/emails: a plain form post, so it works without JavaScript. */
export async function retryEmailAction(formData: FormData): Promise<void> {
  const user = await requireClinician("/dashboard/emails");
  const parsed = recordId.safeParse(formValues(formData).id);
  if (!parsed.success) redirect("/dashboard/emails?status=invalid");
  const changed = await retryEmail(parsed.data, { actor: { id: user.id, role: user.role } });
  revalidatePath("/dashboard");
  revalidatePath("/dashboard/emails");
  redirect(`/dashboard/emails?status=${changed ? "retried" : "unchanged"}`);
}
