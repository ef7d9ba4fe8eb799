import { randomBytes } from "node:crypto";
import { revalidateTag } from "next/cache";
import { OPEN_TIMES_TAG } from "@/lib/booking/open-times";
import { bookingRequestSchema, HOLD_COOKIE } from "@/lib/booking/schema";
import { createHold, holderHash } from "@/lib/booking/service";
import { isDatabaseUnavailable } from "@/lib/platform/db-errors";
import { clientIp, isSameOrigin, jsonError } from "@/lib/platform/http";
import { errorCode, logger, requestId } from "@/lib/platform/logger";
import { limitBookingAttempt, limitBookingForEmail } from "@/lib/platform/rate-limit";

/**
 * Places a 15-minute hold on a slot, for scripts and the load tests: a route handler, so the
 * answers carry real HTTP statuses (400, 409, 429). The booking form itself posts to
 * requestBookingAction (lib/actions/booking.ts), which also sends the confirming link.
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req.headers)) return jsonError(403, { error: "This request did not come from the booking page." });
  try {
    return await placeHold(req);
  } catch (error) {
    // The database is down or restarting (or something else broke): a clean answer the
    // form can show, never a hang or a stack trace. Nothing was held, so trying again is safe.
    const unavailable = isDatabaseUnavailable(error);
    logger.error(
      { event: "booking.hold.failed", unavailable, errorCode: errorCode(error), requestId: requestId(req.headers) },
      "booking hold failed",
    );
    return jsonError(
      unavailable ? 503 : 500,
      {
        error:
          "Something went wrong on our side and your time was not held yet. Your answers are still here; please try again in a minute.",
      },
      unavailable ? { "Retry-After": "30" } : undefined,
    );
  }
}

async function placeHold(req: Request): Promise<Response> {
  const limited = await limitBookingAttempt({ ip: clientIp(req.headers) });
  if (limited) {
    return jsonError(
      429,
      { error: "Too many booking attempts from this connection. Please wait a little and try again, or contact the practice directly." },
      { "Retry-After": String(limited.retryAfterSeconds) },
    );
  }

  const body: unknown = await req.json().catch(() => null);
  const parsed = bookingRequestSchema.safeParse(body);
  if (!parsed.success) {
    return jsonError(400, { error: "Please check the highlighted fields.", fieldErrors: parsed.error.flatten().fieldErrors });
  }
  // Bots fill the hidden field; answer as if all went well, store nothing.
  if (parsed.data.website) return jsonError(202, { ok: true, bookingId: null });
  const perEmail = await limitBookingForEmail({ email: parsed.data.email });
  if (perEmail) {
    return jsonError(
      429,
      { error: "Too many booking attempts for this email address. Please wait a little and try again." },
      {
        "Retry-After": String(perEmail.retryAfterSeconds),
      },
    );
  }

  // The same browser (its hold cookie) may replace its own pending hold; anyone else adds one.
  const cookie = /(?:^|;\s*)haven-hold=([A-Za-z0-9_-]{32,64})/.exec(req.headers.get("cookie") ?? "")?.[1];
  const token = cookie ?? randomBytes(32).toString("base64url");
  const result = await createHold(parsed.data, new Date(), { browserHash: holderHash(token) });
  if (!result.ok) {
    return jsonError(result.reason === "too-many-holds" ? 429 : 409, {
      error: result.message,
      reason: result.reason,
      alternatives: "alternatives" in result ? result.alternatives.map((slot) => slot.start.toISOString()) : [],
    });
  }
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (!cookie)
    headers.append(
      "Set-Cookie",
      `${HOLD_COOKIE}=${token}; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax${req.url.startsWith("https:") ? "; Secure" : ""}`,
    );
  // The database's trigger tells every instance; this one drops its copy before answering, so
  // the person who just held a time never sees it offered on their next view.
  revalidateTag(OPEN_TIMES_TAG, { expire: 0 });
  return Response.json({ ok: true, bookingId: result.bookingId }, { status: 201, headers });
}
