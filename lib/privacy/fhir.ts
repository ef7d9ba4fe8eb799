/**
 * Her record as a FHIR R4 Bundle (type "collection"), for another clinician's system: a
 * Patient, a QuestionnaireResponse per questionnaire (the intake form itself, and each
 * measure: PHQ-9, GAD-7, EPDS) and an Observation per score, coded with LOINC where a code is
 * known. The JSON file (./export.ts) stays the complete copy; this holds the clinical part.
 *
 * Codes: each measure's LOINC panel names its questionnaire (`http://loinc.org/q/<panel>`),
 * and its total's LOINC code its Observation. The EPDS has no verified total code
 * (lib/intake/instruments.ts leaves it out: a wrong code is worse than none), so its
 * Observation carries a text-only code and a note pointing to the panel. Option codes are
 * the option's index in published order, with its label as display and its item score as the
 * standard `ordinalValue` extension.
 *
 * Validated in tests with Medplum's validator against the R4 StructureDefinitions
 * (docs/decisions/008-fhir-export.md).
 */
import "server-only";
import { createHash } from "node:crypto";
import type {
  Bundle,
  BundleEntry,
  Observation,
  Patient,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  Reference,
} from "@medplum/fhirtypes";
import type { AnsweredItem, QuestionnaireResponseRecord } from "@/lib/intake/queries";
import type { ClientRecord } from "@/lib/privacy/export";

const LOINC = "http://loinc.org";
const ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
const SURVEY = { coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "survey", display: "Survey" }] };

/** The same resource gets the same id in every export, so a receiving system can recognise it again. */
function uuidFor(...parts: string[]): string {
  const hex = createHash("sha256")
    .update(["haven", ...parts].join(":"))
    .digest("hex");
  // Shaped as a version 4 UUID (the bits say "random"; these come from a hash instead).
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const urn = (uuid: string) => `urn:uuid:${uuid}`;
const iso = (date: Date | null | undefined) => (date ? date.toISOString() : undefined);

function valueOf(record: ClientRecord, slug: string, linkId: string): string | undefined {
  const item = record.intake?.sections.find((s) => s.slug === slug)?.items.find((i) => i.linkId === linkId);
  return typeof item?.value === "string" && item.value.trim() ? item.value.trim() : undefined;
}

function patientOf(record: ClientRecord, base: string, id: string): Patient {
  const about = (field: string) => valueOf(record, "about-you", field);
  const legal = about("legalName");
  const preferred = about("preferredName");
  const birthDate = about("dateOfBirth");
  const emergency = about("emergencyName");
  const emergencyPhone = about("emergencyPhone");
  const relationship = about("emergencyRelationship");
  return {
    resourceType: "Patient",
    id,
    identifier: [{ system: `${base}/fhir/client-id`, value: record.account.id }],
    ...((legal || preferred) && {
      name: [
        ...(legal ? [{ use: "official" as const, text: legal }] : []),
        ...(preferred ? [{ use: "usual" as const, text: preferred }] : []),
      ],
    }),
    telecom: [
      { system: "email", value: record.account.email },
      ...(about("phone") ? [{ system: "phone" as const, value: about("phone") }] : []),
    ],
    ...(birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) && { birthDate }),
    ...(about("state") && { address: [{ text: about("state") }] }),
    ...(emergency && {
      contact: [
        {
          relationship: [{ text: relationship ?? "Emergency contact" }],
          name: { text: emergency },
          ...(emergencyPhone && { telecom: [{ system: "phone" as const, value: emergencyPhone }] }),
        },
      ],
    }),
  };
}

function itemAnswer(item: AnsweredItem): QuestionnaireResponseItem["answer"] {
  if (item.value === null || item.value === undefined || item.value === "" || (Array.isArray(item.value) && item.value.length === 0))
    return undefined;
  if (typeof item.value === "boolean") return [{ valueBoolean: item.value }];
  return [{ valueString: item.answer }];
}

function intakeFormResponse(record: ClientRecord, base: string, id: string, patient: Reference<Patient>): QuestionnaireResponse {
  const intake = record.intake!;
  return {
    resourceType: "QuestionnaireResponse",
    id,
    identifier: { system: `${base}/fhir/intake`, value: intake.id },
    questionnaire: `${base}/fhir/Questionnaire/haven-intake`,
    status: intake.submittedAt ? "completed" : "in-progress",
    subject: patient,
    ...(intake.submittedAt && { authored: iso(intake.submittedAt) }),
    item: intake.sections.map((section) => ({
      linkId: section.slug,
      text: section.title,
      item: section.items.map((item) => ({ linkId: `${section.slug}.${item.linkId}`, text: item.question, answer: itemAnswer(item) })),
    })),
  };
}

function measureResponse(
  response: QuestionnaireResponseRecord,
  base: string,
  id: string,
  patient: Reference<Patient>,
): QuestionnaireResponse {
  return {
    resourceType: "QuestionnaireResponse",
    id,
    identifier: { system: `${base}/fhir/questionnaire-response`, value: response.id },
    questionnaire: `${LOINC}/q/${response.instrument.loinc.panel}`,
    status: response.status,
    subject: patient,
    ...(response.authoredAt && { authored: iso(response.authoredAt) }),
    item: response.items.map((item) => ({
      linkId: item.linkId,
      text: item.question,
      ...(typeof item.value === "number" && {
        answer: [
          {
            valueCoding: {
              code: String(item.value),
              display: item.answer,
              ...(item.score !== undefined && { extension: [{ url: ORDINAL_VALUE, valueDecimal: item.score }] }),
            },
          },
        ],
      }),
    })),
  };
}

function scoreObservation(
  response: QuestionnaireResponseRecord,
  id: string,
  patient: Reference<Patient>,
  derivedFrom: Reference<QuestionnaireResponse>,
): Observation | null {
  if (!response.score) return null;
  const { shortName, loinc } = response.instrument;
  return {
    resourceType: "Observation",
    id,
    status: "final",
    category: [SURVEY],
    code: loinc.total
      ? { coding: [{ system: LOINC, code: loinc.total }], text: `${shortName} total score` }
      : { text: `${shortName} total score` },
    subject: patient,
    ...(response.authoredAt && { effectiveDateTime: iso(response.authoredAt) }),
    valueInteger: response.score.total,
    interpretation: [{ text: response.score.summary }],
    derivedFrom: [derivedFrom],
    ...(!loinc.total && {
      note: [
        {
          text: `${shortName} panel: LOINC ${loinc.panel} (the QuestionnaireResponse this is derived from). No LOINC code for its total score was verified for this export, so the code is text only.`,
        },
      ],
    }),
    ...(response.score.anxietySubscale !== undefined && {
      component: [{ code: { text: `${shortName}-3A anxiety subscale (items 3, 4 and 5)` }, valueInteger: response.score.anxietySubscale }],
    }),
  };
}

/** `base`: the site's address, naming the identifier systems that are Haven's own. */
export function recordAsFhirBundle(record: ClientRecord, base: string): Bundle {
  const site = base.replace(/\/+$/, "");
  const patientId = uuidFor("patient", record.account.id);
  const patient: Reference<Patient> = { reference: urn(patientId) };
  const entries: BundleEntry[] = [{ fullUrl: urn(patientId), resource: patientOf(record, site, patientId) }];

  if (record.intake) {
    const formId = uuidFor("intake-form", record.intake.id);
    entries.push({ fullUrl: urn(formId), resource: intakeFormResponse(record, site, formId, patient) });
  }
  for (const response of record.questionnaireResponses) {
    const responseId = uuidFor("questionnaire-response", response.id);
    entries.push({ fullUrl: urn(responseId), resource: measureResponse(response, site, responseId, patient) });
    const observationId = uuidFor("score", response.id);
    const observation = scoreObservation(response, observationId, patient, { reference: urn(responseId) });
    if (observation) entries.push({ fullUrl: urn(observationId), resource: observation });
  }

  return {
    resourceType: "Bundle",
    id: uuidFor("bundle", record.account.id, record.generatedAt.toISOString()),
    identifier: { system: `${site}/fhir/export`, value: uuidFor("export", record.account.id, record.generatedAt.toISOString()) },
    type: "collection",
    timestamp: record.generatedAt.toISOString(),
    entry: entries,
  };
}
