/**
 * What "nothing was written" means in the integration tests: a fingerprint of every table a
 * server action or route can touch, taken before and after.
 */
import { expect } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const TABLES = [
  "Booking",
  "Intake",
  "OutboxEmail",
  "Article",
  "BookingSettings",
  "PracticeSettings",
  "ClinicalSettings",
  "ClinicianCredential",
  "Session",
  "User",
  "VerificationToken",
] as const;

export type State = Record<string, string>;

export async function state(prisma: PrismaClient): Promise<State> {
  const digests = TABLES.map(
    (table) => `(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM "${table}" t) AS "${table}"`,
  );
  const [row] = await prisma.$queryRawUnsafe<Record<string, string | bigint>[]>(
    `SELECT ${digests.join(", ")},
      (SELECT count(*) FROM "AuditEvent" WHERE outcome <> 'denied') AS "audit allowed",
      (SELECT count(*) FROM "AuditEvent" WHERE outcome = 'denied') AS "audit denied"`,
  );
  return Object.fromEntries(Object.entries(row!).map(([key, value]) => [key, String(value)]));
}

/**
 * Nothing changed. With deniedAudit, the audit trail may record the refused attempt
 * (an action on an id that does not exist is logged as "denied"); nothing else may change.
 */
export async function expectUnchanged(prisma: PrismaClient, before: State, { deniedAudit = false } = {}) {
  const after = await state(prisma);
  if (deniedAudit) {
    delete before["audit denied"];
    delete after["audit denied"];
  }
  expect(after).toEqual(before);
}
