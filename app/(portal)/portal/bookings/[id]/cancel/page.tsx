import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { cookies } from "next/headers";
import { CancelForm } from "@/components/booking/cancel-form";
import { cancelAction } from "@/lib/actions/booking";
import { requireClient } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/platform/format";
import { listClientBookings } from "@/lib/booking/queries";
import { cutoffMessage } from "@/lib/booking/rules";
import { resolveTimeZone, TZ_COOKIE } from "@/lib/booking/timezone";

export const metadata: Metadata = { title: "Cancel consultation", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

export default async function CancelPage({ params }: Props) {
  const { id } = await params;
  const user = await requireClient(`/portal/bookings/${encodeURIComponent(id)}/cancel`);
  const { rules, bookings } = await listClientBookings(user.id);
  const booking = bookings.find((b) => b.id === id);
  if (!booking) notFound();
  const tz = resolveTimeZone([(await cookies()).get(TZ_COOKIE)?.value], rules.timeZone);
  return (
    <div className="container narrow section">
      <h1>Cancel your consultation?</h1>
      <p>
        <strong>{formatDateTime(booking.startsAt, tz)}</strong>
      </p>
      {booking.changeable ? (
        <>
          <p>You are welcome to book again whenever you are ready.</p>
          <CancelForm bookingId={id} action={cancelAction} />
        </>
      ) : (
        <p className="notice">{cutoffMessage(rules)}</p>
      )}
      <p>
        <Link href="/portal">Keep my consultation</Link>
      </p>
    </div>
  );
}
