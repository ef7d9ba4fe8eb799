import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { cookies } from "next/headers";
import { TimeZoneSync } from "@/components/booking/time-zone-sync";
import { requireClient } from "@/lib/auth/session";
import { listClientBookings } from "@/lib/booking/queries";
import { cutoffMessage } from "@/lib/booking/rules";
import { formatDateTime, formatTimeWithZone, zoneName } from "@/lib/platform/format";
import { JoinVideo } from "@/components/booking/join-video";
import { resolveTimeZone, TZ_COOKIE } from "@/lib/booking/timezone";
import { getIntakeStatus } from "@/lib/intake/service";
import { getPublicProfile } from "@/lib/practice/profile";
import { ContactLinks } from "@/components/site/contact-links";

export const metadata: Metadata = { title: "Your consultation", robots: { index: false } };

const STATUS_MESSAGES: Record<string, string> = {
  confirmed: "Your consultation is confirmed. We have emailed you the details and a calendar invitation.",
  rescheduled: "Your consultation has been moved. We have emailed you the new time.",
  cancelled: "Your consultation has been cancelled. We have emailed you a confirmation.",
};

type Props = { searchParams: Promise<{ status?: string }> };

export default async function PortalPage({ searchParams }: Props) {
  const user = await requireClient("/portal");
  const [{ status }, { rules, bookings }, profile, intakeStatus] = await Promise.all([
    searchParams,
    listClientBookings(user.id),
    getPublicProfile(),
    getIntakeStatus(user.id),
  ]);
  const tz = resolveTimeZone([(await cookies()).get(TZ_COOKIE)?.value], rules.timeZone);
  const message = status ? STATUS_MESSAGES[status] : undefined;

  return (
    <div className="container narrow section">
      <TimeZoneSync current={tz} chosen={false} />
      <h1>Your consultation</h1>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {bookings.length === 0 ? (
        <div className="card">
          <p>You have no upcoming consultation.</p>
          <p>
            <Link href="/book" className="button">
              Book a free consultation
            </Link>
          </p>
        </div>
      ) : (
        <ul className="grid">
          {bookings.map((booking) => (
            <li key={booking.id} className="card booking-card" data-booking={booking.id}>
              <h2 className="card-title">Free consultation</h2>
              <p className="selected-slot">
                <strong>{formatDateTime(booking.startsAt, tz)}</strong>
              </p>
              <p className="small">
                {rules.slotMinutes} minutes · times in {zoneName(tz, booking.startsAt)}
              </p>
              <p data-how="">{booking.how.line}</p>
              {booking.how.joinUrl && (
                <JoinVideo
                  url={booking.how.joinUrl}
                  opensAt={booking.joinOpensAt.toISOString()}
                  opensLabel={formatTimeWithZone(booking.joinOpensAt, tz)}
                  initiallyOpen={booking.joinOpen}
                />
              )}
              <div className="actions">
                <a href={`/portal/bookings/${booking.id}/calendar.ics`} className="button button-quiet" download="consultation.ics">
                  Add to calendar
                </a>
                <a href={booking.calendarLinks.google} className="button button-quiet" rel="noopener noreferrer" target="_blank">
                  Google Calendar
                </a>
                <a href={booking.calendarLinks.outlook} className="button button-quiet" rel="noopener noreferrer" target="_blank">
                  Outlook
                </a>
                {booking.changeable ? (
                  <>
                    <Link href={`/portal/bookings/${booking.id}/reschedule`} className="button button-quiet">
                      Reschedule
                    </Link>
                    <Link href={`/portal/bookings/${booking.id}/cancel`} className="button button-quiet">
                      Cancel
                    </Link>
                  </>
                ) : (
                  <p className="small">
                    {cutoffMessage(rules)} <ContactLinks phone={profile.contactPhone} email={profile.contactEmail} />
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <section className="card section-gap" aria-labelledby="intake-heading">
        <h2 id="intake-heading" className="card-title">
          Before your first session
        </h2>
        {intakeStatus === "SUBMITTED" || intakeStatus === "REVIEWED" ? (
          <p>
            Your intake questionnaire has been submitted. Thank you. <Link href="/portal/intake">View your answers</Link>
          </p>
        ) : (
          <p>
            A short intake questionnaire helps make the most of your first session. Your answers save as you go.{" "}
            <Link href="/portal/intake">
              {intakeStatus === "DRAFT" ? "Continue the intake questionnaire" : "Start the intake questionnaire"}
            </Link>
          </p>
        )}
      </section>
    </div>
  );
}
