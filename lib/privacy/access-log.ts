/**
 * "Who has seen my information": the audit trail of her record (lib/audit/record.ts), in
 * plain words. Who ("Your clinician", "You"), when, and which part; never the content (the
 * trail holds none) and never who another person is: someone else who tried is "someone
 * else", whatever account they used.
 */
import "server-only";
import { prisma } from "@/lib/platform/db";

/** The most recent entries shown; the clinician's audit page keeps every one. */
export const ACCESS_LOG_LIMIT = 500;

export type AccessEvent = { at: Date; actorId: string | null; actorRole: string | null; action: string; outcome: string };

export type AccessLogLine = { at: Date; who: string; what: string; refused: boolean };

// What each recorded action looked at, as she would say it. An action not listed here is
// still shown, as "your record": a new kind of read is never hidden from her.
const PARTS: Record<string, string> = {
  "intake.read": "your intake questionnaire",
  "intake.risk.read": "your answers to the safety questions",
  "intake.review": "your intake questionnaire, to mark it reviewed",
  "intake.urgent.followup": "your safety answers, to record a follow-up",
  "intake.note.share": "a note on your intake, to share it with you",
  "intake.note.withdraw": "a note on your intake, to stop sharing it with you",
  "booking.read": "one of your consultation bookings",
  "email.retry": "an email to you that had not been delivered, to send it again",
  "record.export.page": "a copy of all your information (the readable page)",
  "record.export.json": "a copy of all your information (the JSON file)",
  "record.export.fhir": "a copy of all your information (the FHIR file)",
};

function partOf(action: string): string {
  if (PARTS[action]) return PARTS[action];
  if (action.startsWith("booking.")) return "one of your consultation bookings, to change it";
  return "your record";
}

function whoOf(event: AccessEvent, clientId: string): string {
  if (event.actorId === clientId) return "You";
  if (event.actorRole === "CLINICIAN") return "Your clinician";
  if (!event.actorId) return "Someone who was not signed in";
  return "Someone else with an account on this site";
}

/** One sentence per event: "Your clinician opened your intake questionnaire." Pure, so the wording is tested on its own. */
export function accessLogLines(events: readonly AccessEvent[], clientId: string): AccessLogLine[] {
  return events.map((event) => {
    const who = whoOf(event, clientId);
    const refused = event.outcome !== "allowed";
    const part = partOf(event.action);
    return { at: event.at, who, what: refused ? `tried to open ${part} and was refused` : `opened ${part}`, refused };
  });
}

/** Her access log, newest first. `clientId` is the signed-in client's own id (the page's guard gives it). */
export async function accessLogFor(clientId: string): Promise<{ lines: AccessLogLine[]; truncated: boolean }> {
  const rows = await prisma.auditEvent.findMany({
    where: { clientId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: ACCESS_LOG_LIMIT + 1,
    select: { at: true, actorId: true, actorRole: true, action: true, outcome: true },
  });
  return { lines: accessLogLines(rows.slice(0, ACCESS_LOG_LIMIT), clientId), truncated: rows.length > ACCESS_LOG_LIMIT };
}
