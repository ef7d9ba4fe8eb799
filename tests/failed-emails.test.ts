/**
 * Failed emails against the real PostgreSQL test database: how each kind is named, what the
 * clinician's list shows (never the payload), and retrying (only FAILED rows, a fresh round of
 * attempts, audited).
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";

const { prisma } = await import("@/lib/platform/db");
const records = await import("@/lib/email/failed");

type OutboxStatus = "PENDING" | "SENDING" | "SENT" | "FAILED" | "CANCELLED";

const NOW = new Date("2031-05-06T15:30:00.000Z");

async function outboxRow(status: OutboxStatus, overrides: { kind?: string; attempts?: number; lastError?: string | null } = {}) {
  return prisma.outboxEmail.create({
    data: {
      kind: overrides.kind ?? "booking.confirmed.client",
      messageId: `<${randomUUID()}@records.test>`,
      payloadEnc: "v1.not-a-real.payload.CANARY-PAYLOAD",
      status,
      attempts: overrides.attempts ?? 8,
      lastError: overrides.lastError === undefined ? "Email delivery failed (SMTP 550)" : overrides.lastError,
      sendAfter: new Date("2031-05-01T00:00:00.000Z"),
    },
  });
}

async function user(role: "CLIENT" | "CLINICIAN" = "CLIENT") {
  return prisma.user.create({ data: { email: `records-${randomUUID()}@example.test`, role }, select: { id: true, email: true } });
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe("emailKindLabel", () => {
  test("names known kinds and their recipient", () => {
    expect(records.emailKindLabel("booking.confirmed.client")).toBe("Booking confirmed — to client");
    expect(records.emailKindLabel("booking.cancelled.clinician")).toBe("Booking cancelled — to clinician");
    expect(records.emailKindLabel("intake.urgent.clinician")).toBe("Urgent intake — to clinician");
  });

  test("keeps unknown kinds readable", () => {
    expect(records.emailKindLabel("invoice.overdue_notice.client")).toBe("Invoice overdue notice — to client");
    expect(records.emailKindLabel("newsletter")).toBe("Newsletter");
  });
});

describe("failed emails", () => {
  test("lists FAILED rows only, with a label and the reason, and never the payload", async () => {
    const failed = await outboxRow("FAILED", { kind: "booking.rescheduled.clinician" });
    const sent = await outboxRow("SENT");
    const list = await records.listFailedEmails();
    const item = list.find((e) => e.id === failed.id);
    expect(item).toMatchObject({ label: "Booking rescheduled — to clinician", attempts: 8, lastError: "Email delivery failed (SMTP 550)" });
    expect(list.some((e) => e.id === sent.id)).toBe(false);
    expect(JSON.stringify(list)).not.toContain("CANARY-PAYLOAD");
    expect(item).not.toHaveProperty("payloadEnc");
  });

  test("retry puts a FAILED email back in the queue with a fresh round of attempts, keeping the last error", async () => {
    const row = await outboxRow("FAILED", { attempts: 8 });
    expect(await records.retryEmail(row.id, { now: NOW })).toBe(true);
    const after = await prisma.outboxEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(after).toMatchObject({ status: "PENDING", attempts: 0, lockedUntil: null, lastError: "Email delivery failed (SMTP 550)" });
    expect(after.sendAfter.toISOString()).toBe(NOW.toISOString());
    expect(after.payloadEnc).toBe(row.payloadEnc);
    expect((await records.listFailedEmails()).some((e) => e.id === row.id)).toBe(false);

    // A second click (or a second tab) changes nothing.
    expect(await records.retryEmail(row.id, { now: new Date(NOW.getTime() + 60_000) })).toBe(false);
    const again = await prisma.outboxEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(again.sendAfter.toISOString()).toBe(NOW.toISOString());
  });

  test("retry leaves every other status alone", async () => {
    for (const status of ["PENDING", "SENDING", "SENT", "CANCELLED"] as const) {
      const row = await outboxRow(status, { attempts: 3 });
      expect(await records.retryEmail(row.id, { now: NOW })).toBe(false);
      const after = await prisma.outboxEmail.findUniqueOrThrow({ where: { id: row.id } });
      expect(after).toMatchObject({ status, attempts: 3 });
      expect(after.sendAfter.toISOString()).toBe(row.sendAfter.toISOString());
    }
    expect(await records.retryEmail("does-not-exist", { now: NOW })).toBe(false);
  });

  test("a retry by the clinician is recorded in the audit trail", async () => {
    const clinician = await user("CLINICIAN");
    const row = await outboxRow("FAILED");
    expect(await records.retryEmail(row.id, { actor: { id: clinician.id, role: "CLINICIAN" }, now: NOW })).toBe(true);
    const events = await prisma.auditEvent.findMany({ where: { action: "email.retry", subjectId: row.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: clinician.id, actorRole: "CLINICIAN", subjectType: "OutboxEmail", outcome: "allowed" });

    // Nothing is recorded when nothing changed.
    await records.retryEmail(row.id, { actor: { id: clinician.id, role: "CLINICIAN" }, now: NOW });
    expect(await prisma.auditEvent.count({ where: { action: "email.retry", subjectId: row.id } })).toBe(1);
  });
});
