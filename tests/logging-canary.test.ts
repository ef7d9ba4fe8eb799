/**
 * Logs must hold no clinical data and no secrets. The main flows run here with canary strings
 * (a client's name, phone, note and email; intake answers including a self-harm answer; a
 * clinician's password and code) against the real test database and a real SMTP server, taken
 * down once so the outbox's retry and failure paths log. Everything the logger writes, and
 * anything written to the console or to stdout/stderr, is captured and searched for them.
 */
import { afterAll, beforeAll, expect, test, vi } from "vitest";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { smtpSink } from "./support/smtp";

const sink = await smtpSink();
process.env.SMTP_URL = sink.url;
process.env.CLINICIAN_NOTIFY_EMAIL = "clinician@practice.test";

const { setLogDestination } = await import("@/lib/platform/logger");
const { prisma } = await import("@/lib/platform/db");
const booking = await import("@/lib/booking/service");
const intake = await import("@/lib/intake/service");
const { startOutboxWorker, deliverDueEmails } = await import("@/lib/email/outbox");
const { readMailbox } = await import("@/lib/email/dev-mailbox");
const clinician = await import("@/lib/auth/clinician");
const { currentTotp } = await import("@/lib/auth/totp");
const { authOptions } = await import("@/lib/auth/options");
const { seed } = await import("../prisma/seed");

type DraftAnswers = import("@/lib/intake/schema").DraftAnswers;

// The booking calendar runs in 2030 (see tests/booking.test.ts); the outbox uses the real clock.
const NOW = new Date("2030-01-07T12:00:00Z");
const FIRST_SLOT = "2030-01-08T14:00:00.000Z";
const CLINICIAN_EMAIL = "clinician@practice.test";
const REAL_PASSWORD = "Canarykey real passphrase for the clinician 8841";
const REQUEST_ID = "logtest-req-0001";

const CANARY = {
  clientEmail: "canary.logs.5521@example.org",
  firstName: "Canarylogfirst",
  bookingPhone: "+1 555 010 6631",
  bookingNote: "CANARYLOGNOTE waking at 3am with dread",
  legalName: "Canarylogal Pemberthwaite",
  preferredName: "Canarylogpref",
  intakePhone: "(555) 019-7321",
  emergencyName: "Canarylogemerg Thistlewood",
  emergencyPhone: "+1 555 010 8817",
  birthExperience: "CANARYLOGBIRTH forceps delivery",
  whatBrings: "CANARYLOGBRINGS scary thoughts about the baby",
  goals: "CANARYLOGGOALS feel like myself",
  diagnoses: "CANARYLOGDIAG postpartum depression",
  medications: "CANARYLOGMEDS zuranolone",
  traumaDetails: "CANARYLOGTRAUMA details",
  password: "CANARYLOGPASSWORD wrong horse battery 7712",
  realPassword: REAL_PASSWORD,
  code: "CANARYCODE77",
  ip: "203.0.113.77",
};

// ---- capture -------------------------------------------------------------------------------

const logLines: string[] = [];
const consoleOutput: string[] = [];
const spies: { mockRestore(): void }[] = [];

function captureConsole() {
  for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    spies.push(vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleOutput.push(args.map(String).join(" "))));
  }
  for (const stream of [process.stdout, process.stderr]) {
    spies.push(
      vi.spyOn(stream, "write").mockImplementation((chunk: unknown) => {
        consoleOutput.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
        return true;
      }),
    );
  }
}

const events = () => logLines.map((line) => (JSON.parse(line) as { event?: string }).event);

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waitFor: ${what} did not happen in time`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs the real outbox worker (as instrumentation.ts does) until it has logged `event`. */
async function runWorkerUntil(event: string) {
  const worker = startOutboxWorker({ intervalMs: 50 });
  try {
    await waitFor(() => events().includes(event), `the worker logging ${event}`);
  } finally {
    await worker.stop();
  }
}

// ---- flows ---------------------------------------------------------------------------------

function intakeDraft(): Required<DraftAnswers> {
  return {
    "about-you": {
      legalName: CANARY.legalName,
      preferredName: CANARY.preferredName,
      pronouns: "she/her",
      dateOfBirth: "1991-03-09",
      phone: CANARY.intakePhone,
      state: "Virginia",
      emergencyName: CANARY.emergencyName,
      emergencyRelationship: "Partner",
      emergencyPhone: CANARY.emergencyPhone,
    },
    "pregnancy-and-postpartum": {
      situation: "postpartum",
      babyBirthDate: "2029-10-20",
      birthExperience: CANARY.birthExperience,
      feeding: null,
    },
    "what-brings-you": { concerns: ["intrusive-thoughts", "anxiety"], whatBrings: CANARY.whatBrings, goals: CANARY.goals },
    history: { diagnoses: CANARY.diagnoses, medications: CANARY.medications, trauma: "yes", traumaDetails: CANARY.traumaDetails },
    // PHQ-9 item 9 (thoughts of self-harm) above "not at all": the urgent path.
    screening: { phq9: [1, 2, 2, 1, 1, 2, 1, 1, 2], phq9Difficulty: 2, gad7: [2, 2, 1, 1, 0, 1, 2] },
    consent: {
      consentTherapy: true,
      consentTelehealth: true,
      privacyNotice: true,
      voicemailOk: false,
      emailOk: true,
      signature: CANARY.legalName,
    },
  };
}

type Authorize = CredentialsConfig["authorize"];

function clinicianAuthorize(): Authorize {
  // next-auth merges the provider's options (id "clinician", our authorize) in at request time.
  const providers = authOptions().providers as unknown as { options?: { id?: string; authorize?: Authorize } }[];
  const authorize = providers.find((p) => p.options?.id === "clinician")?.options?.authorize;
  if (!authorize) throw new Error("no clinician credentials provider");
  return authorize;
}

beforeAll(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Booking", "Intake", "User", rate_limit CASCADE');
  await prisma.clinicalSettings.upsert({ where: { id: 1 }, create: { id: 1, epdsEnabled: false }, update: { epdsEnabled: false } });
  await seed();
  // The clinician's account with a real password and authenticator, so a wrong password is
  // checked against a real hash.
  const account = await clinician.ensureClinicianAccount(CLINICIAN_EMAIL);
  const token = await clinician.createSetupToken(account.id);
  const setup = await clinician.openSetup(token);
  if (!setup) throw new Error("setup link did not open");
  const done = await clinician.completeSetup(token, REAL_PASSWORD, currentTotp(setup.totpSecret));
  if (!done.ok) throw new Error("clinician setup failed");

  setLogDestination({ write: (line: string) => void logLines.push(line) });
  captureConsole();
});

afterAll(async () => {
  for (const spy of spies) spy.mockRestore();
  setLogDestination();
  await sink.down();
  await prisma.$disconnect();
});

test("the main flows log structured events without any canary string", async () => {
  // Booking: a hold with the canary name, phone and note, then confirmed by the client.
  const hold = await booking.createHold(
    {
      slotStart: FIRST_SLOT,
      firstName: CANARY.firstName,
      email: CANARY.clientEmail,
      phone: CANARY.bookingPhone,
      contactMethod: "TEXT",
      note: CANARY.bookingNote,
      consent: true,
      timeZone: "America/Chicago",
      website: "",
    },
    NOW,
  );
  if (!hold.ok) throw new Error(`no hold: ${hold.message}`);
  const client = await prisma.user.create({ data: { email: CANARY.clientEmail }, select: { id: true, email: true } });
  expect((await booking.confirmHold(hold.bookingId, client, NOW)).status).toBe("confirmed");

  // Intake: every step saved as a draft (the screening step flags it urgent), then submitted.
  for (const [step, values] of Object.entries(intakeDraft())) {
    const saved = await intake.saveDraft(client.id, step as keyof DraftAnswers, values, NOW);
    expect(saved.ok).toBe(true);
  }
  expect(await intake.submitIntake(client.id, NOW)).toEqual({ ok: true, risk: true });

  // Clinician sign-in through next-auth's authorize(): a wrong (canary) password, then the
  // right password with a wrong (canary) code. Both fail and are logged.
  const authorize = clinicianAuthorize();
  const req = { method: "POST", body: {}, query: {}, headers: { "x-forwarded-for": CANARY.ip, "x-request-id": REQUEST_ID } };
  expect(await authorize({ email: CLINICIAN_EMAIL, password: CANARY.password, code: "123456" }, req)).toBeNull();
  expect(await authorize({ email: CLINICIAN_EMAIL, password: REAL_PASSWORD, code: CANARY.code }, req)).toBeNull();

  // Outbox with the SMTP server down: every due email is retried later.
  await sink.down();
  await runWorkerUntil("outbox.retry");
  // One email out of attempts while the server is still down: given up.
  await prisma.outboxEmail.updateMany({ where: { kind: "intake.submitted.clinician" }, data: { maxAttempts: 1, sendAfter: new Date() } });
  await runWorkerUntil("outbox.failed");

  // The server is back: everything still pending (the reminder too) is delivered.
  await sink.up();
  await prisma.outboxEmail.updateMany({ where: { status: "PENDING" }, data: { sendAfter: new Date() } });
  const delivered = await deliverDueEmails();
  expect(delivered.sent).toBeGreaterThanOrEqual(4);
  // The canaries really went through these flows: the client's emails greet her by name.
  const mail = await readMailbox(sink.dir);
  expect(mail.some((m) => m.to.includes(CANARY.clientEmail) && m.text.includes(CANARY.firstName))).toBe(true);

  // The logs were produced (so this test can fail), are JSON, and carry the expected events.
  expect(logLines.length).toBeGreaterThanOrEqual(4);
  const parsed = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
  for (const line of parsed) {
    expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), event: expect.any(String) });
  }
  expect(events()).toEqual(expect.arrayContaining(["clinician.signin.failed", "outbox.retry", "outbox.failed"]));
  const signIns = parsed.filter((line) => line.event === "clinician.signin.failed");
  expect(signIns).toHaveLength(2);
  for (const line of signIns) expect(line).toMatchObject({ level: "warn", reason: "invalid", requestId: REQUEST_ID });
  expect(parsed.find((line) => line.event === "outbox.failed")).toMatchObject({ level: "error", failed: 1 });

  // No canary, in any form, anywhere in the logs or on the console.
  const output = [...logLines, ...consoleOutput].join("\n").toLowerCase();
  const needles = Object.values(CANARY).flatMap((value) => {
    const digits = value.replace(/\D/g, "");
    // Phone numbers and the IP are also searched for as bare digits, in case they were normalised.
    return digits.length >= 7 && /^[\d\s()+.-]+$/.test(value) ? [value.toLowerCase(), digits] : [value.toLowerCase()];
  });
  const found = needles.filter((needle) => output.includes(needle));
  expect(found, `canary strings found in the logs:\n${[...logLines, ...consoleOutput].join("\n")}`).toEqual([]);
  // Nor the local part of the client's address on its own.
  expect(output).not.toContain(CANARY.clientEmail.split("@")[0]);
});
