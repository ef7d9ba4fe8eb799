import type { ReactNode } from "react";
import { CRISIS } from "@/lib/practice/crisis";

/** A tap-to-call link. Every crisis number on the site is dialled through this or TextLink. */
export function CallLink({ tel, children }: { tel: string; children: ReactNode }) {
  return <a href={`tel:${tel}`}>{children}</a>;
}

/** A tap-to-text link (opens the phone's messages with the number filled in). */
export function TextLink({ sms, children }: { sms: string; children: ReactNode }) {
  return <a href={`sms:${sms}`}>{children}</a>;
}

/**
 * "call 988 or text 988, or call 911", with a call link and a text link for 988 (some
 * people in crisis cannot speak, or cannot be overheard), for use inside a sentence
 * (`capital` when it starts one).
 */
export function CrisisLine({ named = false, capital = false }: { named?: boolean; capital?: boolean }) {
  return (
    <>
      <CallLink tel={CRISIS.lifeline.tel}>
        {capital ? "Call" : "call"} {CRISIS.lifeline.display}
      </CallLink>{" "}
      or <TextLink sms={CRISIS.lifeline.sms}>text {CRISIS.lifeline.display}</TextLink>
      {named && " (Suicide & Crisis Lifeline)"}, or call <CallLink tel={CRISIS.emergency.tel}>{CRISIS.emergency.display}</CallLink>
    </>
  );
}
