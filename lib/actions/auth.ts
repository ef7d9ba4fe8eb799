"use server";

import { redirect } from "next/navigation";
import { endCurrentSession } from "@/lib/auth/session";

export async function signOutAction() {
  await endCurrentSession();
  redirect("/?signed-out=1");
}

export async function signOutClinicianAction() {
  await endCurrentSession();
  redirect("/dashboard/signin?signed-out=1");
}
