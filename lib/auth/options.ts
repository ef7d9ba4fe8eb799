import "server-only";
import { randomBytes } from "node:crypto";
import { headers } from "next/headers";
import type { NextAuthOptions } from "next-auth";
import { encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import EmailProvider from "next-auth/providers/email";
import { verifyClinicianSignIn } from "@/lib/auth/clinician";
import { clinicianSignInSchema, emailSignInSchema } from "@/lib/auth/schema";
import { pendingHoldFor } from "@/lib/booking/queries";
import { clientIp } from "@/lib/platform/http";
import { havenAdapter } from "@/lib/auth/adapter";
import { SESSION_POLICY, SIGN_IN_LINK_MAX_AGE_SECONDS } from "@/lib/auth/policy";
import { prisma } from "@/lib/platform/db";
import { queueSignInLinkEmail } from "@/lib/auth/sign-in-link";
import { env } from "@/lib/platform/env";
import { libraryErrorFields, logger, requestId } from "@/lib/platform/logger";
import { limitSignInLinkRequest } from "@/lib/platform/rate-limit";
import { siteUrl } from "@/lib/platform/site";

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    /** When the Session row ends (seconds since the epoch): the token expires with it. */
    sexp?: number;
  }
}

/**
 * Where next-auth sends the browser once a sign-in link is on its way (it then redirects to
 * pages.verifyRequest). Answering the clinician's address with exactly this makes it look
 * like any other address.
 */
function linkSentUrl(): string {
  return siteUrl("/api/auth/verify-request?provider=email&type=email");
}

export function authOptions(): NextAuthOptions {
  const e = env();
  // next-auth builds its links (e.g. the emailed sign-in link) from NEXTAUTH_URL.
  process.env.NEXTAUTH_URL ??= e.SITE_URL;
  return {
    secret: e.NEXTAUTH_SECRET,
    adapter: havenAdapter(),
    // Credentials sign-in (the clinician) requires JWT sessions; each JWT only names a
    // server-side Session row, which is what really decides whether it is valid.
    session: { strategy: "jwt", maxAge: SESSION_POLICY.CLIENT.absoluteMs / 1000 },
    jwt: {
      // A token lives no longer than its Session row (12 hours for the clinician, not 7 days).
      async encode(params) {
        const until = params.token?.sexp;
        const left = typeof until === "number" ? until - Math.floor(Date.now() / 1000) : undefined;
        const maxAge = left === undefined ? params.maxAge : Math.max(0, Math.min(left, params.maxAge ?? left));
        return encode({ ...params, maxAge });
      },
    },
    // One JSON line per problem through the app's logger, never next-auth's multi-line dumps
    // (which can hold the address being signed in).
    logger: {
      error(code, metadata) {
        const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
        logger.error({ event: "auth.error", authCode: code, ...libraryErrorFields(error) }, "next-auth error");
      },
      warn(code) {
        logger.warn({ event: "auth.warn", authCode: code }, "next-auth warning");
      },
      debug() {},
    },
    useSecureCookies: e.SITE_URL.startsWith("https://"),
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin/problem" },
    providers: [
      CredentialsProvider({
        id: "clinician",
        name: "Clinician",
        credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
        async authorize(credentials, req) {
          const parsed = clinicianSignInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const headers = new Headers(req.headers as Record<string, string>);
          const result = await verifyClinicianSignIn({ ...parsed.data, ip: clientIp(headers) });
          if (!result.ok) {
            // Never the password; the account is named by id only when it exists.
            logger.warn(
              { event: "clinician.signin.failed", reason: result.reason, requestId: requestId(headers) },
              "clinician sign-in failed",
            );
            if (result.reason === "rate-limited") throw new Error("RateLimited");
            return null;
          }
          return { id: result.user.id, email: result.user.email };
        },
      }),
      EmailProvider({
        // Sending happens in sendVerificationRequest; this only satisfies the provider's shape.
        server: e.SMTP_URL,
        from: e.MAIL_FROM,
        maxAge: SIGN_IN_LINK_MAX_AGE_SECONDS,
        // The route checks the address first (lib/auth/http.ts); this is next-auth's own check,
        // so that nothing malformed ever reaches a query.
        normalizeIdentifier: (identifier) => emailSignInSchema.parse({ email: identifier }).email,
        async sendVerificationRequest({ identifier, url }) {
          await queueSignInLinkEmail(identifier, url);
        },
      }),
    ],
    callbacks: {
      async signIn({ user, account, email }) {
        // authorize() has already checked password and second factor.
        if (account?.provider === "clinician") return true;
        if (account?.provider !== "email") return false;
        const address = user.email?.toLowerCase() ?? "";
        const existing = address ? await prisma.user.findUnique({ where: { email: address }, select: { role: true } }) : null;
        const isClinician = existing?.role === "CLINICIAN";
        if (email?.verificationRequest) {
          // Counted here because next-auth calls this only once its CSRF token has checked out
          // (and the route has checked the Origin): a forged post cannot use up a person's links.
          const hasPendingHold = (await pendingHoldFor(address)) !== null;
          const limited = await limitSignInLinkRequest({ email: address, ip: clientIp(await headers()), hasPendingHold });
          if (limited) return siteUrl("/signin/problem?error=RateLimited");
          // The clinician signs in with password and second factor only, never by email link;
          // her address gets the answer any address gets (and no email), so it cannot be found.
          if (isClinician) return linkSentUrl();
          return true;
        }
        return !isClinician;
      },
      async jwt({ token, user }) {
        if (user) {
          const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { id: true, role: true } });
          const policy = SESSION_POLICY[row.role];
          const session = await prisma.session.create({
            data: { id: randomBytes(32).toString("base64url"), userId: row.id, expiresAt: new Date(Date.now() + policy.absoluteMs) },
            select: { id: true, expiresAt: true },
          });
          return { sub: row.id, sid: session.id, sexp: Math.floor(session.expiresAt.getTime() / 1000) };
        }
        return token;
      },
      async session({ session, token }) {
        // Nothing from the token is trusted for access decisions: see lib/auth/session.ts.
        // GET /api/auth/session is answered in lib/auth/http.ts; this is next-auth's own path,
        // kept to the same shape: no session id for page scripts.
        void token;
        return { ...session, user: { email: session.user?.email } } as typeof session;
      },
    },
    // Signing out never reaches next-auth: POST /api/auth/signout is answered by lib/auth/http.ts.
  };
}
