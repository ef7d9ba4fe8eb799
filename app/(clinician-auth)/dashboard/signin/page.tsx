import type { Metadata } from "next";
import { ClinicianSignInForm } from "@/components/auth/clinician-sign-in-form";
import { safeCallbackPath } from "@/lib/auth/schema";

export const metadata: Metadata = { title: "Clinician sign-in", robots: { index: false } };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export default async function ClinicianSignInPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl, "/dashboard");
  return (
    <>
      <h1>Clinician sign-in</h1>
      <p className="lead">For the practice&rsquo;s clinician only. Clients sign in from the booking confirmation email.</p>
      <ClinicianSignInForm callbackUrl={callbackUrl.startsWith("/dashboard") ? callbackUrl : "/dashboard"} />
    </>
  );
}
