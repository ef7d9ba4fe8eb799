/**
 * The audit trail as the clinician reads it: filtered by client, action and date, a page at
 * a time. Audit events hold no content by design; the actor's and client's sign-in emails
 * are looked up so the clinician can tell who is who.
 */
import "server-only";
import { DateTime } from "luxon";
import { ISO_DATE_PATTERN, recordId } from "@/lib/platform/validation";
import { prisma } from "@/lib/platform/db";
import type { Prisma } from "@/lib/generated/prisma/client";

// ---------------------------------------------------------------------------------------
// Audit trail

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = {
  clientId?: string;
  action?: string;
  /** Inclusive bounds on the event time. */
  from?: Date;
  to?: Date;
  /** 1-based; out-of-range pages are clamped. */
  page?: number;
};

export type AuditRow = {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  clientId: string | null;
  clientEmail: string | null;
  outcome: string;
};

export type AuditPage = {
  events: AuditRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
};

export async function listAuditEvents(filters: AuditFilters): Promise<AuditPage> {
  const where: Prisma.AuditEventWhereInput = {};
  if (filters.clientId) where.clientId = filters.clientId;
  if (filters.action) where.action = filters.action;
  if (filters.from || filters.to) where.at = { ...(filters.from && { gte: filters.from }), ...(filters.to && { lte: filters.to }) };

  const total = await prisma.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const requested = Number.isSafeInteger(filters.page) ? filters.page! : 1;
  const page = Math.min(Math.max(1, requested), pageCount);
  const rows = await prisma.auditEvent.findMany({
    where,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    skip: (page - 1) * AUDIT_PAGE_SIZE,
    take: AUDIT_PAGE_SIZE,
  });

  const userIds = [...new Set(rows.flatMap((r) => [r.actorId, r.clientId]).filter((id): id is string => !!id))];
  const users = userIds.length ? await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [];
  const emailOf = new Map(users.map((u) => [u.id, u.email]));

  return {
    events: rows.map((row) => ({
      id: row.id.toString(),
      at: row.at,
      actorId: row.actorId,
      actorEmail: row.actorId ? (emailOf.get(row.actorId) ?? null) : null,
      actorRole: row.actorRole,
      action: row.action,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      clientId: row.clientId,
      clientEmail: row.clientId ? (emailOf.get(row.clientId) ?? null) : null,
      outcome: row.outcome,
    })),
    total,
    page,
    pageCount,
    pageSize: AUDIT_PAGE_SIZE,
  };
}

/** Every action recorded so far, for the filter's select. */
export async function listAuditActions(): Promise<string[]> {
  const rows = await prisma.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" }, take: 500 });
  return rows.map((r) => r.action);
}

// ---------------------------------------------------------------------------------------
// Audit filter form (query string → filters, with messages instead of errors)

export type AuditQuery = {
  client?: string | string[];
  action?: string | string[];
  from?: string | string[];
  to?: string | string[];
  page?: string | string[];
};

export type ParsedAuditQuery = {
  /** What the form should show again, as typed. */
  values: { client: string; action: string; from: string; to: string };
  filters: AuditFilters;
  /** Field → message; when any is present, no events should be listed. */
  errors: Partial<Record<"client" | "action" | "from" | "to", string>>;
  /** The client the filter resolved to, for the summary. */
  client?: { id: string; email: string | null };
};

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();
}

function parseDay(value: string, timeZone: string): DateTime | null {
  if (!ISO_DATE_PATTERN.test(value)) return null;
  const day = DateTime.fromISO(value, { zone: timeZone });
  return day.isValid ? day : null;
}

/**
 * Reads the audit filter form. Dates are whole days in the practice's time zone; the
 * client may be given by sign-in email or by account id.
 */
export async function parseAuditQuery(query: AuditQuery, timeZone: string): Promise<ParsedAuditQuery> {
  const values = {
    client: single(query.client).slice(0, 320),
    action: single(query.action).slice(0, 100),
    from: single(query.from),
    to: single(query.to),
  };
  const errors: ParsedAuditQuery["errors"] = {};
  const filters: AuditFilters = {};
  let client: ParsedAuditQuery["client"];

  const pageText = single(query.page);
  filters.page = /^\d{1,6}$/.test(pageText) ? Number(pageText) : 1;

  if (values.client) {
    if (values.client.includes("@")) {
      const user = await prisma.user.findUnique({ where: { email: values.client.toLowerCase() }, select: { id: true, email: true } });
      if (user) client = user;
      else errors.client = "No account uses that email address. Check the spelling, or enter the client's ID instead.";
    } else if (recordId.safeParse(values.client).success) {
      const user = await prisma.user.findUnique({ where: { id: values.client }, select: { id: true, email: true } });
      // An id stays filterable even when its account is gone: old events still name it.
      client = { id: values.client, email: user?.email ?? null };
    } else {
      errors.client = "Enter the client's email address or account ID.";
    }
    if (client) filters.clientId = client.id;
  }

  if (values.action) filters.action = values.action;

  if (values.from) {
    const day = parseDay(values.from, timeZone);
    if (day) filters.from = day.startOf("day").toJSDate();
    else errors.from = "Enter the “from” date as a real date, for example 2026-03-01.";
  }
  if (values.to) {
    const day = parseDay(values.to, timeZone);
    if (day) filters.to = day.endOf("day").toJSDate();
    else errors.to = "Enter the “to” date as a real date, for example 2026-03-31.";
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = "The “to” date must be on or after the “from” date.";
  }

  return { values, filters, errors, client };
}
