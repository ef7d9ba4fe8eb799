import type { IntakeScores } from "@/lib/intake/scoring";

/** Totals with severity bands; used in the list and the detail view. */
export function ScoreSummary({ scores }: { scores: IntakeScores | null }) {
  if (!scores) return <span className="small">Not submitted</span>;
  return (
    <ul className="score-list">
      <li>
        PHQ-9 <strong>{scores.phq9.total}</strong> ({scores.phq9.band})
      </li>
      <li>
        GAD-7 <strong>{scores.gad7.total}</strong> ({scores.gad7.band})
      </li>
      {scores.epds && (
        <li>
          EPDS <strong>{scores.epds.total}</strong> ({scores.epds.possibleDepression ? "possible depression" : "below cut-off"})
        </li>
      )}
    </ul>
  );
}
