import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { CrisisPanel } from "@/components/intake/crisis-panel";
import { IntakeProgress } from "@/components/intake/progress";
import { IntakeReview } from "@/components/intake/review";
import { IntakeStepForm } from "@/components/intake/intake-step-form";
import { SubmitIntakeForm } from "@/components/intake/submit-form";
import { requireClient } from "@/lib/auth/session";
import { CONSENT_TEXT } from "@/lib/intake/consent-text";
import { completedSteps } from "@/lib/intake/progress";
import { STEPS, stepDefaults, stepIndex, type AnsweredStepSlug } from "@/lib/intake/schema";
import { getOrCreateClientIntake } from "@/lib/intake/service";
import { getClinicalSettings } from "@/lib/intake/settings";

type Props = { params: Promise<{ step: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { step: slug } = await params;
  const step = STEPS.find((s) => s.slug === slug);
  return { title: step ? `Intake: ${step.title}` : "Intake", robots: { index: false } };
}

const INTROS: Partial<Record<AnsweredStepSlug, string>> = {
  "about-you":
    "Your answers are private: they are encrypted and only your clinician can read them. Everything saves as you go, so you can stop and come back on any device.",
  history: "Every question on this page can be skipped. Share only what feels comfortable.",
  screening: "These are standard questionnaires that many clinicians use. They help your clinician understand how you have been feeling.",
};

export default async function IntakeStepPage({ params }: Props) {
  const { step } = await params;
  const index = stepIndex(step);
  if (index < 0) notFound();
  const user = await requireClient(`/portal/intake/${step}`);
  const [intake, options] = await Promise.all([getOrCreateClientIntake(user.id), getClinicalSettings()]);
  if (intake.status !== "DRAFT") redirect("/portal/intake");

  const current = STEPS[index]!;
  const done = completedSteps(intake.draft, options);
  // After a self-harm question was answered above "not at all", crisis help stays in view on
  // the steps that follow: without JavaScript this is where she first sees it. `urgent` is the
  // server's record of the flag, so the panel may say the clinician was told.
  const showCrisisHelp = intake.urgent && index > stepIndex("screening");

  return (
    <div className="container narrow section">
      <IntakeProgress current={current.slug} completed={done as Set<string>} />
      <h1>{current.title}</h1>
      {current.slug in INTROS && <p className="lead">{INTROS[current.slug as AnsweredStepSlug]}</p>}
      {showCrisisHelp && <CrisisPanel clinicianNotified />}
      {current.slug === "consent" && (
        <section className="card consent-text" aria-label={`Consent, version ${CONSENT_TEXT.version}`}>
          {CONSENT_TEXT.sections.map((section) => (
            <div key={section.title}>
              <h2 className="card-title">{section.title}</h2>
              <p>{section.body}</p>
              {section.link && (
                <p>
                  {/* A new tab, so that reading it never leaves the form half-filled. */}
                  <a href={section.link.href} target="_blank" rel="noopener">
                    {section.link.label} (opens in a new tab)
                  </a>
                </p>
              )}
            </div>
          ))}
          <p className="small">Consent version {CONSENT_TEXT.version}</p>
        </section>
      )}
      {current.slug === "review" ? (
        <>
          <IntakeReview draft={intake.draft} epdsEnabled={options.epdsEnabled} editable />
          <SubmitIntakeForm />
        </>
      ) : (
        <IntakeStepForm
          key={current.slug}
          step={current.slug as AnsweredStepSlug}
          intakeId={intake.id}
          initialValues={{
            ...stepDefaults(current.slug as AnsweredStepSlug, options),
            ...(intake.draft[current.slug as AnsweredStepSlug] ?? {}),
          }}
          hasPrevious={index > 0}
          epdsEnabled={options.epdsEnabled}
          notified={intake.urgent}
        />
      )}
    </div>
  );
}
