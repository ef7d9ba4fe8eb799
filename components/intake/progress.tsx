import Link from "@/components/ui/link";
import { STEPS } from "@/lib/intake/schema";

/** Where the client is in the questionnaire; every step is a link, the done ones ticked. */
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
      {/* Each step a separate target with its number inside it: on a phone the list wraps
          instead of running one title into the next number, and every link is at least 24 px. */}
      <ol className="progress-steps">
        {STEPS.map((step, i) => (
          <li key={step.slug}>
            <Link href={`/portal/intake/${step.slug}`} aria-current={step.slug === current ? "step" : undefined}>
              <span className="progress-step-number">{i + 1}.</span> {step.title}
              {completed.has(step.slug) ? <span className="visually-hidden"> (done)</span> : null}
              {completed.has(step.slug) ? <span aria-hidden="true"> ✓</span> : null}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
