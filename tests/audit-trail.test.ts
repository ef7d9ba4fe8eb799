/** The audit trail as the clinician reads it, against the real PostgreSQL test database: filters by client, action and date, and pagination. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const { prisma } = await import("@/lib/platform/db");
const records = await import("@/lib/audit/trail");

async function user(role: "CLIENT" | "CLINICIAN" = "CLIENT") {
  return prisma.user.create({ data: { email: `records-${randomUUID()}@example.test`, role }, select: { id: true, email: true } });
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe("audit trail", () => {
  const tag = randomUUID().slice(0, 8);
  const readAction = `test.${tag}.read`;
  const otherAction = `test.${tag}.other`;
  let clinician: { id: string; email: string };
  let alice: { id: string; email: string };
  let bea: { id: string; email: string };
  const base = new Date("2031-03-10T12:00:00.000Z");

  beforeAll(async () => {
    clinician = await user("CLINICIAN");
    alice = await user();
    bea = await user();
    // 120 reads of Alice's intake, one a minute from `base`; three events about Bea.
    await prisma.auditEvent.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        at: new Date(base.getTime() + i * 60_000),
        actorId: clinician.id,
        actorRole: "CLINICIAN",
        action: readAction,
        subjectType: "Intake",
        subjectId: `intake-${i}`,
        clientId: alice.id,
        outcome: "allowed",
      })),
    });
    await prisma.auditEvent.createMany({
      data: [
        {
          at: new Date("2031-03-12T09:00:00.000Z"),
          actorId: bea.id,
          actorRole: "CLIENT",
          action: readAction,
          subjectType: "Intake",
          clientId: bea.id,
          outcome: "allowed",
        },
        {
          at: new Date("2031-03-14T09:00:00.000Z"),
          actorId: null,
          actorRole: "ANONYMOUS",
          action: otherAction,
          subjectType: "Intake",
          clientId: bea.id,
          outcome: "denied",
        },
        {
          at: new Date("2031-03-20T09:00:00.000Z"),
          actorId: clinician.id,
          actorRole: "CLINICIAN",
          action: otherAction,
          subjectType: "Intake",
          clientId: bea.id,
          outcome: "allowed",
        },
      ],
    });
  });

  test("filters by client, newest first, with actor and client emails", async () => {
    const page = await records.listAuditEvents({ clientId: bea.id });
    expect(page.total).toBe(3);
    expect(page.events.map((e) => e.at.toISOString())).toEqual([
      "2031-03-20T09:00:00.000Z",
      "2031-03-14T09:00:00.000Z",
      "2031-03-12T09:00:00.000Z",
    ]);
    expect(page.events[0]).toMatchObject({
      actorEmail: clinician.email,
      actorRole: "CLINICIAN",
      clientEmail: bea.email,
      action: otherAction,
    });
    expect(page.events[1]).toMatchObject({ actorId: null, actorEmail: null, actorRole: "ANONYMOUS", outcome: "denied" });
    expect(page.events[2]).toMatchObject({ actorEmail: bea.email, clientEmail: bea.email });
    expect(typeof page.events[0]!.id).toBe("string");
  });

  test("filters by action, and by action and client together", async () => {
    expect((await records.listAuditEvents({ action: otherAction })).total).toBe(2);
    expect((await records.listAuditEvents({ action: readAction })).total).toBe(121);
    expect((await records.listAuditEvents({ action: readAction, clientId: bea.id })).total).toBe(1);
    expect(await records.listAuditActions()).toEqual(expect.arrayContaining([readAction, otherAction]));
  });

  test("filters by date range, both ends inclusive", async () => {
    const range = await records.listAuditEvents({
      clientId: bea.id,
      from: new Date("2031-03-12T09:00:00.000Z"),
      to: new Date("2031-03-14T09:00:00.000Z"),
    });
    expect(range.events.map((e) => e.action)).toEqual([otherAction, readAction]);
    expect((await records.listAuditEvents({ clientId: bea.id, from: new Date("2031-03-15T00:00:00.000Z") })).total).toBe(1);
    expect((await records.listAuditEvents({ clientId: bea.id, to: new Date("2031-03-11T00:00:00.000Z") })).total).toBe(0);
  });

  test("pages through 50 at a time and clamps out-of-range pages", async () => {
    const first = await records.listAuditEvents({ clientId: alice.id, page: 1 });
    expect(first).toMatchObject({ total: 120, page: 1, pageCount: 3, pageSize: 50 });
    expect(first.events).toHaveLength(50);
    expect(first.events[0]!.subjectId).toBe("intake-119");
    expect(first.events[49]!.subjectId).toBe("intake-70");

    const second = await records.listAuditEvents({ clientId: alice.id, page: 2 });
    expect(second.events[0]!.subjectId).toBe("intake-69");

    const last = await records.listAuditEvents({ clientId: alice.id, page: 3 });
    expect(last.events).toHaveLength(20);
    expect(last.events.at(-1)!.subjectId).toBe("intake-0");

    expect((await records.listAuditEvents({ clientId: alice.id, page: 99 })).page).toBe(3);
    expect((await records.listAuditEvents({ clientId: alice.id, page: 0 })).page).toBe(1);
    expect((await records.listAuditEvents({ clientId: alice.id, page: Number.NaN })).page).toBe(1);

    const empty = await records.listAuditEvents({ clientId: "nobody-has-this-id" });
    expect(empty).toMatchObject({ total: 0, page: 1, pageCount: 1, events: [] });
  });

  describe("parseAuditQuery", () => {
    const tz = "America/New_York";

    test("resolves a client by email (any case) or by id", async () => {
      const byEmail = await records.parseAuditQuery({ client: ` ${bea.email.toUpperCase()} ` }, tz);
      expect(byEmail.errors).toEqual({});
      expect(byEmail.filters.clientId).toBe(bea.id);
      const byId = await records.parseAuditQuery({ client: bea.id }, tz);
      expect(byId.client).toEqual({ id: bea.id, email: bea.email });
      const goneId = await records.parseAuditQuery({ client: "deleted-account-id" }, tz);
      expect(goneId.filters.clientId).toBe("deleted-account-id");
      expect(goneId.errors).toEqual({});
    });

    test("explains an unknown email or a malformed client", async () => {
      expect((await records.parseAuditQuery({ client: "nobody@example.test" }, tz)).errors.client).toMatch(/No account uses that email/);
      expect((await records.parseAuditQuery({ client: "not an id!" }, tz)).errors.client).toMatch(/email address or account ID/);
    });

    test("reads dates as whole days in the practice time zone", async () => {
      const parsed = await records.parseAuditQuery({ from: "2031-03-12", to: "2031-03-14", action: readAction, page: "2" }, tz);
      expect(parsed.errors).toEqual({});
      expect(parsed.filters.from!.toISOString()).toBe("2031-03-12T04:00:00.000Z");
      expect(parsed.filters.to!.toISOString()).toBe("2031-03-15T03:59:59.999Z");
      expect(parsed.filters).toMatchObject({ action: readAction, page: 2 });
    });

    test("reports bad dates and reversed ranges instead of throwing", async () => {
      const bad = await records.parseAuditQuery({ from: "2031-02-30", to: "yesterday", page: "abc" }, tz);
      expect(bad.errors.from).toMatch(/real date/);
      expect(bad.errors.to).toMatch(/real date/);
      expect(bad.filters.page).toBe(1);
      const reversed = await records.parseAuditQuery({ from: "2031-03-14", to: "2031-03-12" }, tz);
      expect(reversed.errors.to).toMatch(/on or after/);
      const repeated = await records.parseAuditQuery({ action: [readAction, otherAction] }, tz);
      expect(repeated.filters.action).toBe(readAction);
    });
  });
});
