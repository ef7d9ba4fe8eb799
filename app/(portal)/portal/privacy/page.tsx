import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requireClient } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Your information and privacy", robots: { index: false } };

export default async function PrivacyPage() {
  await requireClient("/portal/privacy");
  return (
    <div className="container narrow section">
      <h1>Your information and privacy</h1>
      <ul className="grid">
        <li className="card">
          <h2 className="card-title">
            <Link href="/portal/privacy/my-information">Download my information</Link>
          </h2>
          <p>Everything this website holds about you, to read, print, or download as a file.</p>
        </li>
        <li className="card">
          <h2 className="card-title">
            <Link href="/portal/privacy/access-log">Who has seen my information</Link>
          </h2>
          <p>When your record was opened, by whom, and which part.</p>
        </li>
      </ul>
      <p>
        How your information is used and protected is explained in the <Link href="/privacy">Notice of Privacy Practices</Link>.
      </p>
    </div>
  );
}
