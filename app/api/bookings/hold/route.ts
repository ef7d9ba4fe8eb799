import { bookingRequestSchema } from "@/lib/booking/schema";
import { createHold } from "@/lib/booking/service";
import { isDatabaseUnavailable } from "@/lib/platform/db-errors";
import { clientIp, isSameOrigin, jsonError } from "@/lib/platform/http";
import { errorCode, logger, requestId } from "@/lib/platform/logger";
import { limitBookingAttempt } from "@/lib/platform/rate-limit";

/**
 * Places a 15-minute hold on a slot. A route handler rather than a server action so that
 * the answers carry real HTTP statuses (400, 409, 429) for clients and monitoring.
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

  const result = await createHold(parsed.data);
  if (!result.ok) {
    return jsonError(409, {
      error: result.message,
      reason: result.reason,
      alternatives: result.alternatives.map((slot) => slot.start.toISOString()),
    });
  }
  return Response.json({ ok: true, bookingId: result.bookingId }, { status: 201, headers: { "Cache-Control": "no-store" } });
}
