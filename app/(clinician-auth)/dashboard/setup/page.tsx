import type { Metadata } from "next";
import QRCode from "qrcode";
import { SetupForm } from "@/components/auth/setup-form";
import { openSetup } from "@/lib/auth/clinician";
import { totpUri } from "@/lib/auth/totp";
import { getPracticeProfile } from "@/lib/practice/profile";

export const metadata: Metadata = { title: "Set up your clinician account", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ token?: string }> };

export default async function SetupPage({ searchParams }: Props) {
  const token = (await searchParams).token ?? "";
  const setup = await openSetup(token);
  if (!setup) return <SetupForm token={token} setup={null} />;
  const { practiceName } = await getPracticeProfile();
  const uri = totpUri(setup.totpSecret, setup.email, practiceName);
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return <SetupForm token={token} setup={{ email: setup.email, totpSecret: setup.totpSecret, qrSvg }} />;
}
