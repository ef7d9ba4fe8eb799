import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { readAuthForm, refuseSignInAddress, sessionResponse, signOutResponse, withLimitStatus, withSessionLifetime } from "@/lib/auth/http";
import { authOptions } from "@/lib/auth/options";
import { isSameOrigin, jsonError } from "@/lib/platform/http";

type Context = { params: Promise<{ nextauth: string[] }> };

async function route(ctx: Context): Promise<string> {
  return ((await ctx.params).nextauth ?? []).join("/");
}

function handler(req: NextRequest, ctx: Context): Promise<Response> {
  return NextAuth(authOptions())(req, ctx);
}

export async function GET(req: NextRequest, ctx: Context) {
  if ((await route(ctx)) === "session") return sessionResponse(req);
  // The emailed link lands on callback/email, which sets the session cookie.
  return withSessionLifetime(await handler(req, ctx));
}

export async function POST(req: NextRequest, ctx: Context) {
  // next-auth's own CSRF token covers its forms; the Origin check refuses any cross-site post
  // (sign-in, sign-out, a sign-in link request) before it reaches next-auth at all.
  if (!isSameOrigin(req.headers)) return jsonError(403, { error: "This request did not come from this site." });
  const action = await route(ctx);
  // Ours, not next-auth's: a plain form post (no CSRF token needed behind the Origin check
  // and SameSite cookies) that ends in a full page load with Clear-Site-Data.
  if (action === "signout") return signOutResponse();
  if (action === "session") return sessionResponse(req);

  const form = await readAuthForm(req);
  if (!form.ok) return form.response;
  if (action === "signin/email") {
    const refused = refuseSignInAddress(form.fields);
    if (refused) return refused;
  }
  // The body has been read: next-auth gets the same request with the same bytes.
  const forwarded = new NextRequest(req.url, { method: "POST", headers: req.headers, body: form.text });
  const response = await handler(forwarded, ctx);
  // Sign-in link limits are counted in next-auth's signIn callback (lib/auth/options.ts),
  // which it calls only once the CSRF token has checked out.
  if (action === "signin/email") return withLimitStatus(response);
  return withSessionLifetime(response);
}
