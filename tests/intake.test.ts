/**
 * The intake questionnaire against the real PostgreSQL test database: drafts that merge,
 * an all-or-nothing submit, server-side scoring, the urgent flag, encryption at rest,
 * who may read an intake, the append-only audit trail, and the clinician's follow-up on an
 * urgent flag.
 */
import { afterAll, beforeEach, describe, expect, test } from "vitest";

process.env.CLINICIAN_NOTIFY_EMAIL = "clinician@practice.test";

const { prisma } = await import("@/lib/platform/db");
const service = await import("@/lib/intake/service");
const { CONSENT_VERSION } = await import("@/lib/intake/schema");
const { DecryptionError } = await import("@/lib/platform/crypto");
const dashboard = await import("@/lib/intake/review");
const { countIntakes } = await import("@/lib/intake/review");

type DraftAnswers = import("@/lib/intake/schema").DraftAnswers;

const NOW = new Date("2030-01-07T12:00:00.000Z");

// Strings typed by the client: none may appear in a plain column, an email row or the audit trail.
const CANARY = {
  legalName: "Canarylegal Quillonby",
  preferredName: "Canarypref",
  emergencyName: "Canaryemerg Contactsson",
  birthExperience: "CANARY-BIRTH emergency caesarean",
  whatBrings: "CANARY-BRINGS intrusive thoughts",
  goals: "CANARY-GOALS sleep again",
  diagnoses: "CANARY-DIAG postpartum OCD",
  medications: "CANARY-MEDS sertraline 50mg",
  traumaDetails: "CANARY-TRAUMA details",
};

function completeDraft(): Required<DraftAnswers> {
  return {
    "about-you": {
      legalName: CANARY.legalName,
      preferredName: CANARY.preferredName,
      pronouns: "she/her",
      dateOfBirth: "1992-05-17",
      phone: "(555) 123-4567",
      state: "Virginia",
      emergencyName: CANARY.emergencyName,
      emergencyRelationship: "Sister",
      emergencyPhone: "+1 555 010 4242",
    },
    "pregnancy-and-postpartum": {
      situation: "postpartum",
      babyBirthDate: "2029-11-02",
      birthExperience: CANARY.birthExperience,
      feeding: null,
    },
    "what-brings-you": { concerns: ["intrusive-thoughts", "anxiety"], whatBrings: CANARY.whatBrings, goals: CANARY.goals },
    history: { diagnoses: CANARY.diagnoses, medications: CANARY.medications, trauma: "yes", traumaDetails: CANARY.traumaDetails },
    screening: { phq9: [1, 2, 3, 0, 1, 2, 0, 1, 0], phq9Difficulty: 1, gad7: [3, 3, 2, 1, 0, 0, 1] },
    consent: {
      consentTherapy: true,
      consentTelehealth: true,
      privacyNotice: true,
      voicemailOk: true,
      emailOk: false,
      // Signed with different case and spacing: still the same name.
      signature: ` ${CANARY.legalName.toUpperCase().replace(" ", "   ")} `,
    },
  };
}

async function saveAll(clientId: string, draft: DraftAnswers) {
  for (const [step, values] of Object.entries(draft)) {
    const result = await service.saveDraft(clientId, step as keyof DraftAnswers, values, NOW);
    expect(result.ok).toBe(true);
  }
}

let counter = 0;
async function createUser(role: "CLIENT" | "CLINICIAN" = "CLIENT") {
  counter += 1;
  const user = await prisma.user.create({
    data: { email: `intake-${role.toLowerCase()}-${counter}@example.test`, role },
    select: { id: true },
  });
  return { id: user.id, role };
}

async function intakeRow(clientId: string) {
  return prisma.intake.findUniqueOrThrow({ where: { clientId } });
}

async function outboxKinds() {
  return (await prisma.outboxEmail.findMany({ select: { kind: true }, orderBy: { createdAt: "asc" } })).map((r) => r.kind);
}

async function setEpds(epdsEnabled: boolean) {
  await prisma.clinicalSettings.upsert({ where: { id: 1 }, create: { id: 1, epdsEnabled }, update: { epdsEnabled } });
}

/** Everything a raw `SELECT *` returns, as one lower-cased string to search. */
async function dump(table: "Intake" | "OutboxEmail" | "AuditEvent"): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
  return JSON.stringify(rows, (_, value: unknown) => (typeof value === "bigint" ? value.toString() : value)).toLowerCase();
}

function expectNoCanary(text: string) {
  for (const canary of Object.values(CANARY)) {
    expect(text).not.toContain(canary.toLowerCase());
    // The distinctive first word alone, in case a value were stored transformed (e.g. re-spaced).
    expect(text).not.toContain(canary.split(" ")[0]!.toLowerCase());
  }
}

beforeEach(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Intake", "Booking", "User" CASCADE');
  await setEpds(false);
});

afterAll(async () => {
  await setEpds(false);
  await prisma.$disconnect();
});

describe("drafts", () => {
  test("two steps saved separately are both there when the client comes back", async () => {
    const client = await createUser();
    const draft = completeDraft();
    await service.saveDraft(client.id, "about-you", draft["about-you"], NOW);
    await service.saveDraft(client.id, "what-brings-you", draft["what-brings-you"], NOW);

    const resumed = await service.getOrCreateClientIntake(client.id);
    expect(resumed.status).toBe("DRAFT");
    expect(resumed.draft).toEqual({ "about-you": draft["about-you"], "what-brings-you": draft["what-brings-you"] });
    expect(await prisma.intake.count()).toBe(1);
  });

  test("values are kept as typed, invalid ones included, so nothing is lost", async () => {
    const client = await createUser();
    const typed = { legalName: "", dateOfBirth: "19", phone: "call me", state: null, concerns: ["anxiety", null] };
    await service.saveDraft(client.id, "about-you", typed, NOW);
    expect((await service.getOrCreateClientIntake(client.id)).draft).toEqual({ "about-you": typed });
  });

  test("saving the same step again keeps the latest answers", async () => {
    const client = await createUser();
    await service.saveDraft(client.id, "history", { medications: "first" }, NOW);
    await service.saveDraft(client.id, "history", { medications: "second", trauma: "no" }, NOW);
    const { draft } = await service.getOrCreateClientIntake(client.id);
    expect(draft).toEqual({ history: { medications: "second", trauma: "no" } });
    expect((await intakeRow(client.id)).draftVersion).toBe(2);
  });

  test("concurrent saves of different steps merge instead of overwriting each other", async () => {
    const draft = completeDraft();
    const steps = Object.keys(draft) as (keyof DraftAnswers)[];

    // From a client with no intake yet: the row is created once.
    const fresh = await createUser();
    const first = await Promise.all([
      service.saveDraft(fresh.id, "about-you", draft["about-you"], NOW),
      service.saveDraft(fresh.id, "history", draft.history, NOW),
    ]);
    expect(first.every((r) => r.ok)).toBe(true);
    expect(Object.keys((await service.getOrCreateClientIntake(fresh.id)).draft).sort()).toEqual(["about-you", "history"]);

    // Several rounds of every step at once, so a lost update would show.
    for (let round = 0; round < 3; round++) {
      const client = await createUser();
      await service.getOrCreateClientIntake(client.id);
      const results = await Promise.all(steps.map((step) => service.saveDraft(client.id, step, draft[step], NOW)));
      expect(results.every((r) => r.ok)).toBe(true);
      expect((await service.getOrCreateClientIntake(client.id)).draft).toEqual(draft);
      expect((await intakeRow(client.id)).draftVersion).toBe(steps.length);
    }
  });
});

describe("submit", () => {
  test("an incomplete intake is refused with the steps to fix, and nothing changes", async () => {
    const client = await createUser();
    const draft = completeDraft();
    await service.saveDraft(client.id, "about-you", draft["about-you"], NOW);
    await service.saveDraft(client.id, "what-brings-you", draft["what-brings-you"], NOW);
    await service.saveDraft(client.id, "consent", { ...draft.consent, signature: "Someone Else" }, NOW);
    const before = await intakeRow(client.id);

    const result = await service.submitIntake(client.id, NOW);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "invalid") throw new Error(`expected "invalid", got ${JSON.stringify(result)}`);
    expect(result.issues.map((i) => i.step)).toEqual(["pregnancy-and-postpartum", "screening", "consent"]);
    expect(result.issues.find((i) => i.step === "consent")?.message).toMatch(/same full legal name/);

    const after = await intakeRow(client.id);
    expect(after).toEqual(before);
    expect(after.status).toBe("DRAFT");
    expect(after.draftEnc).toBe(before.draftEnc);
    expect(after.answersEnc).toBeNull();
    expect(after.scoresEnc).toBeNull();
    expect(after.signedAt).toBeNull();
    expect(await prisma.outboxEmail.count()).toBe(0);
  });

  test("a complete intake is submitted, locked, and the clinician is told once", async () => {
    const client = await createUser();
    await saveAll(client.id, completeDraft());

    expect(await service.submitIntake(client.id, NOW)).toEqual({ ok: true, risk: false });
    const row = await intakeRow(client.id);
    expect(row.status).toBe("SUBMITTED");
    expect(row.answersEnc).toMatch(/^v1\./);
    expect(row.scoresEnc).toMatch(/^v1\./);
    expect(row.draftEnc).toBeNull();
    expect(row.consentVersion).toBe(CONSENT_VERSION);
    expect(row.signedAt).toEqual(NOW);
    expect(row.submittedAt).toEqual(NOW);
    expect(row.urgent).toBe(false);
    expect(await outboxKinds()).toEqual(["intake.submitted.clinician"]);

    // The client sees what was submitted, as validated answers.
    const mine = await service.getOrCreateClientIntake(client.id);
    expect(mine.status).toBe("SUBMITTED");
    expect(mine.draft["about-you"]).toMatchObject({ legalName: CANARY.legalName });

    expect(await service.submitIntake(client.id, NOW)).toEqual({ ok: false, reason: "submitted" });
    expect(await outboxKinds()).toEqual(["intake.submitted.clinician"]);

    const late = await service.saveDraft(client.id, "history", { medications: "changed my mind" }, NOW);
    expect(late).toMatchObject({ ok: false, reason: "submitted" });
    const unchanged = await intakeRow(client.id);
    expect(unchanged.answersEnc).toBe(row.answersEnc);
    expect(unchanged.draftEnc).toBeNull();
    expect(unchanged.status).toBe("SUBMITTED");
  });

  test("if the notification cannot be queued, the submission is rolled back", async () => {
    const client = await createUser();
    await saveAll(client.id, completeDraft());
    const before = await intakeRow(client.id);
    await prisma.$executeRawUnsafe(`
      CREATE FUNCTION "test_refuse_outbox"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'outbox unavailable (test)'; END; $$`);
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER "test_refuse_outbox" BEFORE INSERT ON "OutboxEmail" FOR EACH ROW EXECUTE FUNCTION "test_refuse_outbox"()`,
    );
    try {
      await expect(service.submitIntake(client.id, NOW)).rejects.toThrow();
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER "test_refuse_outbox" ON "OutboxEmail"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION "test_refuse_outbox"()`);
    }
    expect(await intakeRow(client.id)).toEqual(before);
    expect(await service.submitIntake(client.id, NOW)).toEqual({ ok: true, risk: false });
  });
});

describe("scores are computed on the server", () => {
  test.each([
    ["an answer out of range", [0, 0, 0, 0, 0, 0, 0, 0, 7]],
    ["an answer sent as a string", ["3", 0, 0, 0, 0, 0, 0, 0, 0]],
    ["a negative answer", [0, -1, 0, 0, 0, 0, 0, 0, 0]],
    ["too few answers", [0, 0, 0, 0, 0, 0, 0, 0]],
  ])("%s is refused at submit", async (_, phq9) => {
    const client = await createUser();
    await saveAll(client.id, { ...completeDraft(), screening: { phq9, gad7: Array(7).fill(0) } });
    const result = await service.submitIntake(client.id, NOW);
    expect(result).toMatchObject({ ok: false, reason: "invalid", issues: [{ step: "screening" }] });
    const row = await intakeRow(client.id);
    expect(row.status).toBe("DRAFT");
    expect(row.scoresEnc).toBeNull();
    expect(await prisma.outboxEmail.count()).toBe(0);
  });

  test("a score smuggled into the draft is ignored", async () => {
    const client = await createUser();
    const clinician = await createUser("CLINICIAN");
    const draft = completeDraft();
    const smuggled = {
      ...draft.screening,
      score: 0,
      phq9Total: 0,
      total: 0,
      scores: "phq9:0",
      selfHarmRisk: false,
    };
    await saveAll(client.id, { ...draft, screening: smuggled });
    expect(await service.submitIntake(client.id, NOW)).toMatchObject({ ok: true });

    const read = await service.readIntake((await intakeRow(client.id)).id, clinician);
    expect(read?.answers?.screening).toEqual({ phq9: [1, 2, 3, 0, 1, 2, 0, 1, 0], phq9Difficulty: 1, gad7: [3, 3, 2, 1, 0, 0, 1] });
    expect(read?.scores?.phq9).toMatchObject({ total: 10, band: "moderate", riskFlag: false, itemScores: [1, 2, 3, 0, 1, 2, 0, 1, 0] });
    expect(read?.scores?.gad7).toMatchObject({ total: 10, band: "moderate" });
    expect(read?.scores?.epds).toBeNull();
    expect(read?.scores?.selfHarmRisk).toBe(false);
  });
});

describe("risk", () => {
  const phq9 = (item9: number) => [0, 0, 0, 0, 0, 0, 0, 0, item9];

  test("PHQ-9 item 9 answered above 'not at all' flags the draft urgent and queues one high-priority email", async () => {
    const client = await createUser();
    const result = await service.saveDraft(client.id, "screening", { phq9: phq9(1), gad7: Array(7).fill(null) }, NOW);
    expect(result).toEqual({ ok: true, savedAt: NOW, risk: true });
    const row = await intakeRow(client.id);
    expect(row.urgent).toBe(true);
    expect(row.urgentAt).toEqual(NOW);
    const emails = await prisma.outboxEmail.findMany();
    expect(emails.map((e) => e.kind)).toEqual(["intake.urgent.clinician"]);
    expect(emails[0]!.priority).toBeGreaterThan(0);

    // Saving again, and submitting, do not tell the clinician a second time.
    expect(await service.saveDraft(client.id, "screening", { phq9: phq9(3), gad7: Array(7).fill(0) }, NOW)).toMatchObject({ risk: true });
    await saveAll(client.id, { ...completeDraft(), screening: { phq9: phq9(2), gad7: Array(7).fill(0) } });
    expect(await service.submitIntake(client.id, NOW)).toEqual({ ok: true, risk: true });
    expect((await outboxKinds()).sort()).toEqual(["intake.submitted.clinician", "intake.urgent.clinician"]);
  });

  test("no risk answer, no flag and no email", async () => {
    const client = await createUser();
    const result = await service.saveDraft(client.id, "screening", { phq9: phq9(0), gad7: Array(7).fill(3) }, NOW);
    expect(result).toMatchObject({ ok: true, risk: false });
    expect((await intakeRow(client.id)).urgent).toBe(false);
    // An unanswered or garbled item 9 is not a risk answer either.
    await service.saveDraft(client.id, "screening", { phq9: [0, 0, 0, 0, 0, 0, 0, 0, null] }, NOW);
    await service.saveDraft(client.id, "screening", { phq9: [0, 0, 0, 0, 0, 0, 0, 0, "x"] }, NOW);
    expect((await intakeRow(client.id)).urgent).toBe(false);
    expect(await prisma.outboxEmail.count()).toBe(0);
  });

  test("a self-harm answer that arrives as a numeric string still flags the intake", async () => {
    const client = await createUser();
    await service.saveDraft(client.id, "screening", { phq9: [0, 0, 0, 0, 0, 0, 0, 0, "2"] }, NOW);
    expect((await intakeRow(client.id)).urgent).toBe(true);
  });

  // Item 10 is reverse-scored: the first option ("Yes, quite often") scores 3.
  // Indexes chosen so that every other item scores 0.
  const epds = (item10: number) => [0, 0, 3, 0, 3, 3, 3, 3, 3, item10];

  test("with the EPDS enabled, EPDS item 10 answered with the first option flags urgent", async () => {
    await setEpds(true);
    const client = await createUser();
    const result = await service.saveDraft(client.id, "screening", { phq9: phq9(0), gad7: Array(7).fill(0), epds: epds(0) }, NOW);
    expect(result).toMatchObject({ ok: true, risk: true });
    expect((await intakeRow(client.id)).urgent).toBe(true);
    expect(await outboxKinds()).toEqual(["intake.urgent.clinician"]);
  });

  test("EPDS item 10 answered 'never' (last option, scores 0) is not a risk", async () => {
    await setEpds(true);
    const client = await createUser();
    const result = await service.saveDraft(client.id, "screening", { phq9: phq9(0), gad7: Array(7).fill(0), epds: epds(3) }, NOW);
    expect(result).toMatchObject({ ok: true, risk: false });
    expect((await intakeRow(client.id)).urgent).toBe(false);
    expect(await prisma.outboxEmail.count()).toBe(0);
  });

  test("with the EPDS disabled, EPDS answers sent anyway are ignored", async () => {
    const client = await createUser();
    const result = await service.saveDraft(client.id, "screening", { phq9: phq9(0), gad7: Array(7).fill(0), epds: epds(0) }, NOW);
    expect(result).toMatchObject({ ok: true, risk: false });
    expect(await prisma.outboxEmail.count()).toBe(0);
  });

  test("with the EPDS enabled, the submitted scores include it with its risk flag", async () => {
    await setEpds(true);
    const client = await createUser();
    const clinician = await createUser("CLINICIAN");
    await saveAll(client.id, { ...completeDraft(), screening: { phq9: phq9(0), gad7: Array(7).fill(0), epds: epds(0) } });
    expect(await service.submitIntake(client.id, NOW)).toEqual({ ok: true, risk: true });
    const read = await service.readIntake((await intakeRow(client.id)).id, clinician);
    expect(read?.scores?.epds).toMatchObject({ total: 3, riskFlag: true });
    expect(read?.scores?.selfHarmRisk).toBe(true);
    expect(await outboxKinds()).toEqual(["intake.urgent.clinician", "intake.submitted.clinician"]);
  });
});

describe("encryption at rest", () => {
  test("nothing typed is stored in plain text, in the intake or in the outbox", async () => {
    const client = await createUser();
    // Urgent too, so an urgent email is queued while the draft holds the canaries.
    await saveAll(client.id, { ...completeDraft(), screening: { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 1], gad7: Array(7).fill(0) } });
    const draftDump = await dump("Intake");
    expect(draftDump).toContain('"draftenc":"v1.');
    expectNoCanary(draftDump);

    expect(await service.submitIntake(client.id, NOW)).toMatchObject({ ok: true });
    const submittedDump = await dump("Intake");
    expect(submittedDump).toContain('"answersenc":"v1.');
    expectNoCanary(submittedDump);
    const outbox = await dump("OutboxEmail");
    expect(await prisma.outboxEmail.count()).toBe(2);
    expectNoCanary(outbox);

    // The canaries really are in there, behind the key.
    const clinician = await createUser("CLINICIAN");
    const read = await service.readIntake((await intakeRow(client.id)).id, clinician);
    expect(read?.answers?.history.medications).toBe(CANARY.medications);
    expect(read?.answers?.consent.signature).toBe(CANARY.legalName.toUpperCase().replace(" ", "   "));
  });

  test("a ciphertext altered by one character is refused, never decrypted to garbage", async () => {
    const client = await createUser();
    const clinician = await createUser("CLINICIAN");
    await saveAll(client.id, completeDraft());
    await service.submitIntake(client.id, NOW);
    const row = await intakeRow(client.id);
    expect(await service.readIntake(row.id, clinician)).toMatchObject({ answers: { history: { medications: CANARY.medications } } });

    const flip = (ciphertext: string) => {
      const parts = ciphertext.split(".");
      const body = parts[3]!;
      const at = Math.floor(body.length / 2);
      parts[3] = body.slice(0, at) + (body[at] === "A" ? "B" : "A") + body.slice(at + 1);
      return parts.join(".");
    };
    const tampered = flip(row.answersEnc!);
    expect(tampered).not.toBe(row.answersEnc);
    expect(tampered.length).toBe(row.answersEnc!.length);
    await prisma.$executeRaw`UPDATE "Intake" SET "answersEnc" = ${tampered} WHERE id = ${row.id}`;
    await expect(service.readIntake(row.id, clinician)).rejects.toBeInstanceOf(DecryptionError);
    await expect(service.getOrCreateClientIntake(client.id)).rejects.toBeInstanceOf(DecryptionError);

    // Restored answers read again; then the scores, altered the same way, are refused too.
    await prisma.$executeRaw`UPDATE "Intake" SET "answersEnc" = ${row.answersEnc}, "scoresEnc" = ${flip(row.scoresEnc!)} WHERE id = ${row.id}`;
    await expect(service.readIntake(row.id, clinician)).rejects.toBeInstanceOf(DecryptionError);
  });

  test("a ciphertext moved to another intake is refused (bound to its row)", async () => {
    const a = await createUser();
    const b = await createUser();
    const clinician = await createUser("CLINICIAN");
    await saveAll(a.id, completeDraft());
    await saveAll(b.id, completeDraft());
    await service.submitIntake(a.id, NOW);
    await service.submitIntake(b.id, NOW);
    const rowA = await intakeRow(a.id);
    const rowB = await intakeRow(b.id);
    await prisma.$executeRaw`UPDATE "Intake" SET "answersEnc" = ${rowA.answersEnc} WHERE id = ${rowB.id}`;
    await expect(service.readIntake(rowB.id, clinician)).rejects.toBeInstanceOf(DecryptionError);
  });
});

describe("who may read an intake", () => {
  async function submitted() {
    const owner = await createUser();
    await saveAll(owner.id, completeDraft());
    expect(await service.submitIntake(owner.id, NOW)).toMatchObject({ ok: true });
    return { owner, intakeId: (await intakeRow(owner.id)).id };
  }

  test("another client gets nothing, and the refusal is audited", async () => {
    const { owner, intakeId } = await submitted();
    const other = await createUser();
    expect(await service.readIntake(intakeId, other)).toBeNull();
    const events = await prisma.auditEvent.findMany({ where: { subjectId: intakeId } });
    expect(events).toEqual([
      expect.objectContaining({
        actorId: other.id,
        actorRole: "CLIENT",
        action: "intake.read",
        subjectType: "Intake",
        clientId: owner.id,
        outcome: "denied",
      }),
    ]);
  });

  test("someone signed out gets nothing, and the refusal is audited", async () => {
    const { intakeId } = await submitted();
    expect(await service.readIntake(intakeId, null)).toBeNull();
    const events = await prisma.auditEvent.findMany({ where: { subjectId: intakeId } });
    expect(events).toEqual([expect.objectContaining({ actorId: null, actorRole: "ANONYMOUS", outcome: "denied" })]);
  });

  test("an intake id that does not exist gets nothing, audited as denied", async () => {
    const clinician = await createUser("CLINICIAN");
    const missing = "00000000-0000-4000-8000-000000000000-missing";
    expect(await service.readIntake(missing, clinician)).toBeNull();
    const events = await prisma.auditEvent.findMany({ where: { subjectId: missing, actorId: clinician.id } });
    expect(events.map((e) => e.outcome)).toEqual(["denied"]);
  });

  test("the owner gets their answers but never their scores", async () => {
    const { owner, intakeId } = await submitted();
    const read = await service.readIntake(intakeId, owner);
    expect(read?.answers?.["about-you"].legalName).toBe(CANARY.legalName);
    expect(read?.scores).toBeNull();
    expect(read?.status).toBe("SUBMITTED");
  });

  test("the clinician gets answers and scores, and the read is audited", async () => {
    const { owner, intakeId } = await submitted();
    const clinician = await createUser("CLINICIAN");
    const read = await service.readIntake(intakeId, clinician);
    expect(read?.answers?.history.diagnoses).toBe(CANARY.diagnoses);
    expect(read?.scores?.phq9.total).toBe(10);
    expect(read?.consentVersion).toBe(CONSENT_VERSION);
    const events = await prisma.auditEvent.findMany({ where: { subjectId: intakeId } });
    expect(events).toEqual([
      expect.objectContaining({
        actorId: clinician.id,
        actorRole: "CLINICIAN",
        action: "intake.read",
        clientId: owner.id,
        outcome: "allowed",
      }),
    ]);
  });

  test("no audit row contains anything the client typed", async () => {
    const { owner, intakeId } = await submitted();
    await service.readIntake(intakeId, await createUser());
    await service.readIntake(intakeId, null);
    await service.readIntake(intakeId, owner);
    await service.readIntake(intakeId, await createUser("CLINICIAN"));
    expect(await prisma.auditEvent.count({ where: { subjectId: intakeId } })).toBe(3);
    expectNoCanary(await dump("AuditEvent"));
  });
});

describe("the audit trail is append-only", () => {
  test("UPDATE, DELETE and TRUNCATE are refused by the database and the rows stay", async () => {
    const client = await createUser();
    await service.getOrCreateClientIntake(client.id);
    const intakeId = (await intakeRow(client.id)).id;
    await service.readIntake(intakeId, null);
    const countBefore = await prisma.auditEvent.count();
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { subjectId: intakeId } });
    expect(countBefore).toBeGreaterThan(0);

    await expect(prisma.$executeRaw`UPDATE "AuditEvent" SET outcome = 'allowed' WHERE id = ${event.id}`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${event.id}`).rejects.toThrow(/append-only/);
    await expect(prisma.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
    await expect(prisma.auditEvent.deleteMany({})).rejects.toThrow();

    expect(await prisma.auditEvent.count()).toBe(countBefore);
    expect(await prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } })).toEqual(event);
  });
});

describe("following up on an urgent flag", () => {
  const phq9 = (item9: number) => [0, 0, 0, 0, 0, 0, 0, 0, item9];
  const LATER = new Date(NOW.getTime() + 60 * 60 * 1000);
  const NOTE = "CANARY-FOLLOWUP phoned her, safety plan agreed";

  async function clinicianUser() {
    const user = await createUser("CLINICIAN");
    return { ...user, role: "CLINICIAN" as const, email: `intake-clinician-${counter}@example.test`, sessionId: "test-session" };
  }

  async function urgentDraft() {
    const client = await createUser();
    await service.saveDraft(client.id, "screening", { phq9: phq9(2), gad7: Array(7).fill(null) }, NOW);
    const row = await intakeRow(client.id);
    expect(row.urgent).toBe(true);
    return { client, intakeId: row.id };
  }

  async function followUpAudit(intakeId: string) {
    return (
      await prisma.auditEvent.findMany({ where: { subjectId: intakeId, action: "intake.urgent.followup" }, orderBy: { id: "asc" } })
    ).map((e) => `${e.actorId}:${e.outcome}:${e.clientId}`);
  }

  test("on an urgent draft it clears the overview's urgent count, records who and when, and keeps the history", async () => {
    const { client, intakeId } = await urgentDraft();
    const clinician = await clinicianUser();
    expect((await countIntakes()).urgent).toBe(1);

    expect(await dashboard.markUrgentFollowedUp(intakeId, clinician, NOTE, LATER)).toBe(true);

    expect((await countIntakes()).urgent).toBe(0);
    const row = await intakeRow(client.id);
    expect(row).toMatchObject({
      urgent: true,
      status: "DRAFT",
      urgentAt: NOW,
      urgentFollowedUpAt: LATER,
      urgentFollowedUpById: clinician.id,
    });
    const [item] = await dashboard.listIntakes(clinician);
    expect(item).toMatchObject({
      id: intakeId,
      urgent: true,
      needsUrgentAttention: false,
      urgentFollowedUpAt: LATER,
      urgentFollowedUpBy: clinician.email,
    });
    const info = await dashboard.getReviewInfo(intakeId);
    expect(info).toMatchObject({ needsUrgentAttention: false, urgentFollowUp: { at: LATER, by: clinician.email, note: NOTE } });
    // Tagged with the client, so the audit page's client filter finds it.
    expect(await followUpAudit(intakeId)).toEqual([`${clinician.id}:allowed:${client.id}`]);

    // A second follow-up with nothing new is refused, and audited as such.
    expect(await dashboard.markUrgentFollowedUp(intakeId, clinician, "", LATER)).toBe(false);
    expect(await followUpAudit(intakeId)).toEqual([`${clinician.id}:allowed:${client.id}`, `${clinician.id}:denied:${client.id}`]);
  });

  test("the note is encrypted at rest, bound to its row, and in no audit row", async () => {
    const { client, intakeId } = await urgentDraft();
    const clinician = await clinicianUser();
    expect(await dashboard.markUrgentFollowedUp(intakeId, clinician, NOTE, LATER)).toBe(true);
    const intakes = await dump("Intake");
    expect(intakes).not.toContain("canary-followup");
    expect(intakes).not.toContain("safety plan");
    expect(await dump("AuditEvent")).not.toContain("canary-followup");
    expect((await intakeRow(client.id)).urgentFollowUpNoteEnc).toBeTruthy();

    // Moved to another intake, the ciphertext is refused.
    const other = await urgentDraft();
    expect(await dashboard.markUrgentFollowedUp(other.intakeId, clinician, "", LATER)).toBe(true);
    const { urgentFollowUpNoteEnc } = await intakeRow(client.id);
    await prisma.$executeRaw`UPDATE "Intake" SET "urgentFollowUpNoteEnc" = ${urgentFollowUpNoteEnc} WHERE id = ${other.intakeId}`;
    await expect(dashboard.getReviewInfo(other.intakeId)).rejects.toBeInstanceOf(DecryptionError);
  });

  test("a non-urgent intake, a reviewed one and an unknown id are refused, audited as denied", async () => {
    const clinician = await clinicianUser();
    const calm = await createUser();
    await service.saveDraft(calm.id, "screening", { phq9: phq9(0), gad7: Array(7).fill(3) }, NOW);
    const calmId = (await intakeRow(calm.id)).id;
    expect(await dashboard.markUrgentFollowedUp(calmId, clinician, "", LATER)).toBe(false);
    expect((await intakeRow(calm.id)).urgentFollowedUpAt).toBeNull();
    expect(await followUpAudit(calmId)).toEqual([`${clinician.id}:denied:${calm.id}`]);

    const reviewed = await createUser();
    await saveAll(reviewed.id, { ...completeDraft(), screening: { phq9: phq9(1), gad7: Array(7).fill(0) } });
    expect(await service.submitIntake(reviewed.id, NOW)).toEqual({ ok: true, risk: true });
    const reviewedId = (await intakeRow(reviewed.id)).id;
    expect(await dashboard.markReviewed(reviewedId, clinician, "", NOW)).toBe(true);
    expect(await dashboard.markUrgentFollowedUp(reviewedId, clinician, "", LATER)).toBe(false);
    expect((await intakeRow(reviewed.id)).urgentFollowedUpAt).toBeNull();
    expect(await followUpAudit(reviewedId)).toEqual([`${clinician.id}:denied:${reviewed.id}`]);

    expect(await dashboard.markUrgentFollowedUp("no-such-intake-followup", clinician, "", LATER)).toBe(false);
    expect(await followUpAudit("no-such-intake-followup")).toEqual([`${clinician.id}:denied:null`]);
  });

  test("a submitted urgent intake can be followed up too; it then lists after one still needing attention", async () => {
    const clinician = await clinicianUser();
    const submitted = await createUser();
    await saveAll(submitted.id, { ...completeDraft(), screening: { phq9: phq9(1), gad7: Array(7).fill(0) } });
    await service.submitIntake(submitted.id, NOW);
    const submittedId = (await intakeRow(submitted.id)).id;
    const { intakeId: draftId } = await urgentDraft();
    expect((await countIntakes()).urgent).toBe(2);

    expect(await dashboard.markUrgentFollowedUp(submittedId, clinician, "", LATER)).toBe(true);
    expect((await countIntakes()).urgent).toBe(1);
    const list = await dashboard.listIntakes(clinician);
    expect(list.map((i) => [i.id, i.needsUrgentAttention])).toEqual([
      [draftId, true],
      [submittedId, false],
    ]);
  });

  test("the same positive answer saved again does not re-alert; a new positive answer after the follow-up does", async () => {
    await setEpds(true);
    const { client, intakeId } = await urgentDraft();
    const clinician = await clinicianUser();
    expect(await dashboard.markUrgentFollowedUp(intakeId, clinician, "", LATER)).toBe(true);
    const AFTER = new Date(LATER.getTime() + 60_000);
    const epdsCalm = [0, 0, 3, 0, 3, 3, 3, 3, 3, 3];

    // Still positive (even a higher answer), and other steps saved: nothing new.
    await service.saveDraft(client.id, "screening", { phq9: phq9(3), gad7: Array(7).fill(0), epds: epdsCalm }, AFTER);
    await service.saveDraft(client.id, "history", { diagnoses: "", medications: "", trauma: "no" }, AFTER);
    expect((await countIntakes()).urgent).toBe(0);
    expect(await outboxKinds()).toEqual(["intake.urgent.clinician"]);

    // EPDS item 10 turns positive after the follow-up: needs attention again, one new email.
    await service.saveDraft(client.id, "screening", { phq9: phq9(3), gad7: Array(7).fill(0), epds: [...epdsCalm.slice(0, 9), 0] }, AFTER);
    expect((await countIntakes()).urgent).toBe(1);
    expect(await outboxKinds()).toEqual(["intake.urgent.clinician", "intake.urgent.clinician"]);
    const row = await intakeRow(client.id);
    // The earlier follow-up stays on record.
    expect(row).toMatchObject({ urgentAt: AFTER, urgentFollowedUpAt: LATER, urgentFollowedUpById: clinician.id });
    expect(await dashboard.getReviewInfo(intakeId)).toMatchObject({ needsUrgentAttention: true, urgentFollowUp: { at: LATER } });

    // Toggling before she follows up again does not email a third time.
    await service.saveDraft(client.id, "screening", { phq9: phq9(0), gad7: Array(7).fill(0), epds: epdsCalm }, AFTER);
    await service.saveDraft(client.id, "screening", { phq9: phq9(1), gad7: Array(7).fill(0), epds: epdsCalm }, AFTER);
    expect(await outboxKinds()).toHaveLength(2);
  });

  test("an answer changed back from negative to positive after the follow-up re-alerts", async () => {
    const { client, intakeId } = await urgentDraft();
    const clinician = await clinicianUser();
    expect(await dashboard.markUrgentFollowedUp(intakeId, clinician, "", LATER)).toBe(true);
    const AFTER = new Date(LATER.getTime() + 60_000);
    await service.saveDraft(client.id, "screening", { phq9: phq9(0), gad7: Array(7).fill(0) }, AFTER);
    expect((await countIntakes()).urgent).toBe(0);
    await service.saveDraft(client.id, "screening", { phq9: phq9(1), gad7: Array(7).fill(0) }, AFTER);
    expect((await countIntakes()).urgent).toBe(1);
    // She can record a follow-up again.
    expect(await dashboard.markUrgentFollowedUp(intakeId, clinician, "", new Date(AFTER.getTime() + 1))).toBe(true);
    expect((await countIntakes()).urgent).toBe(0);
  });
});

describe("an intake that cannot be decrypted", () => {
  // Found: one such row made the whole intakes list, the urgent ones included, answer 500.
  test("the list shows every other intake, marks the broken one (urgent flag intact), and logs an error line with its id only", async () => {
    const { setLogDestination } = await import("@/lib/platform/logger");
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => void lines.push(line) });
    try {
      const clinician = { ...(await createUser("CLINICIAN")), email: "c@example.test", sessionId: "s" };
      const good = await createUser();
      await saveAll(good.id, completeDraft());
      await service.submitIntake(good.id, NOW);
      const broken = await createUser();
      await saveAll(broken.id, { ...completeDraft(), screening: { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 2], gad7: Array(7).fill(0) } });
      await service.submitIntake(broken.id, NOW);
      const goodRow = await intakeRow(good.id);
      const brokenRow = await intakeRow(broken.id);
      // The good row's ciphertexts in the broken row: bound to another row, they do not decrypt.
      await prisma.$executeRaw`UPDATE "Intake" SET "answersEnc" = ${goodRow.answersEnc}, "scoresEnc" = ${goodRow.scoresEnc} WHERE id = ${brokenRow.id}`;

      const list = await dashboard.listIntakes(clinician);
      expect(list.map((i) => i.id)).toEqual([brokenRow.id, goodRow.id]);
      expect(list[0]).toMatchObject({
        unreadable: true,
        name: null,
        scores: null,
        urgent: true,
        needsUrgentAttention: true,
        status: "SUBMITTED",
      });
      expect(list[1]).toMatchObject({ unreadable: false, name: CANARY.preferredName });
      expect(list[1]!.scores?.phq9.total).toBe(10);
      expect(await countIntakes()).toEqual({ urgent: 1, submitted: 2 });

      const errors = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((l) => l.event === "intake.unreadable");
      expect(errors).toEqual([expect.objectContaining({ level: "error", intakeId: brokenRow.id, errorCode: "DecryptionError" })]);
      expectNoCanary(lines.join("\n").toLowerCase());
    } finally {
      setLogDestination();
    }
  });
});
