import { type NextRequest, NextResponse } from "next/server";
import { getCurrentUser } from "@/lib/auth/session";
import { confirmHold } from "@/lib/booking/service";
import { recordId } from "@/lib/platform/validation";

/**
 * Where the emailed sign-in link lands: the client is now signed in, and their held time
 * becomes a booking (see confirmHold). Idempotent, so a second click changes nothing.
 */
export async function GET(req: NextRequest) {
  const bookingId = req.nextUrl.searchParams.get("booking") ?? "";
  const to = (path: string) => NextResponse.redirect(new URL(path, req.nextUrl.origin), { status: 303 });
  const user = await getCurrentUser();
  if (!user || user.role !== "CLIENT") {
    return to(`/signin?${new URLSearchParams({ callbackUrl: `/portal/confirm?booking=${bookingId}` })}`);
  }
  // Only an id reaches the database: a NUL or anything else a link never carries is "not found".
  if (!recordId.safeParse(bookingId).success) return to("/portal");
  const result = await confirmHold(bookingId, user);
  switch (result.status) {
    case "confirmed":
    case "already-confirmed":
      return to("/portal?status=confirmed");
    case "not-found":
      return to("/portal");
    case "unavailable":
      return to(
        `/book?${new URLSearchParams({ notice: "taken", near: result.alternatives[0]?.start.toISOString() ?? "", from: bookingId })}`,
      );
  }
}
