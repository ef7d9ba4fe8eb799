/**
 * Risk events: every answer to a self-harm question (the risk items of scoring.ts), kept as
 * it was given so that changing it back, closing the tab or losing signal leaves a trace.
 *
 * What is recorded: a positive answer, and every later change of that item (so the history
 * reads "'Several days' at 2:02 PM, changed to 'Not at all' at 2:02 PM"). A "Not at all" with
 * nothing positive before it is not an event. An answer equal to the item's latest recorded
 * one is not recorded again, and an answer the browser already sent (same key) is recorded
 * once however often it is retried.
 *
 * Who writes: the intake's answer endpoint (the moment she answers, and again as the page
 * closes), every draft save and the submit. A repeated check-in (issue 13) records through
 * `recordRiskChanges` too, with its own subject column beside `intakeId`; the urgent flag
 * (urgency.ts) and the wording of the history (risk-history.ts) are shared the same way.
 *
 * The answer is encrypted, bound to its row; which item and when are plain (the urgent flag
 * already says as much). Reading the history is the clinician's only, and audited.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit, type AuditActor } from "@/lib/audit/record";
import type { InstrumentId } from "@/lib/intake/instruments";
import type { RiskHistoryEntry } from "@/lib/intake/risk-history";
import { isPositiveRiskAnswer, isRiskItem } from "@/lib/intake/scoring";
import { riskEventFields } from "@/lib/intake/sealed";
import { prisma, type Tx } from "@/lib/platform/db";
import { errorCode, logger } from "@/lib/platform/logger";

export type RiskSource = "answer" | "page-hide" | "draft" | "submit";

export type RiskAnswer = {
  measure: InstrumentId;
  item: number;
  answer: number;
  /** When she chose it, by her browser's clock; the server's time when not given. */
  answeredAt?: Date;
  /** The browser's id for this answer, for retries. */
  key?: string;
};

/** Whose answers: the intake's, or one repeated check-in's (lib/checkins). */
export type RiskSubject = { clientId: string; intakeId: string } | { clientId: string; checkInId: string };

const subjectWhere = (subject: RiskSubject) => ("intakeId" in subject ? { intakeId: subject.intakeId } : { checkInId: subject.checkInId });

/** A runaway or hostile page cannot grow the table without bound: far more changes than any person makes. */
export const MAX_RISK_EVENTS = 500;
/** A queued answer may be resent when she comes back days later; older claims, or future ones, get the server's time. */
const ANSWERED_AT_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

function trustedAnsweredAt(claimed: Date | undefined, now: Date): Date {
  if (!claimed || Number.isNaN(claimed.getTime())) return now;
  const age = now.getTime() - claimed.getTime();
  return age < 0 || age > ANSWERED_AT_WINDOW_MS ? now : claimed;
}

const itemKey = (measure: string, item: number) => `${measure}:${item}`;

export type RiskChanges = {
  /** Events written. */
  recorded: number;
  /** A positive answer was written. */
  positive: boolean;
  /** A positive answer was written for an item whose previous recorded answer was not positive (or that had none). */
  newlyPositive: boolean;
};

/**
 * Records what changed, in the caller's transaction (which must hold the subject's row lock,
 * so two requests cannot both decide they are first). Answers are taken in the order she gave
 * them; items that are not risk items, and EPDS answers while the EPDS is off, are ignored.
 */
export async function recordRiskChanges(
  tx: Tx,
  subject: RiskSubject,
  answers: readonly RiskAnswer[],
  { source, now, epdsEnabled }: { source: RiskSource; now: Date; epdsEnabled: boolean },
): Promise<RiskChanges> {
  const result: RiskChanges = { recorded: 0, positive: false, newlyPositive: false };
  const wanted = answers.filter((a) => isRiskItem(a.measure, a.item) && (a.measure !== "epds" || epdsEnabled));
  if (wanted.length === 0) return result;

  const existing = await tx.riskEvent.findMany({
    where: subjectWhere(subject),
    orderBy: [{ receivedAt: "asc" }, { answeredAt: "asc" }],
    select: { id: true, measure: true, item: true, answerEnc: true, clientKey: true },
  });
  const latest = new Map<string, number | null>();
  const keys = new Set<string>();
  for (const row of existing) {
    if (row.clientKey) keys.add(row.clientKey);
    latest.set(itemKey(row.measure, row.item), openAnswer(row));
  }

  let count = existing.length;
  const ordered = wanted.map((a) => ({ ...a, at: trustedAnsweredAt(a.answeredAt, now) })).sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const answer of ordered) {
    if (answer.key && keys.has(answer.key)) continue;
    const k = itemKey(answer.measure, answer.item);
    const previous = latest.has(k) ? latest.get(k)! : undefined;
    if (previous === answer.answer) continue;
    const positive = isPositiveRiskAnswer(answer.measure, answer.item, answer.answer);
    if (!positive && previous === undefined) continue;
    if (count >= MAX_RISK_EVENTS) {
      logger.warn({ event: "intake.risk.cap", ...subjectWhere(subject), source }, "risk events cap reached; change not recorded");
      break;
    }
    const id = randomUUID();
    await tx.riskEvent.create({
      data: {
        id,
        clientId: subject.clientId,
        ...subjectWhere(subject),
        measure: answer.measure,
        item: answer.item,
        answerEnc: riskEventFields.answer.seal(id, { answer: answer.answer }),
        answeredAt: answer.at,
        receivedAt: now,
        source,
        clientKey: answer.key ?? null,
      },
    });
    count += 1;
    result.recorded += 1;
    if (answer.key) keys.add(answer.key);
    latest.set(k, answer.answer);
    if (positive) {
      result.positive = true;
      if (previous === undefined || previous === null || !isPositiveRiskAnswer(answer.measure, answer.item, previous)) {
        result.newlyPositive = true;
      }
    }
  }
  return result;
}

/** A stored answer, or null for one that cannot be read (logged; never stops the rest). */
function openAnswer(row: { id: string; answerEnc: string }): number | null {
  try {
    const { answer } = riskEventFields.answer.open(row.id, row.answerEnc);
    return Number.isInteger(answer) && answer >= 0 && answer <= 3 ? answer : null;
  } catch (error) {
    logger.error(
      { event: "intake.risk.unreadable", riskEventId: row.id, errorCode: errorCode(error) },
      "a risk event could not be decrypted",
    );
    return null;
  }
}

/**
 * The risk history of one intake for the clinician, oldest first; null for anyone else.
 * Audited either way, as every read of clinical data is.
 */
export async function readRiskHistory(intakeId: string, actor: AuditActor): Promise<RiskHistoryEntry[] | null> {
  const intake = await prisma.intake.findUnique({ where: { id: intakeId }, select: { clientId: true } });
  const allowed = actor?.role === "CLINICIAN" && intake !== null;
  await recordAudit({
    actor,
    action: "intake.risk.read",
    subjectType: "Intake",
    subjectId: intakeId,
    clientId: intake?.clientId ?? null,
    outcome: allowed ? "allowed" : "denied",
  });
  if (!allowed) return null;
  const rows = await prisma.riskEvent.findMany({
    where: { intakeId },
    orderBy: [{ answeredAt: "asc" }, { receivedAt: "asc" }],
    select: { id: true, measure: true, item: true, answerEnc: true, answeredAt: true, receivedAt: true, source: true },
  });
  return rows
    .filter((row) => isRiskItem(row.measure, row.item))
    .map((row) => ({
      measure: row.measure as InstrumentId,
      item: row.item,
      answer: openAnswer(row),
      answeredAt: row.answeredAt,
      receivedAt: row.receivedAt,
    }));
}
