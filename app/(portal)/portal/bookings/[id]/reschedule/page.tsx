import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { cookies } from "next/headers";
import { ChooseSlotForm } from "@/components/booking/choose-slot-form";
import { rescheduleAction } from "@/lib/actions/booking";
import { requireClient } from "@/lib/auth/session";
import { DateTime } from "luxon";
import { formatDateTime, zoneName } from "@/lib/platform/format";
import { slotChoicesByDay } from "@/lib/booking/choices";
import { getOpenSlots, listClientBookings } from "@/lib/booking/queries";
import { cutoffMessage } from "@/lib/booking/rules";
import { resolveTimeZone, TZ_COOKIE } from "@/lib/booking/timezone";

export const metadata: Metadata = { title: "Reschedule", robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ day?: string }> };

export default async function ReschedulePage({ params, searchParams }: Props) {
  const [{ id }, { day }] = await Promise.all([params, searchParams]);
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
  const days = slotChoicesByDay(slots, tz);
  // One day at a time, so the button is never 80 times away on a phone.
  const shown = days.find((d) => d.date === day) ?? days[0];
  return (
    <div className="container narrow section">
      <h1>Choose a new time</h1>
      <p>
        Currently booked: <strong>{formatDateTime(booking.startsAt, tz)}</strong>. Times are shown in{" "}
        {zoneName(tz, shown ? new Date(shown.slots[0]!.iso) : new Date())}.
      </p>
      {shown ? (
        <>
          <nav aria-label="Days with open times">
            <ul className="day-strip">
              {days.map((d) => (
                <li key={d.date}>
                  <Link
                    href={`/portal/bookings/${encodeURIComponent(id)}/reschedule?${new URLSearchParams({ day: d.date })}`}
                    className="day-chip"
                    aria-current={d.date === shown.date ? "date" : undefined}
                    prefetch={false}
                  >
                    <span className="day-chip-weekday">{DateTime.fromISO(d.date).setLocale("en-US").toFormat("ccc")}</span>{" "}
                    <span className="day-chip-date">{DateTime.fromISO(d.date).setLocale("en-US").toFormat("LLL d")}</span>
                    <span className="visually-hidden"> {d.label}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <ChooseSlotForm bookingId={id} days={[shown]} action={rescheduleAction} />
        </>
      ) : (
        <p className="notice">There are no other open times in the next few weeks. Please contact the practice.</p>
      )}
      <p>
        <Link href="/portal">Keep my current time</Link>
      </p>
    </div>
  );
}
