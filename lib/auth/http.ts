/**
 * What app/api/auth/[...nextauth] answers itself, around next-auth: the checks a request must
 * pass before next-auth reads it, the session endpoint, signing out, and the session cookie's
 * lifetime. next-auth 4 assumes a friendlier Internet: a JSON body, a NUL in an address or a
 * body that is not a form all reached it and ended as a 500.
 */
import "server-only";
import { decode } from "next-auth/jwt";
import { emailSignInSchema } from "@/lib/auth/schema";
import { endCurrentSession, getCurrentSession, getCurrentUser, sessionCookieName } from "@/lib/auth/session";
import { prisma } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { jsonError } from "@/lib/platform/http";
import { refusalResponse } from "@/lib/platform/request-guard";
import { CRISIS_SENTENCE } from "@/lib/practice/crisis";
import { siteUrl } from "@/lib/platform/site";

/** next-auth's own forms are small: an address, a password, a code, a token and two URLs. */
const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

export type AuthForm = { ok: true; text: string; fields: URLSearchParams } | { ok: false; response: Response };

/** The body next-auth will read, as its client (and a form without JavaScript) sends it: urlencoded, small. */
export async function readAuthForm(req: Request): Promise<AuthForm> {
  const contentType = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!contentType.startsWith("application/x-www-form-urlencoded")) {
    return { ok: false, response: jsonError(415, { error: "Sign-in forms are sent as application/x-www-form-urlencoded." }) };
  }
  const declared = Number(req.headers.get("content-length") ?? "");
  const tooLarge = () => ({ ok: false as const, response: jsonError(413, { error: "That sign-in request is too large." }) });
  if (Number.isFinite(declared) && declared > AUTH_BODY_LIMIT_BYTES) return tooLarge();
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > AUTH_BODY_LIMIT_BYTES) return tooLarge();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, response: jsonError(400, { error: "That sign-in request could not be read." }) };
  }
  return { ok: true, text, fields: new URLSearchParams(text) };
}

/**
 * The address of an email sign-in request, checked before next-auth looks it up: a NUL or a
 * malformed address is a 400 with the reason. next-auth's client (it sends `json=true`) gets
 * JSON whose `url` is the sign-in problem page, which it shows; a form posted without
 * JavaScript gets a page that says what to fix.
 */
export function refuseSignInAddress(fields: URLSearchParams): Response | null {
  const parsed = emailSignInSchema.safeParse({ email: fields.get("email") ?? "" });
  if (parsed.success) return null;
  const message = parsed.error.issues[0]?.message ?? "Please enter a valid email address.";
  if (fields.get("json") !== "true") {
    return refusalResponse(
      { status: 400, title: "That email address does not look right", text: `${message} Please go back and check it.` },
      CRISIS_SENTENCE,
    );
  }
  return jsonError(400, { error: message, url: siteUrl("/signin/problem?error=EmailInvalid") });
}

/**
 * A script's sign-in link request that hit a limit gets 429 (next-auth itself would say 200
 * with the problem page's address in `url`, which is what its client reads).
 */
export async function withLimitStatus(response: Response): Promise<Response> {
  if (response.status !== 200 || !(response.headers.get("content-type") ?? "").includes("application/json")) return response;
  const body = (await response.clone().json()) as { url?: unknown };
  if (typeof body.url !== "string" || !body.url.includes("error=RateLimited")) return response;
  return new Response(response.body, { status: 429, headers: response.headers });
}

function expiredSessionCookie(): string {
  const secure = env().SITE_URL.startsWith("https://") ? "; Secure" : "";
  return `${sessionCookieName()}=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
}

/**
 * GET /api/auth/session, answered from the server-side Session row rather than the cookie:
 * a revoked, expired or idle session is signed out (and its cookie cleared), and page
 * scripts see an email and an expiry, never the session's id.
 */
export async function sessionResponse(req: Request): Promise<Response> {
  const session = await getCurrentSession();
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  if (!session) {
    if ((req.headers.get("cookie") ?? "").includes(`${sessionCookieName()}=`)) headers.append("Set-Cookie", expiredSessionCookie());
    return Response.json({}, { headers });
  }
  return Response.json({ user: { email: session.user.email }, expires: session.expiresAt.toISOString() }, { headers });
}

/**
 * Signing out: the session row is revoked (a copied cookie stops working), the cookie is
 * cleared, and the browser is sent to a full page load with `Clear-Site-Data`, so nothing of
 * the signed-in pages (an intake's answers in the page's inline data, the back-forward cache,
 * anything stored) stays behind in this tab or this browser's caches.
 */
export async function signOutResponse(): Promise<Response> {
  const user = await getCurrentUser();
  await endCurrentSession();
  const location = user?.role === "CLINICIAN" ? "/dashboard/signin?signed-out=1" : "/?signed-out=1";
  return new Response(null, {
    status: 303,
    headers: {
      Location: location,
      "Clear-Site-Data": '"cache", "storage"',
      "Cache-Control": "no-store",
      "Set-Cookie": expiredSessionCookie(),
    },
  });
}

/**
 * next-auth gives every session cookie its longest lifetime (a client's 7 days); the
 * clinician's session ends after 12 hours, and her cookie should not outlive it. A session
 * cookie that next-auth sets is given its Session row's expiry.
 */
export async function withSessionLifetime(response: Response): Promise<Response> {
  const name = sessionCookieName();
  const cookies = response.headers.getSetCookie();
  const index = cookies.findIndex((cookie) => cookie.startsWith(`${name}=`) && !cookie.startsWith(`${name}=;`));
  if (index === -1) return response;
  const cookie = cookies[index]!;
  const value = cookie.slice(name.length + 1, cookie.indexOf(";") === -1 ? undefined : cookie.indexOf(";"));
  const token = await decode({ token: value, secret: env().NEXTAUTH_SECRET }).catch(() => null);
  const session = token?.sid ? await prisma.session.findUnique({ where: { id: token.sid }, select: { expiresAt: true } }) : null;
  if (!session) return response;
  const attributes = cookie
    .split(/;\s*/)
    .slice(1)
    .filter((attribute) => !/^(expires|max-age)=/i.test(attribute));
  const maxAge = Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
  cookies[index] = [`${name}=${value}`, ...attributes, `Expires=${session.expiresAt.toUTCString()}`, `Max-Age=${maxAge}`].join("; ");
  const headers = new Headers(response.headers);
  headers.delete("set-cookie");
  for (const each of cookies) headers.append("set-cookie", each);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
