/**
 * Transactional email outbox. A message is enqueued in the same transaction as the change
 * it announces, so a rolled-back booking never sends mail and a committed one always does.
 * Delivery is at-least-once: a crash between the SMTP "250 OK" and marking the row SENT
 * re-sends it, with the same Message-ID so mail clients can recognise the duplicate.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { EmailDeliveryError, sendEmail, type EmailMessage } from "@/lib/email/send";
import { prisma, type Tx } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { keyRing, sealedJson } from "@/lib/platform/keys";
import { errorCode, logger } from "@/lib/platform/logger";

// Kinds are stored in plain text: a strict shape keeps an address or a name out of them.
const KIND_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;
const MAX_DELAY_MS = 60 * 60_000;

// Bound to its Message-ID: a payload copied onto another row does not decrypt.
const payload = sealedJson<EmailMessage>("OutboxEmail");

export async function enqueueEmail(
  tx: Tx,
  input: { kind: string; message: EmailMessage; bookingId?: string; sendAfter?: Date; priority?: number },
): Promise<string> {
  if (!KIND_PATTERN.test(input.kind)) throw new Error('enqueueEmail: kind must look like "booking.confirmed.client"');
  const messageId = `<${randomUUID()}@${new URL(env().SITE_URL).hostname}>`;
  const message: EmailMessage = { ...input.message, messageId };
  const row = await tx.outboxEmail.create({
    data: {
      kind: input.kind,
      messageId,
      payloadEnc: payload.seal(messageId, message),
      priority: input.priority ?? 0,
      // Set here rather than by the column default: the database default would follow the
      // session time zone, while Prisma stores every other timestamp in UTC.
      sendAfter: input.sendAfter ?? new Date(),
      bookingId: input.bookingId,
    },
    select: { id: true },
  });
  return row.id;
}

/** Withdraws emails not yet picked up (e.g. the reminder for a time that was rescheduled). */
export async function cancelPendingEmails(tx: Tx, where: { bookingId: string; kinds?: string[] }): Promise<number> {
  const { count } = await tx.outboxEmail.updateMany({
    where: { bookingId: where.bookingId, status: "PENDING", ...(where.kinds ? { kind: { in: where.kinds } } : {}) },
    data: { status: "CANCELLED" },
  });
  return count;
}

export function backoffDelayMs(attempt: number): number {
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  return Math.min(env().OUTBOX_RETRY_BASE_MS * 2 ** exponent, MAX_DELAY_MS);
}

type ClaimedRow = { id: string; messageId: string; payloadEnc: string; attempts: number; maxAttempts: number };

// One statement, so claiming is atomic: SKIP LOCKED lets concurrent workers take disjoint
// rows, and a row whose lease ran out (its sender crashed) becomes claimable again.
// Times are bound as UTC parameters rather than now(), whose value depends on the session
// time zone when compared with these `timestamp without time zone` columns.
async function claimDue(now: Date, leaseMs: number, batchSize: number): Promise<ClaimedRow[]> {
  const lockedUntil = new Date(now.getTime() + leaseMs);
  return prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "OutboxEmail"
    SET status = 'SENDING', "lockedUntil" = ${lockedUntil}::timestamp(3), attempts = attempts + 1,
        "updatedAt" = ${now}::timestamp(3)
    WHERE id IN (
      SELECT id FROM "OutboxEmail"
      WHERE (status = 'PENDING' AND "sendAfter" <= ${now}::timestamp(3))
         OR (status = 'SENDING' AND "lockedUntil" < ${now}::timestamp(3))
      ORDER BY priority DESC, "sendAfter"
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "messageId", "payloadEnc", attempts, "maxAttempts"`;
}

// Matching on attempts as well as status: if this worker's lease expired and another worker
// re-claimed the row (attempts + 1), this worker's late result must not overwrite that one.
function stillOurs(row: ClaimedRow) {
  return { id: row.id, status: "SENDING" as const, attempts: row.attempts };
}

export async function deliverDueEmails(
  options: { batchSize?: number; now?: Date; send?: (m: EmailMessage) => Promise<void>; leaseMs?: number } = {},
): Promise<{ sent: number; retried: number; failed: number }> {
  const { batchSize = 10, send = sendEmail, leaseMs = env().OUTBOX_LEASE_MS } = options;
  // Tests pass a fixed `now` to move time forward; otherwise each decision uses the real clock.
  const clock = () => options.now ?? new Date();
  const result = { sent: 0, retried: 0, failed: 0 };
  // Outside the per-row try: a misconfigured key ring must stop the run, not fail every row.
  keyRing();

  for (const row of await claimDue(clock(), leaseMs, batchSize)) {
    // The batch shares one lease, and the rows at its end wait for the sends before them: on a
    // slow SMTP server the lease of a row not yet sent can run out, and another worker take it.
    // So each row's lease starts again just before its send, and a row another worker has
    // taken meanwhile is left to that worker instead of being sent twice.
    const renewed = await prisma.outboxEmail.updateMany({
      where: stillOurs(row),
      data: { lockedUntil: new Date(clock().getTime() + leaseMs) },
    });
    if (renewed.count === 0) continue;

    let message: EmailMessage;
    try {
      message = payload.open(row.messageId, row.payloadEnc);
    } catch {
      await prisma.outboxEmail.updateMany({
        where: stillOurs(row),
        data: { status: "FAILED", lockedUntil: null, lastError: "payload could not be decrypted" },
      });
      result.failed++;
      continue;
    }

    try {
      await send({ ...message, messageId: row.messageId });
    } catch (error) {
      // Only EmailDeliveryError messages are known to be free of content.
      const lastError = error instanceof EmailDeliveryError ? error.message : "Email delivery failed (unexpected error)";
      const giveUp = row.attempts >= row.maxAttempts;
      await prisma.outboxEmail.updateMany({
        where: stillOurs(row),
        data: giveUp
          ? { status: "FAILED", lockedUntil: null, lastError }
          : {
              status: "PENDING",
              lockedUntil: null,
              lastError,
              sendAfter: new Date(clock().getTime() + backoffDelayMs(row.attempts)),
            },
      });
      if (giveUp) result.failed++;
      else result.retried++;
      continue;
    }

    await prisma.outboxEmail.updateMany({
      where: stillOurs(row),
      // Once delivered, the content (which may hold a sign-in link or a client's name and
      // appointment) has no further use here: keep only the fact that it was sent.
      data: { status: "SENT", sentAt: clock(), lockedUntil: null, lastError: null, payloadEnc: "" },
    });
    result.sent++;
  }
  return result;
}

// The running worker of this process, if any, so that code which has just queued an
// urgent email (a sign-in link) can have it sent now rather than at the next poll. On
// globalThis: Next bundles instrumentation and routes separately, each with its own copy
// of this module.
const globalForWorker = globalThis as unknown as { havenOutboxNudge?: () => void };

/** Asks this process's worker for a run now; a no-op where none runs (OUTBOX_WORKER=off). */
export function nudgeOutboxWorker(): void {
  globalForWorker.havenOutboxNudge?.();
}

/**
 * Polls the outbox; runs never overlap, and stop() waits for the batch in progress. A run
 * that fails (the database is down, say) is logged and the next one is scheduled as usual,
 * so the worker resumes by itself once the database is back.
 */
export function startOutboxWorker(options: { intervalMs?: number } = {}): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? env().OUTBOX_POLL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inRun = false;
  let again = false;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const { sent, retried, failed } = await deliverDueEmails();
      // Counts only: which emails (by id) and why is on the dashboard's failed-email page.
      if (failed > 0) logger.error({ event: "outbox.failed", sent, retried, failed }, "outbox: emails given up after the last attempt");
      else if (retried > 0) logger.warn({ event: "outbox.retry", sent, retried }, "outbox: emails will be retried");
    } catch (error) {
      // The error itself may quote SQL parameters; its code is enough to investigate.
      logger.error({ event: "outbox.run.failed", errorCode: errorCode(error) }, "outbox: delivery run failed");
    }
  };

  const run = () => {
    clearTimeout(timer);
    inRun = true;
    running = tick().finally(() => {
      inRun = false;
      if (again) {
        again = false;
        if (!stopped) return run();
      }
      schedule();
    });
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(run, intervalMs);
  };

  const nudge = () => {
    if (stopped) return;
    // A nudge during a run asks for one more run right after it: the run in progress may
    // have claimed its batch before the new email was committed.
    if (inRun) again = true;
    else run();
  };
  globalForWorker.havenOutboxNudge = nudge;

  run();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      if (globalForWorker.havenOutboxNudge === nudge) delete globalForWorker.havenOutboxNudge;
      await running;
    },
  };
}
