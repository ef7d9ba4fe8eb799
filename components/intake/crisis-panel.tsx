import { CRISIS } from "@/lib/practice/crisis";
import { BabySafety, OverseasHelp } from "@/components/site/crisis-resources";
import { CallLink, TextLink } from "@/components/ui/crisis-line";

/**
 * Shown the moment a self-harm question is answered above "not at all", and after submit.
 *
 * `clinicianNotified`: pass true only once the server has recorded the urgent flag (which
 * queues the notice to the clinician in the same transaction). Until then the panel does
 * not claim anyone has been told: a promise of help that is not coming is worse than none.
 */
export function CrisisPanel({ clinicianNotified = false }: { clinicianNotified?: boolean }) {
  return (
    <section className="crisis-panel" role="alert" aria-labelledby="crisis-panel-title">
      <h2 id="crisis-panel-title">You deserve support right now</h2>
      <p>Thank you for telling us. If you are having thoughts of harming yourself, please reach out now:</p>
      <ul>
        <li>
          <strong>
            If you are in danger, call <CallLink tel={CRISIS.emergency.tel}>{CRISIS.emergency.display}</CallLink>
          </strong>{" "}
          or go to the nearest emergency department.
        </li>
        <li>
          <CallLink tel={CRISIS.lifeline.tel}>Call {CRISIS.lifeline.display}</CallLink> or{" "}
          <TextLink sms={CRISIS.lifeline.sms}>text {CRISIS.lifeline.display}</TextLink> (Suicide &amp; Crisis Lifeline), any time. Veterans
          and military families: call {CRISIS.lifeline.display} and press {CRISIS.veterans.press}, or{" "}
          <TextLink sms={CRISIS.veterans.sms}>text {CRISIS.veterans.smsDisplay}</TextLink>.
        </li>
        <li>
          {CRISIS.maternal.label}: <CallLink tel={CRISIS.maternal.tel}>{CRISIS.maternal.display}</CallLink>, call or text, 24/7 (support,
          not a crisis line).
        </li>
        <li>
          {CRISIS.psi.label}: <CallLink tel={CRISIS.psi.tel}>{CRISIS.psi.display}</CallLink>, call or text (not for emergencies).
        </li>
      </ul>
      <BabySafety />
      <details className="crisis-overseas">
        <summary>Outside the U.S.?</summary>
        <OverseasHelp />
      </details>
      {clinicianNotified ? (
        <p>
          We have let your clinician know that your answers need her prompt attention. She is not available around the clock, so please use
          the lines above now rather than wait to hear from her.
        </p>
      ) : (
        <p>This practice does not monitor submissions around the clock, so please do not wait for a reply: use the lines above now.</p>
      )}
    </section>
  );
}
