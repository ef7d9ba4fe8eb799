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
  if (!setup) {
    return (
      <>
        <h1>This setup link has expired or was already used</h1>
        <p>
          Run <code>npm run clinician:setup</code> on the server to print a new link. Links work once and for 24 hours.
        </p>
      </>
    );
  }
  const { practiceName } = await getPracticeProfile();
  const uri = totpUri(setup.totpSecret, setup.email, practiceName);
  const qr = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <>
      <h1>Set up your clinician account</h1>
      <p className="lead">Signing in to the dashboard needs your password and a code from an authenticator app on your phone.</p>
      <ol className="setup-steps">
        <li>
          <p>
            Scan this code with an authenticator app (for example 1Password, Google Authenticator, Microsoft Authenticator or Authy) for{" "}
            <strong>{setup.email}</strong>.
          </p>
          <div className="qr" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: qr }} />
          <p className="small">
            Or enter this key by hand: <code data-testid="totp-secret">{setup.totpSecret}</code>
          </p>
        </li>
        <li>
          <p>Choose a password and enter the 6-digit code the app shows.</p>
          <SetupForm token={token} />
        </li>
      </ol>
    </>
  );
}
