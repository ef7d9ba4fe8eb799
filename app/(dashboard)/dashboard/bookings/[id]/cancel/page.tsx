import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "@/components/ui/link";
import { ClinicianCancelForm } from "@/components/booking/clinician-booking-forms";
import { requireClinician } from "@/lib/auth/session";
import { getBookingForClinician } from "@/lib/booking/queries";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { formatDateTime } from "@/lib/platform/format";
import { recordId } from "@/lib/platform/validation";

export const metadata: Metadata = { title: "Cancel a consultation", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

export default async function CancelBookingPage({ params }: Props) {
  const { id } = await params;
  const user = await requireClinician(`/dashboard/bookings/${encodeURIComponent(id)}/cancel`);
  const booking = recordId.safeParse(id).success ? await getBookingForClinician(id, user) : null;
  if (!booking) notFound();
  const timeZone = await getPracticeTimeZone();
  return (
    <div className="narrow">
      <h1>Cancel {booking.firstName}&apos;s consultation?</h1>
      <p>
        <strong>{formatDateTime(booking.startsAt, timeZone)}</strong>
      </p>
      <p>
        The client is emailed the cancellation with your message, and her calendar entry is removed. It stays listed as cancelled by you.
      </p>
      <ClinicianCancelForm bookingId={id} />
      <p>
        <Link href="/dashboard/bookings">Keep the consultation</Link>
      </p>
    </div>
  );
}
