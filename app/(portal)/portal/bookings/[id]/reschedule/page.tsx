import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { cookies } from "next/headers";
import { ChooseSlotForm } from "@/components/booking/choose-slot-form";
import { rescheduleAction } from "@/lib/actions/booking";
import { requireClient } from "@/lib/auth/session";
import { formatDateTime, formatDay, formatTime, zoneName } from "@/lib/platform/format";
import { getOpenSlots, listClientBookings } from "@/lib/booking/queries";
import { cutoffMessage } from "@/lib/booking/rules";
import { groupSlotsByDay } from "@/lib/booking/slots";
import { resolveTimeZone, TZ_COOKIE } from "@/lib/booking/timezone";

export const metadata: Metadata = { title: "Reschedule", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

export default async function ReschedulePage({ params }: Props) {
  const { id } = await params;
  const user = await requireClient(`/portal/bookings/${encodeURIComponent(id)}/reschedule`);
  const { rules, bookings } = await listClientBookings(user.id);
  const booking = bookings.find((b) => b.id === id);
  if (!booking) notFound();
  const tz = resolveTimeZone([(await cookies()).get(TZ_COOKIE)?.value], rules.timeZone);

  if (!booking.changeable) {
    return (
      <div className="container narrow section">
        <h1>Reschedule</h1>
        <p className="notice">{cutoffMessage(rules)}</p>
        <Link href="/portal">Back to your consultation</Link>
      </div>
    );
  }
  const { slots } = await getOpenSlots(new Date(), { excludeBookingId: id });
  const days = groupSlotsByDay(slots, tz).map((day) => ({
    date: day.date,
    label: formatDay(day.date),
    slots: day.slots.map((slot) => ({ iso: slot.start.toISOString(), label: formatTime(slot.start, tz) })),
  }));
  return (
    <div className="container narrow section">
      <h1>Choose a new time</h1>
      <p>
        Currently booked: <strong>{formatDateTime(booking.startsAt, tz)}</strong>. Times are shown in {zoneName(tz)}.
      </p>
      <ChooseSlotForm bookingId={id} days={days} action={rescheduleAction} />
      <p>
        <Link href="/portal">Keep my current time</Link>
      </p>
    </div>
  );
}
