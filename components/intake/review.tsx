import Link from "@/components/ui/link";
import { answerLabel as display, STEP_FIELDS } from "@/lib/intake/fields";
import { EPDS, GAD7, PHQ9, type Instrument } from "@/lib/intake/instruments";
import { STEPS, type DraftAnswers } from "@/lib/intake/schema";

function InstrumentAnswers({ instrument, answers }: { instrument: Instrument; answers: unknown }) {
  const list = Array.isArray(answers) ? answers : [];
  return (
    <>
      <h3 className="review-subhead">{instrument.shortName}</h3>
      <dl>
        {instrument.items.map((item, i) => (
          <div key={item.number} className="review-row">
            <dt>
              {item.number}. {item.text}
            </dt>
            <dd>{typeof list[i] === "number" ? item.options[list[i] as number] : "Not answered"}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** Every answer by section, with a link to change it (or read-only after submit). */
export function IntakeReview({ draft, epdsEnabled, editable }: { draft: DraftAnswers; epdsEnabled: boolean; editable: boolean }) {
  return (
    <div className="review">
      {STEPS.filter((s) => s.slug !== "review").map((step) => {
        const values = (draft[step.slug as keyof DraftAnswers] ?? {}) as Record<string, unknown>;
        return (
          <section key={step.slug} className="card review-section" aria-labelledby={`review-${step.slug}`}>
            <div className="review-head">
              <h2 id={`review-${step.slug}`} className="card-title">
                {step.title}
              </h2>
              {editable && (
                <Link href={`/portal/intake/${step.slug}`} aria-label={`Edit ${step.title}`}>
                  Edit
                </Link>
              )}
            </div>
            {step.slug === "screening" ? (
              <>
                <InstrumentAnswers instrument={PHQ9} answers={values.phq9} />
                <InstrumentAnswers instrument={GAD7} answers={values.gad7} />
                {epdsEnabled && <InstrumentAnswers instrument={EPDS} answers={values.epds} />}
              </>
            ) : (
              <dl>
                {(STEP_FIELDS[step.slug] ?? []).map((field) => (
                  <div key={field.name} className="review-row">
                    <dt>{field.label}</dt>
                    <dd>{display(values[field.name], "options" in field ? field.options : undefined)}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
        );
      })}
    </div>
  );
}
