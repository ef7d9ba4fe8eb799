import { getCurrentUser } from "@/lib/auth/session";
import { riskAnswersRequestSchema } from "@/lib/intake/schema";
import { recordRiskAnswers } from "@/lib/intake/service";
import { isDatabaseUnavailable } from "@/lib/platform/db-errors";
import { isSameOrigin, jsonError } from "@/lib/platform/http";
import { errorCode, logger, requestId } from "@/lib/platform/logger";

/** Far more than the largest real request (50 answers); anything bigger is not the form. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * A risk answer from the intake step form, sent the moment it is given and, as a last resort,
 * with `fetch(…, { keepalive: true })` or `navigator.sendBeacon` as the page closes: a route
 * handler because neither can call a server action. The same checks as every other write:
 * the Origin is this site, and only the signed-in client, for her own intake.
 */
export async function POST(req: Request) {
  if (!isSameOrigin(req.headers)) return jsonError(403, { error: "This request did not come from the questionnaire." });
  try {
    const user = await getCurrentUser();
    if (!user || user.role !== "CLIENT") return jsonError(401, { error: "Please sign in again to continue your questionnaire." });

    const length = Number(req.headers.get("content-length") ?? 0);
    if (length > MAX_BODY_BYTES) return jsonError(413, { error: "That request is too large." });
    // A page closing mid-request can cut its body off: nothing to record, and nothing wrong here.
    const text = await req.text().catch(() => null);
    if (text === null) return jsonError(400, { error: "That request could not be read." });
    if (text.length > MAX_BODY_BYTES) return jsonError(413, { error: "That request is too large." });
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return jsonError(400, { error: "That request could not be read." });
    }
    const parsed = riskAnswersRequestSchema.safeParse(body);
    if (!parsed.success) return jsonError(400, { error: "That request could not be read." });

    const { intakeId, source, answers } = parsed.data;
    const result = await recordRiskAnswers(user.id, {
      intakeId,
      source,
      answers: answers.map((a) => ({ ...a, answeredAt: new Date(a.answeredAt) })),
    });
    if (!result.ok) return jsonError(result.reason === "not-found" ? 404 : 409, { error: result.message, reason: result.reason });
    return Response.json({ ok: true, recorded: result.recorded, notified: result.notified }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    // The browser keeps the answer and tries again; nothing about it goes in the log.
    const unavailable = isDatabaseUnavailable(error);
    logger.error(
      { event: "intake.risk.failed", unavailable, errorCode: errorCode(error), requestId: requestId(req.headers) },
      "risk answer not recorded",
    );
    return jsonError(
      unavailable ? 503 : 500,
      { error: "Your answer could not be recorded just now. We will keep trying." },
      { "Retry-After": "5" },
    );
  }
}
