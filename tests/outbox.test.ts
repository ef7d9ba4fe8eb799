/**
 * The email outbox against the real test database and a real SMTP server (the mail catcher).
 * Modules that read the environment are imported only after SMTP_URL points at a free port,
 * so each test can decide whether anything is listening there.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "./support/smtp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";

type Outbox = typeof import("@/lib/email/outbox");
type Send = typeof import("@/lib/email/send");
type Templates = typeof import("@/lib/booking/emails") & typeof import("@/lib/intake/emails") & typeof import("@/lib/auth/emails");
type EmailMessage = import("@/lib/email/send").EmailMessage;

let outbox: Outbox;
let send: Send;
let templates: Templates;
let prisma: (typeof import("@/lib/platform/db"))["prisma"];
let readMailbox: (typeof import("@/lib/email/dev-mailbox"))["readMailbox"];
let startMailCatcher: (typeof import("../scripts/mail-catcher"))["startMailCatcher"];
let encryptJson: (typeof import("@/lib/platform/crypto"))["encryptJson"];
let keyRing: (typeof import("@/lib/platform/keys"))["keyRing"];

let port: number;
let mailDir: string;
let catcher: { stop(): Promise<void> } | undefined;

// Strings that identify a client: none may reach a clinician email or a plain column.
const CANARY = {
  email: "canary.client.7f31@example.org",
  firstName: "Canaryanne",
  phone: "+1 555 0100 7731",
  note: "CANARY-NOTE postpartum panic",
  subject: "CANARY-SUBJECT-4412",
  body: "CANARY-BODY-9903",
};

function clientMessage(overrides: Partial<EmailMessage> = {}): EmailMessage {
  return {
    to: CANARY.email,
    subject: `Hello ${CANARY.subject}`,
    text: `Text ${CANARY.body}`,
    html: `<p>Html ${CANARY.body}</p>`,
    ...overrides,
  };
}

async function startSmtp() {
  catcher = await startMailCatcher({ port, dir: mailDir });
}

async function stopSmtp() {
  await catcher?.stop();
  catcher = undefined;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("waitFor: condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function enqueue(message = clientMessage(), extra: { bookingId?: string; kind?: string } = {}) {
  return prisma.$transaction((tx) => outbox.enqueueEmail(tx, { kind: extra.kind ?? "test.client", message, bookingId: extra.bookingId }));
}

const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  port = await freePort();
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.SITE_URL = "https://haven.test";
  process.env.MAIL_FROM = "Haven Practice <hello@haven.test>";
  outbox = await import("@/lib/email/outbox");
  send = await import("@/lib/email/send");
  templates = {
    ...(await import("@/lib/booking/emails")),
    ...(await import("@/lib/intake/emails")),
    ...(await import("@/lib/auth/emails")),
  };
  ({ prisma } = await import("@/lib/platform/db"));
  ({ readMailbox } = await import("@/lib/email/dev-mailbox"));
  ({ startMailCatcher } = await import("../scripts/mail-catcher"));
  ({ encryptJson } = await import("@/lib/platform/crypto"));
  ({ keyRing } = await import("@/lib/platform/keys"));
});

beforeEach(async () => {
  mailDir = await mkdtemp(path.join(os.tmpdir(), "haven-outbox-"));
  await prisma.outboxEmail.deleteMany();
});

afterEach(async () => {
  await stopSmtp();
  await rm(mailDir, { recursive: true, force: true });
});

afterAll(async () => {
  await prisma.outboxEmail.deleteMany();
  await prisma.$disconnect();
});

describe("enqueueEmail", () => {
  test("a rolled-back transaction queues nothing", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await outbox.enqueueEmail(tx, { kind: "test.client", message: clientMessage() });
        throw new Error("the booking failed");
      }),
    ).rejects.toThrow("the booking failed");
    expect(await prisma.outboxEmail.count()).toBe(0);
  });

  test("stores the whole message encrypted: no column holds the recipient, subject or body", async () => {
    const id = await enqueue();
    const rows = await prisma.$queryRaw<{ json: string }[]>`SELECT row_to_json(o)::text AS json FROM "OutboxEmail" o`;
    expect(rows).toHaveLength(1);
    for (const canary of [CANARY.email, CANARY.subject, CANARY.body]) expect(rows[0]!.json).not.toContain(canary);
    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.payloadEnc).toMatch(/^v1\./);
    expect(row.messageId).toMatch(/^<[0-9a-f-]{36}@haven\.test>$/);
  });

  test("rejects a kind that could carry personal data", async () => {
    await expect(prisma.$transaction((tx) => outbox.enqueueEmail(tx, { kind: CANARY.email, message: clientMessage() }))).rejects.toThrow(
      /kind/,
    );
  });
});

describe("backoffDelayMs", () => {
  test("doubles from 30 seconds and stops at one hour", () => {
    expect([1, 2, 3, 4, 7].map(outbox.backoffDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 1_920_000]);
    expect(outbox.backoffDelayMs(8)).toBe(3_600_000);
    expect(outbox.backoffDelayMs(50)).toBe(3_600_000);
    expect(outbox.backoffDelayMs(2000)).toBe(3_600_000);
  });
});

describe("deliverDueEmails", () => {
  test("retries with backoff while SMTP is down, then delivers exactly once", async () => {
    const id = await enqueue();
    const t0 = new Date();

    expect(await outbox.deliverDueEmails({ now: t0 })).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1, lockedUntil: null });
    expect(waiting.sendAfter.getTime()).toBe(t0.getTime() + 30_000);
    expect(waiting.lastError).toMatch(/^Email delivery failed/);
    expect(waiting.lastError).not.toContain(CANARY.email);
    expect(waiting.lastError).not.toContain(CANARY.subject);

    await startSmtp();
    // Not due yet: the backoff holds it back even though the server is up again.
    expect(await outbox.deliverDueEmails({ now: new Date(t0.getTime() + 10_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await outbox.deliverDueEmails({ now: new Date(t0.getTime() + 31_000) })).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await outbox.deliverDueEmails({ now: new Date(t0.getTime() + minutes(120)) })).toEqual({ sent: 0, retried: 0, failed: 0 });

    const sent = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(sent).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    expect(sent.sentAt).not.toBeNull();
    // Delivered content is erased from the database; only the record of sending remains.
    expect(sent.payloadEnc).toBe("");
    const mailbox = await readMailbox(mailDir);
    expect(mailbox).toHaveLength(1);
    expect(mailbox[0]!.headers["message-id"]).toBe(sent.messageId);
    expect(mailbox[0]!.subject).toBe(`Hello ${CANARY.subject}`);
    expect(mailbox[0]!.to).toBe(CANARY.email);
  });

  test("two concurrent runs send each email exactly once", async () => {
    const ids = await Promise.all(Array.from({ length: 6 }, () => enqueue()));
    await startSmtp();
    // Claims take a millisecond, so two runs would rarely overlap on their own: a test-only
    // trigger slows each claimed row down to keep the first run's locks held while the second runs.
    await prisma.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION test_slow_claim() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.05); RETURN NEW; END $$`,
    );
    await prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_slow_claim BEFORE UPDATE ON "OutboxEmail" FOR EACH ROW WHEN (NEW.status = 'SENDING') EXECUTE FUNCTION test_slow_claim()`,
    );
    try {
      const results = await Promise.all([outbox.deliverDueEmails({ batchSize: 4 }), outbox.deliverDueEmails({ batchSize: 4 })]);
      expect(results[0].sent + results[1].sent).toBe(6);
    } finally {
      await prisma.$executeRawUnsafe(`DROP TRIGGER test_slow_claim ON "OutboxEmail"`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION test_slow_claim()`);
    }

    const mailbox = await readMailbox(mailDir);
    expect(mailbox).toHaveLength(6);
    const rows = await prisma.outboxEmail.findMany({ where: { id: { in: ids } } });
    expect(new Set(mailbox.map((mail) => mail.headers["message-id"]))).toEqual(new Set(rows.map((row) => row.messageId)));
    expect(rows.every((row) => row.status === "SENT" && row.attempts === 1)).toBe(true);
  });

  test("after maxAttempts the row is FAILED and kept", async () => {
    const id = await enqueue();
    await prisma.outboxEmail.update({ where: { id }, data: { maxAttempts: 2 } });
    const rejected = async () => {
      throw new send.EmailDeliveryError("Email delivery failed (SMTP 550)", { responseCode: 550 });
    };
    const t0 = new Date();

    expect(await outbox.deliverDueEmails({ now: t0, send: rejected })).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await outbox.deliverDueEmails({ now: new Date(t0.getTime() + minutes(1)), send: rejected })).toEqual({
      sent: 0,
      retried: 0,
      failed: 1,
    });
    expect(await outbox.deliverDueEmails({ now: new Date(t0.getTime() + minutes(600)), send: rejected })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "FAILED",
      attempts: 2,
      lastError: "Email delivery failed (SMTP 550)",
    });
  });

  test("an unexpected error's message (which may quote content) is not stored", async () => {
    const id = await enqueue();
    await outbox.deliverDueEmails({
      send: async (message) => {
        throw new Error(`template broke on ${message.subject}`);
      },
    });
    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("PENDING");
    expect(row.lastError).not.toContain(CANARY.subject);
  });

  test("a row still waiting in a slow batch is neither taken by another worker nor sent twice", async () => {
    const ids = [await enqueue(), await enqueue(), await enqueue()];
    await startSmtp();
    // Each send takes 250 ms, well inside its 400 ms lease, but the batch of three takes 750 ms:
    // a second worker looking for work at 450 ms must not send what the first is about to send.
    const leaseMs = 400;
    const slowly = async (message: Parameters<typeof send.sendEmail>[0]) => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await send.sendEmail(message);
    };
    const first = outbox.deliverDueEmails({ leaseMs, send: slowly });
    await new Promise((resolve) => setTimeout(resolve, 450));
    const second = await outbox.deliverDueEmails({ leaseMs, send: slowly });
    expect((await first).sent + second.sent).toBe(3);

    const mailbox = await readMailbox(mailDir);
    const rows = await prisma.outboxEmail.findMany({ where: { id: { in: ids } } });
    expect(mailbox).toHaveLength(3);
    expect(new Set(mailbox.map((mail) => mail.headers["message-id"]))).toEqual(new Set(rows.map((row) => row.messageId)));
    expect(rows.every((row) => row.status === "SENT")).toBe(true);
  });

  test("a SENDING row whose lease expired is re-sent with the same Message-ID; the stale worker cannot overwrite", async () => {
    const id = await enqueue();
    await startSmtp();
    const gate = () => {
      let open!: () => void;
      const closed = new Promise<void>((resolve) => (open = resolve));
      return { open, closed };
    };
    const staleGate = gate();
    const freshGate = gate();
    const mailCount = async () => (await readMailbox(mailDir)).length;

    // The first worker delivers, then hangs (as if the process froze) past its lease.
    const stale = outbox.deliverDueEmails({
      leaseMs: minutes(1),
      send: async (message) => {
        await send.sendEmail(message);
        await staleGate.closed;
        throw new send.EmailDeliveryError("Email delivery failed (late)");
      },
    });
    await waitFor(async () => (await mailCount()) === 1);
    expect(await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENDING", attempts: 1 });

    // Before the lease ends nobody else may take it.
    expect(await outbox.deliverDueEmails({ now: new Date(Date.now() + 30_000) })).toEqual({ sent: 0, retried: 0, failed: 0 });

    // After it, another worker does; the stale one wakes up while that send is in flight
    // and its late failure must not turn the row back to PENDING.
    const fresh = outbox.deliverDueEmails({
      now: new Date(Date.now() + minutes(2)),
      send: async (message) => {
        await send.sendEmail(message);
        await freshGate.closed;
      },
    });
    await waitFor(async () => (await mailCount()) === 2);
    staleGate.open();
    await stale;
    expect(await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENDING", attempts: 2 });
    freshGate.open();
    expect(await fresh).toEqual({ sent: 1, retried: 0, failed: 0 });

    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
    const mailbox = await readMailbox(mailDir);
    expect(mailbox).toHaveLength(2);
    expect(mailbox.map((mail) => mail.headers["message-id"])).toEqual([row.messageId, row.messageId]);
  });

  test("a payload that cannot be decrypted fails without being sent", async () => {
    const id = await enqueue();
    // Valid ciphertext, but bound to another row: moving payloads between rows must not work.
    const foreign = encryptJson(keyRing(), clientMessage(), "OutboxEmail:<other@haven.test>");
    await prisma.outboxEmail.update({ where: { id }, data: { payloadEnc: foreign } });
    let calls = 0;
    const result = await outbox.deliverDueEmails({
      send: async () => {
        calls++;
      },
    });
    expect(result).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(calls).toBe(0);
    expect(await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "FAILED",
      lastError: "payload could not be decrypted",
    });
  });

  test("higher priority goes first", async () => {
    await enqueue(clientMessage({ subject: "normal" }));
    await prisma.$transaction((tx) =>
      outbox.enqueueEmail(tx, { kind: "test.urgent", message: clientMessage({ subject: "urgent" }), priority: 10 }),
    );
    const order: string[] = [];
    await outbox.deliverDueEmails({ batchSize: 1, send: async (m) => void order.push(m.subject) });
    expect(order).toEqual(["urgent"]);
  });
});

describe("startOutboxWorker", () => {
  test("delivers in the background and stops cleanly", async () => {
    await startSmtp();
    const worker = outbox.startOutboxWorker({ intervalMs: 50 });
    try {
      const id = await enqueue();
      await waitFor(async () => (await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).status === "SENT");
    } finally {
      await worker.stop();
    }
    const id = await enqueue();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    expect(await readMailbox(mailDir)).toHaveLength(1);
  });

  test("a nudge sends at once instead of waiting for the next poll", async () => {
    await startSmtp();
    // Sent by the run at start; after it, only a nudge can send within the hour.
    const first = await enqueue();
    const worker = outbox.startOutboxWorker({ intervalMs: 60 * 60_000 });
    try {
      await waitFor(async () => (await prisma.outboxEmail.findUniqueOrThrow({ where: { id: first } })).status === "SENT");
      const second = await enqueue();
      outbox.nudgeOutboxWorker();
      await waitFor(async () => (await prisma.outboxEmail.findUniqueOrThrow({ where: { id: second } })).status === "SENT");
    } finally {
      await worker.stop();
    }
    // Once stopped, a nudge does nothing.
    const id = await enqueue();
    outbox.nudgeOutboxWorker();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });
});

describe("cancelPendingEmails", () => {
  test("cancels only pending emails of the booking and kinds given", async () => {
    const start = new Date(Date.UTC(2099, 0, 1, 15, Math.floor(Math.random() * 500)));
    const booking = await prisma.booking.create({
      data: {
        icsUid: `test-${Math.random()}@haven.test`,
        status: "CONFIRMED",
        startsAt: start,
        endsAt: new Date(start.getTime() + minutes(20)),
        blockedUntil: new Date(start.getTime() + minutes(30)),
        email: "someone@example.org",
        firstNameEnc: "x",
        contactMethod: "EMAIL",
        consentAt: new Date(),
        clientTimeZone: "America/New_York",
      },
    });
    try {
      const reminder = await enqueue(clientMessage(), { bookingId: booking.id, kind: "booking.reminder.client" });
      const confirmation = await enqueue(clientMessage(), { bookingId: booking.id, kind: "booking.confirmed.client" });
      const other = await enqueue(clientMessage(), { kind: "booking.reminder.client" });

      const count = await prisma.$transaction((tx) =>
        outbox.cancelPendingEmails(tx, { bookingId: booking.id, kinds: ["booking.reminder.client"] }),
      );
      expect(count).toBe(1);
      const status = async (id: string) => (await prisma.outboxEmail.findUniqueOrThrow({ where: { id } })).status;
      expect(await status(reminder)).toBe("CANCELLED");
      expect(await status(confirmation)).toBe("PENDING");
      expect(await status(other)).toBe("PENDING");
    } finally {
      await prisma.outboxEmail.deleteMany({ where: { bookingId: booking.id } });
      await prisma.booking.delete({ where: { id: booking.id } });
    }
  });
});

describe("templates", () => {
  const booking = {
    icsUid: "booking-abc123@haven.test",
    icsSequence: 2,
    startsAt: new Date("2026-12-01T14:00:00Z"),
    endsAt: new Date("2026-12-01T14:20:00Z"),
  };
  const when = "Tuesday, December 1, 2026, 9:00 AM EST (20 minutes)";
  const phone = { line: "By phone: you call the client (the number is in the dashboard).", location: "Phone call" };
  const clientHow = { line: "Dr Test will call you at +1 555 010 4242.", location: "Phone call to +1 555 010 4242" };

  test("the clinician notice holds only the time and the dashboard link", () => {
    const ics = templates.icsForClinician(booking, "REQUEST", phone, "https://haven.test/dashboard/bookings");
    const notice = templates.clinicianBookingNotice({
      to: "clinician@haven.test",
      event: "booked",
      how: phone,
      start: booking.startsAt,
      end: booking.endsAt,
      timeZone: "America/New_York",
      dashboardUrl: "https://haven.test/dashboard/bookings",
      ics,
    });

    expect(notice.subject).toBe("A consultation was booked");
    expect(notice.text).toBe(
      [
        "Booked for:",
        when,
        phone.line,
        "Open the dashboard: https://haven.test/dashboard/bookings",
        "--",
        "Details are shown only in the dashboard, after you sign in.",
      ].join("\n\n"),
    );
    expect(notice.icalEvent?.method).toBe("REQUEST");
    expect(ics).not.toMatch(/ATTENDEE/);
    expect(ics).toContain("LOCATION:Phone call\r\n");
    expect(ics).toContain("SUMMARY:Consultation\r\n");
    expect(ics).toMatch(/ORGANIZER;CN="?Haven Practice"?:mailto:hello@haven\.test/i);
    expect(ics).toContain("SEQUENCE:2");

    const serialised = JSON.stringify(notice);
    for (const canary of Object.values(CANARY)) expect(serialised).not.toContain(canary);
  });

  test("the client invitation does name the client, which is why the clinician copy is separate", () => {
    const ics = templates.icsForClient(booking, "REQUEST", {
      email: CANARY.email,
      firstName: CANARY.firstName,
      practiceName: "Haven",
      portalUrl: "https://haven.test/portal",
      showPractice: false,
      how: clientHow,
    });
    const email = templates.bookingConfirmedEmail({
      to: CANARY.email,
      firstName: CANARY.firstName,
      start: booking.startsAt,
      end: booking.endsAt,
      timeZone: "America/New_York",
      practiceName: "Haven",
      portalUrl: "https://haven.test/portal",
      how: clientHow,
      ics,
    });
    expect(ics).toContain(CANARY.email);
    // Discreet by default: nothing on a shared calendar names the practice.
    expect(ics).toContain("SUMMARY:Appointment\r\n");
    expect(ics).not.toMatch(/Haven Practice|SUMMARY:.*Haven/);
    expect(email.text).toContain(clientHow.line);
    expect(email.text).toContain(CANARY.firstName);
    expect(email.text).toContain(when);
    expect(email.text).toContain("988");
    expect(email.icalEvent?.method).toBe("REQUEST");

    const cancelled = templates.bookingCancelledEmail({
      ...{ to: CANARY.email, firstName: CANARY.firstName, start: booking.startsAt, end: booking.endsAt },
      ...{ timeZone: "America/New_York", practiceName: "Haven", portalUrl: "https://haven.test/portal", how: clientHow },
      ics: templates.icsForClient({ ...booking, icsSequence: 3 }, "CANCEL", {
        email: CANARY.email,
        practiceName: "Haven",
        portalUrl: "https://haven.test/portal",
        showPractice: false,
        how: clientHow,
      }),
    });
    expect(cancelled.icalEvent?.method).toBe("CANCEL");
    expect(cancelled.icalEvent?.content).toContain("METHOD:CANCEL");
  });

  test("interpolated values are HTML-escaped", () => {
    const email = templates.signInLinkEmail({
      to: "a@example.org",
      url: "https://haven.test/api/auth/callback?token=a&b=<c>",
      practiceName: "Haven <b>&</b>",
    });
    expect(email.html).not.toContain("<b>");
    expect(email.html).toContain("Haven &lt;b&gt;&amp;&lt;/b&gt;");
    expect(email.html).toContain("token=a&amp;b=%3Cc%3E");
    expect(email.text).toContain("10 minutes");
    expect(() => templates.signInLinkEmail({ to: "a@example.org", url: "javascript:alert(1)", practiceName: "x" })).toThrow();
  });

  test("the urgent intake notice is high priority and has no details", async () => {
    const notice = templates.clinicianUrgentIntakeNotice({ to: "clinician@haven.test", dashboardUrl: "https://haven.test/dashboard" });
    expect(notice).toMatchObject({ subject: "An intake needs your prompt review", priority: "high" });

    await startSmtp();
    await send.sendEmail({ ...notice, messageId: "<urgent-1@haven.test>" });
    const [mail] = await readMailbox(mailDir);
    expect(mail!.headers["x-priority"]).toMatch(/^1/);
    expect(mail!.headers["importance"]).toMatch(/high/i);
    expect(mail!.headers["message-id"]).toBe("<urgent-1@haven.test>");
  });

  test("calendar invitations arrive as a text/calendar part with the method", async () => {
    await startSmtp();
    const ics = templates.icsForClinician(booking, "CANCEL", phone, "https://haven.test/dashboard");
    await send.sendEmail(
      templates.clinicianBookingNotice({
        to: "clinician@haven.test",
        event: "cancelled",
        how: phone,
        start: booking.startsAt,
        end: booking.endsAt,
        timeZone: "America/New_York",
        dashboardUrl: "https://haven.test/dashboard",
        ics,
      }),
    );
    const [mail] = await readMailbox(mailDir);
    const calendar = mail!.attachments.find((part) => part.contentType === "text/calendar");
    expect(calendar?.content).toContain("METHOD:CANCEL");
    expect(mail!.subject).toBe("A consultation was cancelled");
  });
});
