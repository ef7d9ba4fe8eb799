import { CRISIS } from "@/lib/practice/crisis";

/**
 * "call or text 988, or call 911", with tap-to-call links, for use inside a sentence
 * (`capital` when it starts one).
 */
export function CrisisLine({ named = false, capital = false }: { named?: boolean; capital?: boolean }) {
  return (
    <>
      {capital ? "Call" : "call"} or text <a href={`tel:${CRISIS.lifeline.tel}`}>{CRISIS.lifeline.display}</a>
      {named && " (Suicide & Crisis Lifeline)"}, or call <a href={`tel:${CRISIS.emergency.tel}`}>{CRISIS.emergency.display}</a>
    </>
  );
}
