/**
 * Sign-in links sent from the server: next-auth's email sign-in, done here so that a form
 * posted without JavaScript (the booking form) can send one in the same request. The token is
 * made and stored exactly as next-auth's email provider does (random, stored as
 * sha256(token + secret) through our adapter), so next-auth's own callback accepts it.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { LinkPurpose } from "@/lib/auth/emails";
import { signInLinkEmail } from "@/lib/auth/emails";
import { havenAdapter } from "@/lib/auth/adapter";
import { holdForSignInEmail } from "@/lib/booking/queries";
import { enqueueEmail, nudgeOutboxWorker } from "@/lib/email/outbox";
import { prisma } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { formatAppointment, formatTimeWithZone } from "@/lib/platform/format";
import { getPracticeProfile } from "@/lib/practice/profile";

/** The booking a link confirms, when its callback is /portal/confirm?booking=…, in the client's zone. */
async function purposeOf(link: URL, email: string): Promise<LinkPurpose | null> {
  const callback = link.searchParams.get("callbackUrl");
  if (!callback) return null;
  const target = new URL(callback, env().SITE_URL);
  const bookingId = target.pathname === "/portal/confirm" ? target.searchParams.get("booking") : null;
  if (!bookingId) return null;
  const hold = await holdForSignInEmail(bookingId, email);
  if (!hold) return null;
  return {
    kind: "confirm-booking",
    when: formatAppointment(hold.startsAt, hold.endsAt, hold.timeZone),
    heldUntil: formatTimeWithZone(hold.holdExpiresAt, hold.timeZone),
  };
}

/** Queues the email for a sign-in link (next-auth's sendVerificationRequest and our own links). */
export async function queueSignInLinkEmail(identifier: string, url: string): Promise<void> {
  // The callback finds the address from the token: keep it out of the URL (and so out of
  // access logs and browser history).
  const link = new URL(url);
  link.searchParams.delete("email");
  const [profile, purpose] = await Promise.all([getPracticeProfile(), purposeOf(link, identifier)]);
  // Through the outbox like every other email, so a mail server that is down for a moment
  // delays the link instead of failing the booking or the sign-in. The nudge sends it at once
  // when the server is up.
  const message = signInLinkEmail({ to: identifier, url: link.toString(), practiceName: profile.practiceName, purpose });
  await enqueueEmail(prisma, { kind: "auth.signin-link", message, priority: 10 });
  nudgeOutboxWorker();
}

/**
 * Emails a client a sign-in link that lands on `callbackPath`, valid until `expires` (a booking
 * link lives exactly as long as the hold it confirms). The clinician never signs in by email:
 * for her address nothing is sent, and the caller answers the same way as for anyone else.
 */
export async function sendSignInLink({
  email,
  callbackPath,
  expires,
}: {
  email: string;
  callbackPath: string;
  expires: Date;
}): Promise<void> {
  const identifier = email.trim().toLowerCase();
  const existing = await prisma.user.findUnique({ where: { email: identifier }, select: { role: true } });
  if (existing?.role === "CLINICIAN") return;
  const { SITE_URL, NEXTAUTH_SECRET } = env();
  const token = randomBytes(32).toString("hex");
  const callbackUrl = new URL(callbackPath, SITE_URL).toString();
  await havenAdapter().createVerificationToken!({
    identifier,
    expires,
    token: createHash("sha256").update(`${token}${NEXTAUTH_SECRET}`).digest("hex"),
  });
  const url = `${SITE_URL.replace(/\/$/, "")}/api/auth/callback/email?${new URLSearchParams({ callbackUrl, token })}`;
  await queueSignInLinkEmail(identifier, url);
}
