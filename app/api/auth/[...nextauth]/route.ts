import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { clientIp, isSameOrigin, jsonError } from "@/lib/platform/http";
import { limitSignInLinkRequest } from "@/lib/platform/rate-limit";

type Context = { params: Promise<{ nextauth: string[] }> };

function handler(req: NextRequest, ctx: Context) {
  return NextAuth(authOptions())(req, ctx);
}

export async function GET(req: NextRequest, ctx: Context) {
  return handler(req, ctx);
}

export async function POST(req: NextRequest, ctx: Context) {
  // next-auth's own CSRF token covers its forms; the Origin check refuses any cross-site post
  // (sign-in, sign-out, a sign-in link request) before it reaches next-auth at all.
  if (!isSameOrigin(req.headers)) return jsonError(403, { error: "This request did not come from this site." });
  if (req.nextUrl.pathname.endsWith("/signin/email")) {
    const form = await req.clone().formData();
    const email = String(form.get("email") ?? "")
      .trim()
      .toLowerCase();
    const limited = await limitSignInLinkRequest({ email, ip: clientIp(req.headers) });
    if (limited) {
      // next-auth's client reads `url` and takes the error from its query string.
      const url = new URL("/signin/problem?error=RateLimited", req.nextUrl.origin).toString();
      return Response.json({ url }, { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds) } });
    }
  }
  return handler(req, ctx);
}
