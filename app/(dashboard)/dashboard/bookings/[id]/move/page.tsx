import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "@/components/ui/link";
import { MoveBookingForm } from "@/components/booking/clinician-booking-forms";
import { requireClinician } from "@/lib/auth/session";
import { slotChoicesByDay } from "@/lib/booking/choices";
import { getBookingForClinician, getOpenSlots } from "@/lib/booking/queries";
import { formatDateTime } from "@/lib/platform/format";
import { recordId } from "@/lib/platform/validation";

export const metadata: Metadata = { title: "Move a consultation", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

export default async function MoveBookingPage({ params }: Props) {
  const { id } = await params;
  const user = await requireClinician(`/dashboard/bookings/${encodeURIComponent(id)}/move`);
  const booking = recordId.safeParse(id).success ? await getBookingForClinician(id, user) : null;
  if (!booking) notFound();
  const { rules, slots } = await getOpenSlots(new Date(), { excludeBookingId: id });
  return (
    <div className="narrow">
      <h1>Move {booking.firstName}&apos;s consultation</h1>
      <p>
        Now: <strong>{formatDateTime(booking.startsAt, rules.timeZone)}</strong>. The client is emailed the new time and her calendar entry
        updates.
      </p>
      <MoveBookingForm bookingId={id} days={slotChoicesByDay(slots, rules.timeZone)} />
      <p>
        <Link href="/dashboard/bookings">Keep the current time</Link>
      </p>
    </div>
  );
}
