import Link from "@/components/ui/link";
import { STEPS } from "@/lib/intake/schema";

/** Where the client is in the questionnaire; completed steps are links. */
export function IntakeProgress({ current, completed }: { current: string; completed: Set<string> }) {
  const index = STEPS.findIndex((s) => s.slug === current);
  return (
    <nav aria-label="Questionnaire progress" className="intake-progress">
      <p className="small">
        Step {index + 1} of {STEPS.length}
      </p>
      {/* An SVG bar rather than a styled width: the CSP allows no inline style attributes. */}
      <svg className="progress-bar" aria-hidden="true" focusable="false" viewBox={`0 0 ${STEPS.length} 1`} preserveAspectRatio="none">
        <rect width={index + 1} height={1} />
      </svg>
      <ol className="progress-steps">
        {STEPS.map((step) => (
          <li key={step.slug} aria-current={step.slug === current ? "step" : undefined}>
            <Link href={`/portal/intake/${step.slug}`}>
              {step.title}
              {completed.has(step.slug) ? <span className="visually-hidden"> (done)</span> : null}
              {completed.has(step.slug) ? <span aria-hidden="true"> ✓</span> : null}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
