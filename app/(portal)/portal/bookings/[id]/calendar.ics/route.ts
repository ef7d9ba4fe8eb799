import { getCurrentUser } from "@/lib/auth/session";
import { consultationFor, getClientBookingForCalendar } from "@/lib/booking/queries";
import { clientView } from "@/lib/booking/consultation";
import { getConsultationSettings } from "@/lib/booking/rules";
import { icsForClient } from "@/lib/booking/emails";
import { getPracticeProfile } from "@/lib/practice/profile";
import { siteUrl } from "@/lib/platform/site";
import { recordId } from "@/lib/platform/validation";

type Context = { params: Promise<{ id: string }> };

export async function GET(_req: Request, { params }: Context) {
  const user = await getCurrentUser();
  const { id } = await params;
  // Another client's booking and a missing one look the same.
  // A malformed id (a NUL, say, which PostgreSQL refuses) is as missing as another client's.
  const booking = user?.role === "CLIENT" && recordId.safeParse(id).success ? await getClientBookingForCalendar(id, user.id) : null;
  if (!booking) return new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const [{ practiceName, clinicianName }, settings] = await Promise.all([getPracticeProfile(), getConsultationSettings()]);
  // A copy for her own calendar: published (nothing to reply to), discreet unless she chose otherwise.
  const ics = icsForClient(booking, booking.status === "CANCELLED" ? "CANCEL" : "PUBLISH", {
    email: booking.email,
    practiceName,
    portalUrl: siteUrl("/portal"),
    showPractice: booking.calendarShowsPractice,
    how: clientView(consultationFor(booking, settings, clinicianName)),
  });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="consultation.ics"',
      "Cache-Control": "no-store",
    },
  });
}
