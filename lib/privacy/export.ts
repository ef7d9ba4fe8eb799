/**
 * A client's copy of everything Haven holds about her (HIPAA's right of access, GDPR's access
 * and portability): her account, bookings, intake answers with their questions, the
 * questionnaires with their scores, the consents with the words she agreed to, her contact
 * choices and the times of her answers to the safety questions. The same record feeds the
 * readable page, the JSON file and the FHIR Bundle (./fhir.ts), for her and for the clinician.
 *
 * Who may read whose is decided in the query: a client reads only her own record, whatever
 * id she asks for; anything else is null, as if there were nothing there, and audited as
 * refused. Every export is audited.
 */
import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import { bookingRecordsFor, type BookingRecord } from "@/lib/booking/queries";
import { intakeRecordFor, type IntakeRecord, type QuestionnaireResponseRecord, type ReleasableNote } from "@/lib/intake/queries";
import { getPracticeProfile } from "@/lib/practice/profile";
import { prisma } from "@/lib/platform/db";
import { recordId } from "@/lib/platform/validation";

/** The JSON file's format, so a reader can tell which shape it has; increase on a breaking change. */
export const EXPORT_FORMAT = { name: "haven.client-record", version: 1 } as const;

/** How the record was asked for: each one is a separate line in the audit trail (and her access log). */
export type ExportFormat = "page" | "json" | "fhir";

export const EXPORT_ACTIONS: Record<ExportFormat, string> = {
  page: "record.export.page",
  json: "record.export.json",
  fhir: "record.export.fhir",
};

export type ClientRecord = {
  format: typeof EXPORT_FORMAT;
  generatedAt: Date;
  /** Whose copy: hers (released notes only) or the clinician's (every note, marked as hers). */
  audience: "client" | "clinician";
  practice: { name: string; clinician: string };
  account: { id: string; email: string; createdAt: Date; emailVerifiedAt: Date | null };
  bookings: BookingRecord[];
  intake: Omit<IntakeRecord, "questionnaires" | "notes"> | null;
  questionnaireResponses: QuestionnaireResponseRecord[];
  /** The clinician's notes on her record: for her, only the ones the clinician released. */
  clinicianNotes: ReleasableNote[];
};

/**
 * Every questionnaire she has answered, from wherever it was asked: the intake's PHQ-9, GAD-7
 * and EPDS today. Repeated check-ins add theirs here, and the page, the JSON file and the FHIR
 * Bundle (a QuestionnaireResponse and an Observation each) follow without another change.
 */
export async function questionnaireResponsesFor(clientId: string, intake?: IntakeRecord | null): Promise<QuestionnaireResponseRecord[]> {
  const fromIntake = intake === undefined ? await intakeRecordFor(clientId, { clinicianNotes: "released" }) : intake;
  return [...(fromIntake?.questionnaires ?? [])];
}

/** The client a request may read: her own account for a client, any client's for the clinician; null otherwise. */
async function readableClient(clientId: string, actor: AuditActor) {
  if (!actor || !recordId.safeParse(clientId).success) return null;
  return prisma.user.findFirst({
    // A client's own id is part of the filter itself: another client's id finds nothing.
    where: { AND: [{ id: clientId, role: "CLIENT" }, actor.role === "CLIENT" ? { id: actor.id } : {}] },
    select: { id: true, email: true, createdAt: true, emailVerified: true },
  });
}

/**
 * Her whole record, for her (actor = her) or the clinician; null (audited as refused) for
 * anyone else, for an id that is no client's, and for a malformed id alike.
 */
export async function exportClientRecord(
  clientId: string,
  actor: AuditActor,
  format: ExportFormat,
  now = new Date(),
): Promise<ClientRecord | null> {
  const client = await readableClient(clientId, actor);
  const action = EXPORT_ACTIONS[format];
  if (!client || !actor) {
    // The refusal names the client only when the id is a real client's: her access log then
    // shows that someone tried. Nothing of her record is read.
    const exists = recordId.safeParse(clientId).success && (await prisma.user.count({ where: { id: clientId, role: "CLIENT" } })) === 1;
    await recordAudit({
      actor,
      action,
      subjectType: "ClientRecord",
      subjectId: exists ? clientId : null,
      clientId: exists ? clientId : null,
      outcome: "denied",
    });
    return null;
  }
  const audience = actor.role === "CLINICIAN" ? "clinician" : "client";
  const [profile, bookings, intake] = await Promise.all([
    getPracticeProfile(),
    bookingRecordsFor(client, { clinicianNotes: audience === "clinician" }),
    intakeRecordFor(client.id, { clinicianNotes: audience === "clinician" ? "all" : "released" }),
  ]);
  const questionnaireResponses = await questionnaireResponsesFor(client.id, intake);
  await recordAudit({ actor, action, subjectType: "ClientRecord", subjectId: client.id, clientId: client.id, outcome: "allowed" });
  // Questionnaires come from questionnaireResponsesFor, notes as clinicianNotes: not twice.
  const intakePart: ClientRecord["intake"] = intake ? omit(intake, ["questionnaires", "notes"]) : null;
  return {
    format: EXPORT_FORMAT,
    generatedAt: now,
    audience,
    practice: { name: profile.practiceName, clinician: profile.clinicianName },
    account: { id: client.id, email: client.email, createdAt: client.createdAt, emailVerifiedAt: client.emailVerified },
    bookings,
    intake: intakePart,
    questionnaireResponses,
    clinicianNotes: intake?.notes ?? [],
  };
}

function omit<T extends object, K extends keyof T>(value: T, keys: K[]): Omit<T, K> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key as K))) as Omit<T, K>;
}

/** Whose record a client's request asks for: the `account` in her link, or her own when there is none. */
export function requestedAccount(user: { id: string }, account: string | string[] | null | undefined): string {
  const value = Array.isArray(account) ? account[0] : account;
  return value ? value : user.id;
}

/**
 * What a client sees for a link to someone else's copy (or one that is no one's): the same
 * words either way, so it confirms nothing about the other account.
 */
export const NOT_YOUR_RECORD =
  "This link is for a copy of another account's information, so it cannot be opened while you are signed in as yourself.";

/** The same, as a refused download says it (a plain-text 404: there is no page around it). */
export function notYourRecordResponse(): Response {
  return new Response(`${NOT_YOUR_RECORD} Your own copy is at /portal/privacy/my-information.\n`, {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** The JSON file: the record as it is, dates in ISO 8601 (UTC). */
export function recordAsJson(record: ClientRecord): string {
  return JSON.stringify(record, null, 2);
}

/** Headers for a download of her records: never cached anywhere, always a file. */
export function downloadHeaders(contentType: string, filename: string): HeadersInit {
  return {
    "Content-Type": `${contentType}; charset=utf-8`,
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "no-store, private",
    "X-Content-Type-Options": "nosniff",
  };
}
