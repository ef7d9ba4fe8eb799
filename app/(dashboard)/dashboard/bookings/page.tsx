import type { Metadata } from "next";
import { TableWrap } from "@/components/ui/table-wrap";
import Link from "@/components/ui/link";
import { BookingActions } from "@/components/booking/booking-actions";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireClinician } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/platform/format";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { listBookings, type DashboardBooking } from "@/lib/booking/queries";
import { contactMethodLabel } from "@/lib/booking/schema";
import { BOOKING_STATUS_LABEL } from "@/lib/booking/status";

export const metadata: Metadata = { title: "Bookings", robots: { index: false } };

function BookingTable({ bookings, timeZone, past }: { bookings: DashboardBooking[]; timeZone: string; past: boolean }) {
  if (bookings.length === 0) return <p>None.</p>;
  return (
    <TableWrap label={past ? "Past consultations" : "Upcoming consultations"}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Client</th>
            <th scope="col">Contact</th>
            <th scope="col">Note</th>
            <th scope="col">Status and actions</th>
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.id} data-booking={b.id}>
              <td>{formatDateTime(b.startsAt, timeZone)}</td>
              <td>
                {b.firstName}
                <br />
                <span className="small">{b.email}</span>
                {b.intakeId && (
                  <>
                    <br />
                    <Link href={`/dashboard/intakes/${b.intakeId}`}>Intake</Link>
                  </>
                )}
              </td>
              <td>
                {contactMethodLabel(b.contactMethod)}
                {b.phone && (
                  <>
                    <br />
                    {b.phone}
                  </>
                )}
              </td>
              <td className="note-cell">{b.note ?? "–"}</td>
              <td>
                <StatusBadge tone={b.status === "CONFIRMED" || b.status === "COMPLETED" ? "ok" : "neutral"}>
                  {BOOKING_STATUS_LABEL[b.status]}
                </StatusBadge>
                {b.status !== "CANCELLED" && <BookingActions bookingId={b.id} past={past} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export default async function BookingsPage() {
  const user = await requireClinician("/dashboard/bookings");
  const [upcoming, past, timeZone] = await Promise.all([listBookings(user, "upcoming"), listBookings(user, "past"), getPracticeTimeZone()]);
  return (
    <>
      <h1>Bookings</h1>
      <p className="small">Times in {timeZone.replace(/_/g, " ")}.</p>
      <section aria-labelledby="upcoming-h">
        <h2 id="upcoming-h">Upcoming</h2>
        <BookingTable bookings={upcoming} timeZone={timeZone} past={false} />
      </section>
      <section aria-labelledby="past-h">
        <h2 id="past-h">Past</h2>
        <BookingTable bookings={past} timeZone={timeZone} past />
      </section>
    </>
  );
}
