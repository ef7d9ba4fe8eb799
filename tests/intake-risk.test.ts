/**
 * Risk answers against the real PostgreSQL test database: a positive self-harm answer is
 * recorded the moment it is sent (before any draft save), survives being changed back, raises
 * the urgent flag and the details-free email once, is stored encrypted, and is read only by
 * the clinician (audited). The answer endpoint checks the Origin, the signed-in client and
 * that the intake is hers.
 */
import fc from "fast-check";
import { afterAll, beforeEach, describe, expect, test, vi } from "vitest";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; role: "CLIENT" | "CLINICIAN"; sessionId: string } }));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: vi.fn(async () => session.user),
  requireClient: vi.fn(async () => session.user),
  requireClinician: vi.fn(async () => session.user),
}));

process.env.CLINICIAN_NOTIFY_EMAIL = "clinician@practice.test";

const { prisma } = await import("@/lib/platform/db");
const service = await import("@/lib/intake/service");
const { readRiskHistory, MAX_RISK_EVENTS } = await import("@/lib/intake/risk");
const { riskHistoryLines } = await import("@/lib/intake/risk-history");
const { markUrgentFollowedUp, countIntakes } = await import("@/lib/intake/review");
const { POST } = await import("@/app/api/intake/risk-answers/route");
const schemaModule = await import("@/lib/intake/schema");

const NOW = new Date("2030-01-07T19:02:00.000Z"); // 2:02 PM in New York
const ZONE = "America/New_York";
const ORIGIN = "http://localhost:3000";

let counter = 0;
async function createUser(role: "CLIENT" | "CLINICIAN" = "CLIENT") {
  counter += 1;
  const email = `risk-${role.toLowerCase()}-${counter}@example.test`;
  const user = await prisma.user.create({ data: { email, role }, select: { id: true } });
  return { id: user.id, email, role, sessionId: `session-${counter}` };
}

async function clientWithIntake() {
  const client = await createUser();
  const intake = await service.getOrCreateClientIntake(client.id);
  return { client, intakeId: intake.id };
}

const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const phq9Item9 = (answer: number, seconds = 0, key = `key-${counter}-${seconds}-${answer}`) => ({
  measure: "phq9" as const,
  item: 9,
  answer,
  answeredAt: at(seconds),
  key,
});

async function setEpds(epdsEnabled: boolean) {
  await prisma.clinicalSettings.upsert({ where: { id: 1 }, create: { id: 1, epdsEnabled }, update: { epdsEnabled } });
}

const urgentEmails = () => prisma.outboxEmail.count({ where: { kind: "intake.urgent.clinician" } });

beforeEach(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Intake", "RiskEvent", "User" CASCADE');
  await setEpds(false);
  session.user = null;
});

afterAll(async () => {
  await setEpds(false);
  await prisma.$disconnect();
});

describe("a risk answer sent the moment it is given", () => {
  // Found: only saved drafts raised the flag, after 1.2 s without change; "Several days"
  // changed back within a second (or a closed tab) left no flag, no email, no trace.
  test("'Several days' changed back to 'Not at all' a second later, with no draft ever saved: urgent, one email, both answers on record", async () => {
    const { client, intakeId } = await clientWithIntake();
    const first = await service.recordRiskAnswers(client.id, { intakeId, source: "answer", answers: [phq9Item9(1, 0)] }, at(0));
    expect(first).toEqual({ ok: true, recorded: 1, notified: true });
    const second = await service.recordRiskAnswers(client.id, { intakeId, source: "answer", answers: [phq9Item9(0, 1)] }, at(1));
    expect(second).toEqual({ ok: true, recorded: 1, notified: true });

    const row = await prisma.intake.findUniqueOrThrow({ where: { id: intakeId } });
    expect(row).toMatchObject({ urgent: true, urgentAt: at(0), draftEnc: null });
    expect(await urgentEmails()).toBe(1);
    expect((await countIntakes()).urgent).toBe(1);

    // The draft saved afterwards with "Not at all" changes nothing of that.
    await service.saveDraft(client.id, "screening", { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 0] }, at(3));
    expect((await prisma.intake.findUniqueOrThrow({ where: { id: intakeId } })).urgent).toBe(true);
    expect(await prisma.riskEvent.count({ where: { intakeId } })).toBe(2);

    const clinician = await createUser("CLINICIAN");
    const history = await readRiskHistory(intakeId, clinician);
    expect(riskHistoryLines(history!, ZONE).map((line) => line.text)).toEqual([
      "PHQ-9 item 9: “Several days” at 2:02 PM on Monday, January 7, 2030, changed to “Not at all” at 2:02 PM",
    ]);
  });

  test("a request retried after a lost answer is recorded once; an answer equal to the last one is not recorded again", async () => {
    const { client, intakeId } = await clientWithIntake();
    const answers = [phq9Item9(2, 0, "retry-key-aaaa"), phq9Item9(0, 1, "retry-key-bbbb")];
    await service.recordRiskAnswers(client.id, { intakeId, source: "answer", answers }, at(2));
    expect(await service.recordRiskAnswers(client.id, { intakeId, source: "page-hide", answers }, at(3))).toMatchObject({ recorded: 0 });
    // The autosave of the same final answer, and of an earlier "Not at all" before anything positive, add nothing.
    await service.saveDraft(client.id, "screening", { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 0] }, at(4));
    expect(await prisma.riskEvent.count({ where: { intakeId } })).toBe(2);
    expect(await urgentEmails()).toBe(1);
  });

  test("'Not at all' with nothing positive before it is not a risk event, and raises nothing", async () => {
    const { client, intakeId } = await clientWithIntake();
    expect(await service.recordRiskAnswers(client.id, { intakeId, source: "answer", answers: [phq9Item9(0)] }, NOW)).toEqual({
      ok: true,
      recorded: 0,
      notified: false,
    });
    await service.saveDraft(client.id, "screening", { phq9: [3, 3, 3, 3, 3, 3, 3, 3, 0] }, NOW);
    expect(await prisma.riskEvent.count()).toBe(0);
    expect((await prisma.intake.findUniqueOrThrow({ where: { id: intakeId } })).urgent).toBe(false);
    expect(await urgentEmails()).toBe(0);
  });

  test("a positive answer given without JavaScript (in the posted draft) is recorded too", async () => {
    const { client, intakeId } = await clientWithIntake();
    await service.saveDraft(client.id, "screening", { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 3] }, NOW);
    const clinician = await createUser("CLINICIAN");
    expect(riskHistoryLines((await readRiskHistory(intakeId, clinician))!, ZONE)[0]!.text).toBe(
      "PHQ-9 item 9: “Nearly every day” at 2:02 PM on Monday, January 7, 2030",
    );
    expect(await urgentEmails()).toBe(1);
  });

  test("EPDS item 10 is a risk item when the EPDS is in use ('Hardly ever' scores 1), and ignored when it is not", async () => {
    const { client, intakeId } = await clientWithIntake();
    const epds10 = (answer: number, key: string) => ({ measure: "epds" as const, item: 10, answer, answeredAt: NOW, key });
    expect(
      await service.recordRiskAnswers(client.id, { intakeId, source: "answer", answers: [epds10(2, "epds-off-1")] }, NOW),
    ).toMatchObject({
      recorded: 0,
      notified: false,
    });
    await setEpds(true);
    expect(
      await service.recordRiskAnswers(client.id, { intakeId, source: "answer", answers: [epds10(2, "epds-on-1")] }, NOW),
    ).toMatchObject({
      recorded: 1,
      notified: true,
    });
    expect(await urgentEmails()).toBe(1);
  });

  test("after a follow-up, the same positive answer again does not re-alert; turning positive anew does, once", async () => {
    const { client, intakeId } = await clientWithIntake();
    const clinician = await createUser("CLINICIAN");
    await service.recordRiskAnswers(client.id, { intakeId, source: "answer", answers: [phq9Item9(1, 0)] }, at(0));
    expect(await markUrgentFollowedUp(intakeId, clinician, "", at(60))).toBe(true);
    await service.saveDraft(client.id, "screening", { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 1] }, at(70));
    expect((await countIntakes()).urgent).toBe(0);
    await service.recordRiskAnswers(client.id, { intakeId, source: "answer", answers: [phq9Item9(0, 80), phq9Item9(2, 81)] }, at(81));
    expect((await countIntakes()).urgent).toBe(1);
    expect(await urgentEmails()).toBe(2);
  });

  test("another client's intake, a submitted intake and a runaway page are refused or capped; nothing is recorded for them", async () => {
    const { client } = await clientWithIntake();
    const other = await clientWithIntake();
    expect(
      await service.recordRiskAnswers(client.id, { intakeId: other.intakeId, source: "answer", answers: [phq9Item9(3)] }, NOW),
    ).toMatchObject({ ok: false, reason: "not-found" });
    expect(await prisma.riskEvent.count()).toBe(0);
    expect(await prisma.intake.count({ where: { urgent: true } })).toBe(0);

    await prisma.intake.update({ where: { id: other.intakeId }, data: { status: "SUBMITTED" } });
    expect(
      await service.recordRiskAnswers(other.client.id, { intakeId: other.intakeId, source: "answer", answers: [phq9Item9(3)] }, NOW),
    ).toMatchObject({ ok: false, reason: "submitted" });

    const mine = (await service.getOrCreateClientIntake(client.id)).id;
    const flips = Array.from({ length: MAX_RISK_EVENTS + 20 }, (_, i) => phq9Item9(i % 2 === 0 ? 1 : 0, i / 1000, `flip-${i}-xxxx`));
    for (let i = 0; i < flips.length; i += 50) {
      await service.recordRiskAnswers(client.id, { intakeId: mine, source: "answer", answers: flips.slice(i, i + 50) }, at(1));
    }
    expect(await prisma.riskEvent.count({ where: { intakeId: mine } })).toBe(MAX_RISK_EVENTS);
    expect(await urgentEmails()).toBe(1);
  });
});

describe("risk events are clinical data", () => {
  test("the answer is encrypted at rest and bound to its row", async () => {
    const { client, intakeId } = await clientWithIntake();
    await service.recordRiskAnswers(client.id, { intakeId, source: "answer", answers: [phq9Item9(2, 0), phq9Item9(0, 1)] }, at(1));
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "RiskEvent" ORDER BY "answeredAt"`);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(Object.keys(row)).not.toContain("answer");
      expect(String(row.answerEnc)).not.toMatch(/answer|\d"?}$/);
    }
    // Swapped between rows, neither answer can be read: the history says so instead of showing a wrong one.
    await prisma.$executeRaw`UPDATE "RiskEvent" SET "answerEnc" = ${rows[1]!.answerEnc as string} WHERE id = ${rows[0]!.id as string}`;
    const clinician = await createUser("CLINICIAN");
    const lines = riskHistoryLines((await readRiskHistory(intakeId, clinician))!, ZONE);
    expect(lines[0]!.text).toContain("an answer that could not be read");
    expect(lines[0]!.text).toContain("changed to “Not at all”");
  });

  test("only the clinician reads the history; every read and refusal is audited, with no answer in the audit row", async () => {
    const { client, intakeId } = await clientWithIntake();
    await service.recordRiskAnswers(client.id, { intakeId, source: "answer", answers: [phq9Item9(1)] }, NOW);
    const clinician = await createUser("CLINICIAN");
    expect(await readRiskHistory(intakeId, { id: client.id, role: "CLIENT" })).toBeNull();
    expect(await readRiskHistory(intakeId, null)).toBeNull();
    expect(await readRiskHistory(intakeId, clinician)).toHaveLength(1);
    const audit = await prisma.auditEvent.findMany({ where: { subjectId: intakeId, action: "intake.risk.read" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.actorId, a.outcome, a.clientId])).toEqual([
      [client.id, "denied", client.id],
      [null, "denied", client.id],
      [clinician.id, "allowed", client.id],
    ]);
  });
});

describe("POST /api/intake/risk-answers", () => {
  const body = (
    intakeId: string,
    answers: unknown[] = [{ key: "route-key-0001", measure: "phq9", item: 9, answer: 1, answeredAt: NOW.getTime() }],
  ) => JSON.stringify({ intakeId, source: "answer", answers });
  const post = (text: string, headers: Record<string, string> = { origin: ORIGIN }) =>
    POST(
      new Request(`${ORIGIN}/api/intake/risk-answers`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: text,
      }),
    );

  test("the signed-in client's answer is recorded and she is told the clinician was notified", async () => {
    const { client, intakeId } = await clientWithIntake();
    session.user = client;
    const response = await post(body(intakeId));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, recorded: 1, notified: true });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  test("another site, nobody signed in, the clinician, another client's intake, bad or huge bodies: a 4xx and nothing recorded", async () => {
    const { client, intakeId } = await clientWithIntake();
    const other = await clientWithIntake();
    const clinician = await createUser("CLINICIAN");
    const cases: [string, () => Promise<Response>, number][] = [
      ["cross-site", () => ((session.user = client), post(body(intakeId), { origin: "https://evil.example" })), 403],
      ["no Origin", () => ((session.user = client), post(body(intakeId), {})), 403],
      ["signed out", () => ((session.user = null), post(body(intakeId))), 401],
      ["the clinician", () => ((session.user = clinician), post(body(intakeId))), 401],
      ["another client's intake", () => ((session.user = other.client), post(body(intakeId))), 404],
      ["not JSON", () => ((session.user = client), post("{not json")), 400],
      [
        "a non-risk item",
        () => (
          (session.user = client),
          post(body(intakeId, [{ key: "route-key-0002", measure: "gad7", item: 7, answer: 3, answeredAt: 1 }]))
        ),
        400,
      ],
      [
        "an answer out of range",
        () => (
          (session.user = client),
          post(body(intakeId, [{ key: "route-key-0003", measure: "phq9", item: 9, answer: 7, answeredAt: 1 }]))
        ),
        400,
      ],
      ["no answers", () => ((session.user = client), post(body(intakeId, []))), 400],
      ["a huge body", () => ((session.user = client), post(body(intakeId).padEnd(40_000, " "))), 413],
    ];
    for (const [name, send, status] of cases) {
      const response = await send();
      expect(response.status, name).toBe(status);
      expect(typeof ((await response.json()) as { error?: unknown }).error, name).toBe("string");
    }
    expect(await prisma.riskEvent.count()).toBe(0);
    expect(await prisma.intake.count({ where: { urgent: true } })).toBe(0);
  });

  test("whatever the body, a crafted request gets a 4xx with a sentence, never a 500, and records nothing", async () => {
    const { client, intakeId } = await clientWithIntake();
    session.user = client;
    const answer = fc.record(
      {
        key: fc.oneof(fc.string({ maxLength: 70 }), fc.constant("valid-key-0001")),
        measure: fc.oneof(fc.constantFrom("phq9", "gad7", "epds", "__proto__"), fc.anything()),
        item: fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), fc.string()),
        answer: fc.oneof(fc.integer({ min: -2, max: 6 }), fc.double(), fc.constant(null)),
        answeredAt: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(1e300)),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json(),
      fc
        .record({
          intakeId: fc.oneof(fc.constant(intakeId), fc.string({ maxLength: 80 })),
          source: fc.string(),
          answers: fc.array(answer, { maxLength: 60 }),
        })
        .map((b) => JSON.stringify(b)),
      fc.constant(
        JSON.stringify({
          intakeId,
          answers: Array.from({ length: 51 }, (_, i) => ({ key: `many-key-${i}`, measure: "phq9", item: 9, answer: 1, answeredAt: 1 })),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const parsedOk = (() => {
          try {
            const { riskAnswersRequestSchema } = schemaModule;
            return riskAnswersRequestSchema.safeParse(JSON.parse(text)).success && JSON.parse(text).intakeId === intakeId;
          } catch {
            return false;
          }
        })();
        fc.pre(!parsedOk);
        const response = await post(text);
        expect(response.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400);
        expect(response.status, text.slice(0, 200)).toBeLessThan(500);
        const json = (await response.json()) as { error?: unknown };
        expect(typeof json.error).toBe("string");
      }),
      { numRuns: 80 },
    );
    expect(await prisma.riskEvent.count()).toBe(0);
  });
});
