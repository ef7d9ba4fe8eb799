/**
 * The clinician's account: one-time setup link, password + TOTP sign-in, recovery codes.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { burnPasswordCheck, hashPassword, verifyPassword } from "@/lib/auth/password";
import { checkTotp, newTotpSecret } from "@/lib/auth/totp";
import { prisma } from "@/lib/platform/db";
import { sealedText } from "@/lib/platform/keys";
import { clearClinicianFailures, clinicianSignInStanding, recordClinicianFailure } from "@/lib/platform/rate-limit";

const SETUP_LINK_HOURS = 24;
const RECOVERY_CODE_COUNT = 10;

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
// Bound to the clinician's user id.
const sealedTotp = sealedText("ClinicianCredential", "totp");

/** Creates the clinician's account if needed (no password until she sets one). */
export async function ensureClinicianAccount(email: string): Promise<{ id: string; email: string }> {
  const normalized = email.trim().toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email: normalized }, select: { id: true, role: true } });
  if (existing && existing.role !== "CLINICIAN") {
    throw new Error("That email already belongs to a client account; choose another address for the clinician.");
  }
  const user = existing
    ? { id: existing.id }
    : await prisma.user.create({ data: { email: normalized, role: "CLINICIAN" }, select: { id: true } });
  await prisma.clinicianCredential.upsert({ where: { userId: user.id }, create: { userId: user.id }, update: {} });
  return { id: user.id, email: normalized };
}

/** A one-time link to set the password and enrol the authenticator; replaces any earlier link. */
export async function createSetupToken(userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await prisma.clinicianCredential.update({
    where: { userId },
    data: { setupTokenHash: sha256(token), setupTokenExpires: new Date(now.getTime() + SETUP_LINK_HOURS * 3600_000) },
  });
  return token;
}

export type SetupContext = { userId: string; email: string; totpSecret: string };

/**
 * Resolves a setup link. A pending authenticator secret is created on first view and kept
 * (encrypted) so that the QR code stays the same across reloads until setup completes.
 */
export async function openSetup(token: string, now = new Date()): Promise<SetupContext | null> {
  if (!token || token.length > 100) return null;
  const row = await prisma.clinicianCredential.findUnique({
    where: { setupTokenHash: sha256(token) },
    select: { userId: true, setupTokenExpires: true, totpSecretEnc: true, totpEnabledAt: true, user: { select: { email: true } } },
  });
  if (!row || !row.setupTokenExpires || row.setupTokenExpires <= now) return null;
  let secret: string;
  if (row.totpSecretEnc && !row.totpEnabledAt) {
    secret = sealedTotp.open(row.userId, row.totpSecretEnc);
  } else {
    secret = newTotpSecret();
    await prisma.clinicianCredential.update({
      where: { userId: row.userId },
      data: { totpSecretEnc: sealedTotp.seal(row.userId, secret), totpEnabledAt: null },
    });
  }
  return { userId: row.userId, email: row.user.email, totpSecret: secret };
}

function newRecoveryCode(): string {
  const raw = randomBytes(5).toString("hex");
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

export type CompleteSetupResult = { ok: true; recoveryCodes: string[] } | { ok: false; field: "token" | "code"; message: string };

/** Sets the password and turns the authenticator on, once the first code checks out. */
export async function completeSetup(token: string, password: string, code: string, now = new Date()): Promise<CompleteSetupResult> {
  const setup = await openSetup(token, now);
  if (!setup)
    return {
      ok: false,
      field: "token",
      message: "This setup link has expired or was already used. Run `npm run clinician:setup` for a new one.",
    };
  const totp = checkTotp(setup.totpSecret, code, null);
  if (!totp.ok)
    return {
      ok: false,
      field: "code",
      message: "That code did not match. Check the time on your phone and enter the current 6-digit code.",
    };
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const [passwordHash, ...recoveryHashes] = await Promise.all([hashPassword(password), ...recoveryCodes.map((c) => hashPassword(c))]);
  await prisma.$transaction([
    prisma.clinicianCredential.update({
      where: { userId: setup.userId },
      data: {
        passwordHash,
        totpEnabledAt: now,
        totpLastStep: totp.step,
        recoveryCodes: recoveryHashes,
        setupTokenHash: null,
        setupTokenExpires: null,
      },
    }),
    // A new password ends every existing session.
    prisma.session.updateMany({ where: { userId: setup.userId, revokedAt: null }, data: { revokedAt: now } }),
  ]);
  return { ok: true, recoveryCodes };
}

export type SignInFailure = "invalid" | "rate-limited";
export type SignInResult = { ok: true; user: { id: string; email: string } } | { ok: false; reason: SignInFailure };

/**
 * While an account is under attack (more failures than its limit), every answer for it takes
 * at least this long, a success as much as a failure so that the wait gives nothing away.
 * She still gets in with her password and a fresh code; a guesser gets one answer per
 * connection every few seconds, and the per-IP limit stops each address after 20 failures.
 */
export const CLINICIAN_SLOW_ANSWER_MS = 2_000;

/**
 * Email + password + TOTP (or a recovery code). Failures are counted per account and per
 * IP in PostgreSQL; all look the same to the caller except an IP that is rate limited.
 * A correct password and code always succeed, however many failures the account has seen.
 */
export async function verifyClinicianSignIn(input: { email: string; password: string; code: string; ip: string }): Promise<SignInResult> {
  const startedAt = Date.now();
  const email = input.email.trim().toLowerCase();
  const standing = await clinicianSignInStanding({ email, ip: input.ip });
  if (standing.blocked) return { ok: false, reason: "rate-limited" };

  const result = await checkCredentials(email, input.password, input.code);
  if (result.ok) await clearClinicianFailures({ email });
  else await recordClinicianFailure({ email, ip: input.ip });
  if (standing.slow) {
    const wait = CLINICIAN_SLOW_ANSWER_MS - (Date.now() - startedAt);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return result;
}

async function checkCredentials(email: string, password: string, rawCode: string): Promise<SignInResult> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      role: true,
      credential: { select: { passwordHash: true, totpSecretEnc: true, totpEnabledAt: true, totpLastStep: true, recoveryCodes: true } },
    },
  });
  const credential = user?.role === "CLINICIAN" ? user.credential : null;
  if (!user || !credential?.passwordHash || !credential.totpSecretEnc || !credential.totpEnabledAt) {
    await burnPasswordCheck(password);
    return { ok: false, reason: "invalid" };
  }
  if (!(await verifyPassword(credential.passwordHash, password))) return { ok: false, reason: "invalid" };

  const secret = sealedTotp.open(user.id, credential.totpSecretEnc);
  const totp = checkTotp(secret, rawCode, credential.totpLastStep);
  if (totp.ok) {
    // Conditional on the last step so two parallel sign-ins cannot both use one code.
    const updated = await prisma.clinicianCredential.updateMany({
      where: { userId: user.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: totp.step } }] },
      data: { totpLastStep: totp.step },
    });
    if (updated.count !== 1) return { ok: false, reason: "invalid" };
  } else {
    const code = rawCode.trim().toLowerCase();
    if (!/^[0-9a-f]{5}-[0-9a-f]{5}$/.test(code)) return { ok: false, reason: "invalid" };
    let used: string | undefined;
    for (const candidate of credential.recoveryCodes) {
      if (await verifyPassword(candidate, code)) {
        used = candidate;
        break;
      }
    }
    if (!used) return { ok: false, reason: "invalid" };
    await prisma.clinicianCredential.update({
      where: { userId: user.id },
      data: { recoveryCodes: credential.recoveryCodes.filter((c) => c !== used) },
    });
  }
  return { ok: true, user: { id: user.id, email: user.email } };
}

/** Development only: gives the demo clinician a known password and authenticator secret. */
export async function setDemoCredentials(userId: string, password: string, totpSecret: string): Promise<void> {
  await prisma.clinicianCredential.update({
    where: { userId },
    data: {
      passwordHash: await hashPassword(password),
      totpSecretEnc: sealedTotp.seal(userId, totpSecret),
      totpEnabledAt: new Date(),
      totpLastStep: null,
      recoveryCodes: [],
    },
  });
}

export async function hasCompletedSetup(userId: string): Promise<boolean> {
  const row = await prisma.clinicianCredential.findUnique({ where: { userId }, select: { passwordHash: true, totpEnabledAt: true } });
  return !!row?.passwordHash && !!row.totpEnabledAt;
}
