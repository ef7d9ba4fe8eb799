/**
 * Who is signed in, decided on the server for every request: the session cookie's JWT
 * only names a Session row, and that row must exist, be unrevoked, and be within both its
 * absolute and idle limits. Call requireClient()/requireClinician() at the top of every
 * protected page, action and route, and filter queries by the returned user's id.
 */
import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { SESSION_POLICY } from "@/lib/auth/policy";
import { prisma } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";

export type CurrentUser = { id: string; email: string; role: "CLIENT" | "CLINICIAN"; sessionId: string };

// Refreshing lastSeenAt on every request would be a write per page view; once a minute is
// precise enough for a 30-minute idle limit.
const TOUCH_INTERVAL_MS = 60_000;

export function sessionCookieName(): string {
  return env().SITE_URL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/** The signed-in user and when the session ends at the latest; null when nobody is signed in. */
export const getCurrentSession = cache(async (): Promise<{ user: CurrentUser; expiresAt: Date } | null> => {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  let token;
  try {
    token = await decode({ token: raw, secret: env().NEXTAUTH_SECRET });
  } catch {
    return null;
  }
  if (!token?.sid || !token.sub) return null;
  const session = await prisma.session.findUnique({
    where: { id: token.sid },
    select: { userId: true, expiresAt: true, lastSeenAt: true, revokedAt: true, user: { select: { id: true, email: true, role: true } } },
  });
  const now = Date.now();
  if (!session || session.revokedAt || session.userId !== token.sub || session.expiresAt.getTime() <= now) return null;
  if (now - session.lastSeenAt.getTime() > SESSION_POLICY[session.user.role].idleMs) {
    await prisma.session.update({ where: { id: token.sid }, data: { revokedAt: new Date(now) } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.session.update({ where: { id: token.sid }, data: { lastSeenAt: new Date(now) } });
  }
  return { user: { ...session.user, sessionId: token.sid }, expiresAt: session.expiresAt };
});

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => (await getCurrentSession())?.user ?? null);

function signInUrl(returnTo: string) {
  return `/signin?${new URLSearchParams({ callbackUrl: returnTo })}`;
}

/** A signed-in client, or a redirect to sign in. */
export async function requireClient(returnTo = "/portal"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user || user.role !== "CLIENT") redirect(signInUrl(returnTo));
  return user;
}

/**
 * The signed-in clinician, or a redirect to her sign-in page. Clients and visitors never
 * learn more than that the page needs a clinician sign-in.
 */
export async function requireClinician(returnTo = "/dashboard"): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user || user.role !== "CLINICIAN") redirect(`/dashboard/signin?${new URLSearchParams({ callbackUrl: returnTo })}`);
  return user;
}

/** Ends the session on the server (a copied cookie stops working) and in this browser. */
export async function endCurrentSession(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await prisma.session.updateMany({ where: { id: user.sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
  const jar = await cookies();
  jar.delete(sessionCookieName());
}
