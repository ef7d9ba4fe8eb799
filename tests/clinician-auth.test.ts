/** The clinician's sign-in factors against the real database. */
import { beforeEach, describe, expect, test } from "vitest";

const { prisma } = await import("@/lib/platform/db");
const clinician = await import("@/lib/auth/clinician");
const { currentTotp } = await import("@/lib/auth/totp");
const { hashPassword, verifyPassword } = await import("@/lib/auth/password");
const limits = await import("@/lib/platform/rate-limit");

const EMAIL = "dr.test@practice.test";
const PASSWORD = "a long passphrase that is well over seventy-two bytes, so truncation would show 🙂🙂";

async function readySetup() {
  const account = await clinician.ensureClinicianAccount(EMAIL);
  const token = await clinician.createSetupToken(account.id);
  const setup = await clinician.openSetup(token);
  if (!setup) throw new Error("setup link did not open");
  const done = await clinician.completeSetup(token, PASSWORD, currentTotp(setup.totpSecret));
  if (!done.ok) throw new Error(done.message);
  return { account, token, secret: setup.totpSecret, recoveryCodes: done.recoveryCodes };
}

const signIn = (overrides: Partial<{ email: string; password: string; code: string; ip: string }>) =>
  clinician.verifyClinicianSignIn({ email: EMAIL, password: PASSWORD, code: "000000", ip: "203.0.113.9", ...overrides });

beforeEach(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "User", rate_limit CASCADE');
});

describe("setup link", () => {
  test("works once, then refuses; an expired link refuses too", async () => {
    const { token } = await readySetup();
    expect(await clinician.openSetup(token)).toBeNull();
    const again = await clinician.createSetupToken(
      (await prisma.user.findUniqueOrThrow({ where: { email: EMAIL } })).id,
      new Date(Date.now() - 25 * 3600_000),
    );
    expect(await clinician.openSetup(again)).toBeNull();
  });

  test("a wrong first code leaves the account without a password", async () => {
    const account = await clinician.ensureClinicianAccount(EMAIL);
    const token = await clinician.createSetupToken(account.id);
    const result = await clinician.completeSetup(token, PASSWORD, "000000");
    expect(result).toMatchObject({ ok: false, field: "code" });
    expect(await clinician.hasCompletedSetup(account.id)).toBe(false);
  });

  test("refuses to turn a client's account into the clinician's", async () => {
    await prisma.user.create({ data: { email: "client@practice.test" } });
    await expect(clinician.ensureClinicianAccount("client@practice.test")).rejects.toThrow(/client account/);
  });
});

describe("sign-in", () => {
  test("needs the password and a current code; the same code is never accepted twice", async () => {
    const { secret } = await readySetup();
    // The code setup accepted (its 30-second step is recorded) cannot be used again.
    const { totpLastStep } = await prisma.clinicianCredential.findFirstOrThrow({ select: { totpLastStep: true } });
    expect(await signIn({ code: currentTotp(secret, new Date(totpLastStep! * 30_000)) })).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn({ password: "wrong password here" })).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn({ email: "nobody@practice.test" })).toEqual({ ok: false, reason: "invalid" });
  });

  test("the whole long password counts: nothing is truncated", async () => {
    const hash = await hashPassword(PASSWORD);
    expect(await verifyPassword(hash, PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, PASSWORD.slice(0, 72))).toBe(false);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test("a recovery code works once", async () => {
    const { recoveryCodes } = await readySetup();
    expect(recoveryCodes).toHaveLength(10);
    const code = recoveryCodes[0]!;
    expect((await signIn({ code })).ok).toBe(true);
    expect(await signIn({ code })).toEqual({ ok: false, reason: "invalid" });
    const stored = await prisma.clinicianCredential.findFirstOrThrow({ select: { recoveryCodes: true } });
    expect(stored.recoveryCodes).toHaveLength(9);
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[1]);
  });

  test("Found: failures for her address from anywhere never keep her out: her password and a fresh code still succeed", async () => {
    const { secret } = await readySetup();
    // As if setup had been a minute ago, so the current code is a fresh one.
    await prisma.clinicianCredential.updateMany({ data: { totpLastStep: Math.floor(Date.now() / 30_000) - 2 } });
    for (let i = 0; i < limits.LIMITS.clinicianFailuresPerAccount.points; i++) {
      await signIn({ password: "wrong password here", ip: `198.51.100.${i}` });
    }
    const started = Date.now();
    const result = await signIn({ code: currentTotp(secret), ip: "198.51.100.99" });
    expect(result).toMatchObject({ ok: true });
    // Past the account's limit every answer is slowed instead, a success as much as a failure.
    expect(Date.now() - started).toBeGreaterThanOrEqual(clinician.CLINICIAN_SLOW_ANSWER_MS);
  });

  test("failures are limited per IP: that address is refused unchecked, others are not", async () => {
    const { recoveryCodes } = await readySetup();
    for (let i = 0; i < limits.LIMITS.clinicianFailuresPerIp.points; i++) {
      await signIn({ email: `guess-${i}@practice.test`, password: "wrong password here", ip: "198.51.100.66" });
    }
    expect(await signIn({ code: recoveryCodes[0]!, ip: "198.51.100.66" })).toEqual({ ok: false, reason: "rate-limited" });
    expect(await signIn({ code: recoveryCodes[0]!, ip: "198.51.100.67" })).toMatchObject({ ok: true });
  });

  test("successes are not counted: a sign-in that works leaves no failure behind", async () => {
    const { recoveryCodes } = await readySetup();
    for (let i = 0; i < 4; i++) await signIn({ password: "wrong password here" });
    expect(await signIn({ code: recoveryCodes[0]! })).toMatchObject({ ok: true });
    // The account's count was cleared by the success: four more failures do not reach the limit.
    for (let i = 0; i < 4; i++) await signIn({ password: "wrong password here", ip: `198.51.100.${10 + i}` });
    expect(await limits.clinicianSignInStanding({ email: EMAIL, ip: "198.51.100.50" })).toEqual({ blocked: null, slow: false });
  });

  test("a client account never signs in here", async () => {
    await prisma.user.create({ data: { email: "client@practice.test" } });
    expect(await signIn({ email: "client@practice.test" })).toEqual({ ok: false, reason: "invalid" });
  });
});
