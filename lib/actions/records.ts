"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "@/lib/platform/zod";
import { requireClinician } from "@/lib/auth/session";
import { retryEmail } from "@/lib/audit/trail";

const retrySchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** The Retry button on /dashboard/emails: a plain form post, so it works without JavaScript. */
export async function retryEmailAction(formData: FormData): Promise<void> {
  const user = await requireClinician("/dashboard/emails");
  const parsed = retrySchema.safeParse({ id: formData.get("id") });
  if (!parsed.success) redirect("/dashboard/emails?status=invalid");
  const changed = await retryEmail(parsed.data.id, { actor: { id: user.id, role: user.role } });
  revalidatePath("/dashboard");
  revalidatePath("/dashboard/emails");
  redirect(`/dashboard/emails?status=${changed ? "retried" : "unchanged"}`);
}
