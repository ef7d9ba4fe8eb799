import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requireClinician } from "@/lib/auth/session";
import { upcomingSummary } from "@/lib/booking/queries";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { countFailedEmails } from "@/lib/email/failed";
import { countIntakes } from "@/lib/intake/review";
import { formatDateTime } from "@/lib/platform/format";

export const metadata: Metadata = { title: "Dashboard", robots: { index: false } };

export default async function DashboardOverviewPage() {
  await requireClinician("/dashboard");
  const timeZone = await getPracticeTimeZone();
  const [intakes, bookings, failedEmails] = await Promise.all([countIntakes(), upcomingSummary(timeZone), countFailedEmails()]);
  const overview = { timeZone, urgentIntakes: intakes.urgent, newIntakes: intakes.submitted, failedEmails, ...bookings };
  return (
    <>
      <h1>Overview</h1>
      {overview.urgentIntakes > 0 && (
        <p className="notice crisis-notice" role="alert">
          <strong>
            {overview.urgentIntakes} {overview.urgentIntakes === 1 ? "intake needs" : "intakes need"} your prompt review.
          </strong>{" "}
          <Link href="/dashboard/intakes">Review urgent intakes</Link>
        </p>
      )}
      <ul className="stat-grid">
        <li className="card">
          <p className="stat">{overview.urgentIntakes}</p>
          <p>Urgent intakes</p>
        </li>
        <li className="card">
          <p className="stat">{overview.newIntakes}</p>
          <p>
            <Link href="/dashboard/intakes">New intakes to review</Link>
          </p>
        </li>
        <li className="card">
          <p className="stat">{overview.todayCount}</p>
          <p>Consultations today</p>
        </li>
        <li className="card">
          <p className="stat">{overview.weekCount}</p>
          <p>
            <Link href="/dashboard/bookings">Consultations in the next 7 days</Link>
          </p>
        </li>
        <li className="card">
          <p className="stat">{overview.failedEmails}</p>
          <p>
            <Link href="/dashboard/emails">Emails that could not be sent</Link>
          </p>
        </li>
      </ul>
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Coming up</h2>
        {overview.upcoming.length === 0 ? (
          <p>No consultations in the next 7 days.</p>
        ) : (
          <ul>
            {overview.upcoming.map((b) => (
              <li key={b.id}>{formatDateTime(b.startsAt, overview.timeZone)}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
