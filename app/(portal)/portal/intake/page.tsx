import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { CrisisPanel } from "@/components/intake/crisis-panel";
import { IntakeReview } from "@/components/intake/review";
import { requireClient } from "@/lib/auth/session";
import { resumeStep } from "@/lib/intake/progress";
import { getOrCreateClientIntake } from "@/lib/intake/service";
import { getClinicalSettings } from "@/lib/intake/settings";

export const metadata: Metadata = { title: "Intake questionnaire", robots: { index: false } };

type Props = { searchParams: Promise<{ submitted?: string }> };

export default async function IntakePage({ searchParams }: Props) {
  const user = await requireClient("/portal/intake");
  const [intake, options, params] = await Promise.all([getOrCreateClientIntake(user.id), getClinicalSettings(), searchParams]);

  if (intake.status === "DRAFT") redirect(`/portal/intake/${resumeStep(intake.draft, options, intake.resumeStep)}`);

  return (
    <div className="container narrow section">
      <h1>Your intake questionnaire</h1>
      {/* From her own record, not the address: whether she answered a self-harm question is not for the browser history. */}
      {intake.urgent && <CrisisPanel clinicianNotified />}
      <p className="notice" role="status">
        {params.submitted ? "Thank you. Your intake has been submitted." : "Your intake has been submitted."} It will be reviewed before
        your first session. Your answers are shown below and can no longer be changed here; you can tell us more at any time.
      </p>
      <IntakeReview draft={intake.draft} epdsEnabled={options.epdsEnabled} editable={false} />
      <p>
        <Link href="/portal">Back to your consultation</Link>
      </p>
    </div>
  );
}
