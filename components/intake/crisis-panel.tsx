import { CRISIS } from "@/lib/practice/crisis";

/** Shown the moment a self-harm question is answered above "not at all", and after submit. */
export function CrisisPanel() {
  return (
    <section className="crisis-panel" role="alert" aria-labelledby="crisis-panel-title">
      <h2 id="crisis-panel-title">You deserve support right now</h2>
      <p>Thank you for telling us. If you are having thoughts of harming yourself, please reach out now:</p>
      <ul>
        <li>
          <strong>
            If you are in danger, call <a href={`tel:${CRISIS.emergency.tel}`}>{CRISIS.emergency.display}</a>
          </strong>{" "}
          or go to the nearest emergency room.
        </li>
        <li>
          Call or text <a href={`tel:${CRISIS.lifeline.tel}`}>{CRISIS.lifeline.display}</a> (Suicide &amp; Crisis Lifeline), any time.
          Veterans and military families: press 1 for the Veterans Crisis Line.
        </li>
        <li>
          {CRISIS.maternal.label}: <a href={`tel:${CRISIS.maternal.tel}`}>{CRISIS.maternal.display}</a>, call or text, 24/7 (support, not a
          crisis line).
        </li>
        <li>
          {CRISIS.psi.label}: <a href={`tel:${CRISIS.psi.tel}`}>{CRISIS.psi.display}</a>.
        </li>
      </ul>
      <p>
        This practice does not monitor submissions around the clock, so please do not wait for a reply. Your answers will be reviewed
        promptly.
      </p>
    </section>
  );
}
