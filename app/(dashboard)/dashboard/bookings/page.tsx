import type { Metadata } from "next";
import { TableWrap } from "@/components/ui/table-wrap";
import Link from "@/components/ui/link";
import { ActionButton } from "@/components/booking/action-button";
import { BookingConsultationForm } from "@/components/booking/clinician-booking-forms";
import { StatusBadge } from "@/components/ui/status-badge";
import { clinicianBookingAction } from "@/lib/actions/booking";
import { requireClinician } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/platform/format";
import { getConsultationSettings, getPracticeTimeZone } from "@/lib/booking/rules";
import { listBookings, type DashboardBooking } from "@/lib/booking/queries";
import { MODE_WORD } from "@/lib/booking/consultation";
import { contactMethodLabel } from "@/lib/booking/schema";
import { BOOKING_STATUS_LABEL, cancelledByLabel } from "@/lib/booking/status";
import type { ConsultationMode } from "@/lib/generated/prisma/enums";

export const metadata: Metadata = { title: "Bookings", robots: { index: false } };

const NOTICES: Record<string, string> = {
  booked: "Booked. The client has been emailed the confirmation and a link to the portal.",
  moved: "Moved. The client has been emailed the new time.",
  cancelled: "Cancelled. The client has been emailed.",
};

type Scope = "upcoming" | "cancelled" | "past";

function BookingTable({
  bookings,
  timeZone,
  scope,
  defaultMode,
}: {
  bookings: DashboardBooking[];
  timeZone: string;
  scope: Scope;
  defaultMode: ConsultationMode;
}) {
  if (bookings.length === 0) return <p>None.</p>;
  const label = { upcoming: "Upcoming consultations", cancelled: "Cancelled consultations", past: "Past consultations" }[scope];
  return (
    <TableWrap label={label}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Client</th>
            <th scope="col">Contact</th>
            <th scope="col">Note</th>
            <th scope="col">How</th>
            <th scope="col">Status and actions</th>
          </tr>
        </thead>
        <tbody>
          {bookings.map((b) => (
            <tr key={b.id} id={`booking-${b.id}`} data-booking={b.id}>
              <td>
                {formatDateTime(b.startsAt, timeZone)}
                {b.bookedByClinician && <span className="small"> · booked by you</span>}
              </td>
              {b.readable ? (
                <>
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
                        <a href={`tel:${b.phone.replace(/[^\d+]/g, "")}`}>{b.phone}</a>
                      </>
                    )}
                  </td>
                  <td className="note-cell">{b.note ?? "–"}</td>
                </>
              ) : (
                <td colSpan={3} data-unreadable="">
                  <strong>These details could not be read.</strong> The stored name, phone and note did not decrypt (a missing encryption
                  key or a damaged record); the error is in the server log. <span className="small">{b.email}</span>
                </td>
              )}
              <td>
                {MODE_WORD[b.consultationMode ?? defaultMode]}
                {b.consultationMode === null && <span className="small"> (your default)</span>}
                {scope === "upcoming" && (
                  <BookingConsultationForm bookingId={b.id} mode={b.consultationMode} hasOwnLink={b.hasOwnVideoLink} />
                )}
              </td>
              <td>
                <StatusBadge tone={b.status === "CONFIRMED" || b.status === "COMPLETED" ? "ok" : "neutral"}>
                  {BOOKING_STATUS_LABEL[b.status]}
                </StatusBadge>
                {b.status === "CANCELLED" && (
                  <p className="small">
                    {cancelledByLabel(b.cancelledBy)}
                    {b.cancelReason && <> · Reason: {b.cancelReason}</>}
                  </p>
                )}
                {scope === "upcoming" && (
                  <div className="actions">
                    <Link href={`/dashboard/bookings/${b.id}/move`} className="button button-quiet button-small">
                      Move…
                    </Link>
                    <Link href={`/dashboard/bookings/${b.id}/cancel`} className="button button-quiet button-small">
                      Cancel…
                    </Link>
                  </div>
                )}
                {scope === "past" && b.status !== "CANCELLED" && (
                  <div className="actions">
                    <ActionButton
                      action={clinicianBookingAction}
                      fields={{ bookingId: b.id, action: "COMPLETED" }}
                      label="Completed"
                      pendingLabel="Saving…"
                    />
                    <ActionButton
                      action={clinicianBookingAction}
                      fields={{ bookingId: b.id, action: "NO_SHOW" }}
                      label="No-show"
                      pendingLabel="Saving…"
                    />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

type Props = { searchParams: Promise<{ status?: string }> };

export default async function BookingsPage({ searchParams }: Props) {
  const user = await requireClinician("/dashboard/bookings");
  const [{ status }, upcoming, cancelled, past, timeZone, settings] = await Promise.all([
    searchParams,
    listBookings(user, "upcoming"),
    listBookings(user, "cancelled"),
    listBookings(user, "past"),
    getPracticeTimeZone(),
    getConsultationSettings(),
  ]);
  const notice = status ? NOTICES[status] : undefined;
  return (
    <>
      <h1>Bookings</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <p>
        <Link href="/dashboard/bookings/new" className="button">
          Book for someone who phoned
        </Link>
      </p>
      <p className="small">Times in {timeZone.replace(/_/g, " ")}.</p>
      <section aria-labelledby="upcoming-h">
        <h2 id="upcoming-h">Upcoming</h2>
        <BookingTable bookings={upcoming} timeZone={timeZone} scope="upcoming" defaultMode={settings.consultationMode} />
      </section>
      <section aria-labelledby="cancelled-h">
        <h2 id="cancelled-h">Cancelled (still to come)</h2>
        <BookingTable bookings={cancelled} timeZone={timeZone} scope="cancelled" defaultMode={settings.consultationMode} />
      </section>
      <section aria-labelledby="past-h">
        <h2 id="past-h">Past</h2>
        <BookingTable bookings={past} timeZone={timeZone} scope="past" defaultMode={settings.consultationMode} />
      </section>
    </>
  );
}
