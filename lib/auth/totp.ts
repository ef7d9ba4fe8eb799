/** Time-based one-time codes (RFC 6238) for the clinician's second factor, via otplib. */
import { generateSecret, generateSync, generateURI, verifySync } from "otplib";

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret });
}

/** The code at a moment (now by default): for tests and the development helper only. */
export function currentTotp(secret: string, at: Date = new Date()): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/**
 * Accepts a code from the current 30-second step or the one just before (clock drift),
 * and never a step at or before the last one accepted, so a code cannot be replayed.
 */
export function checkTotp(secret: string, code: string, lastStep: number | null): { ok: true; step: number } | { ok: false } {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return { ok: false };
  try {
    const result = verifySync({ secret, token, epochTolerance: [30, 0], ...(lastStep !== null ? { afterTimeStep: lastStep } : {}) });
    return result.valid && "timeStep" in result ? { ok: true, step: result.timeStep } : { ok: false };
  } catch {
    return { ok: false };
  }
}
