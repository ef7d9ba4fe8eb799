import { CRISIS } from "@/lib/practice/crisis";
import { CrisisLine } from "@/components/ui/crisis-line";

/** The crisis lines, used on the Get help page and (later) wherever a risk answer is given. */
export function CrisisResources({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="crisis-list">
      <li className="card">
        <H className="card-title">In immediate danger</H>
        <p>
          Call <a href={`tel:${CRISIS.emergency.tel}`}>{CRISIS.emergency.display}</a> or go to the nearest emergency room.
        </p>
      </li>
      <li className="card">
        <H className="card-title">{CRISIS.lifeline.label}</H>
        <p>
          Call or text <a href={`tel:${CRISIS.lifeline.tel}`}>{CRISIS.lifeline.display}</a>, any time, day or night. Veterans, service
          members and their families: call {CRISIS.lifeline.display} and press 1 for the Veterans Crisis Line, or text 838255.
        </p>
      </li>
      <li className="card">
        <H className="card-title">{CRISIS.maternal.label}</H>
        <p>
          Call or text <a href={`tel:${CRISIS.maternal.tel}`}>{CRISIS.maternal.display}</a>, 24/7, in English and Spanish. Free,
          confidential support for pregnant and new parents. It is not a crisis line: in a crisis, <CrisisLine />.
        </p>
      </li>
      <li className="card">
        <H className="card-title">{CRISIS.psi.label}</H>
        <p>
          Call <a href={`tel:${CRISIS.psi.tel}`}>{CRISIS.psi.display}</a> for support, information and local resources for perinatal mental
          health. Not for emergencies.
        </p>
      </li>
    </ul>
  );
}
