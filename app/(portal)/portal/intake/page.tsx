import type { Metadata } from "next";
import Link from "next/link";
import { requireClient } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Intake questionnaire", robots: { index: false } };

export default async function IntakePlaceholderPage() {
  await requireClient("/portal/intake");
  return (
    <div className="container narrow section prose">
      <h1>Intake questionnaire</h1>
      <p>The online intake questionnaire is nearly ready. We will email you when you can fill it in; there is nothing you need to do now.</p>
      <p>
        <Link href="/portal">Back to your consultation</Link>
      </p>
    </div>
  );
}
