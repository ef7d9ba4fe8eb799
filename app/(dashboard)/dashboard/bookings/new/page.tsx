import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { PhoneBookingForm } from "@/components/booking/clinician-booking-forms";
import { requireClinician } from "@/lib/auth/session";
import { slotChoicesByDay } from "@/lib/booking/choices";
import { getOpenSlots } from "@/lib/booking/queries";

export const metadata: Metadata = { title: "Book a consultation", robots: { index: false } };

export default async function NewBookingPage() {
  await requireClinician("/dashboard/bookings/new");
  const { rules, slots } = await getOpenSlots();
  return (
    <div className="narrow">
      <h1>Book for someone who phoned</h1>
      <p>
        The client gets the usual confirmation with a calendar entry and a link to the portal, where she can see, move or cancel it. Times
        in {rules.timeZone.replace(/_/g, " ")}.
      </p>
      <PhoneBookingForm days={slotChoicesByDay(slots, rules.timeZone)} timeZone={rules.timeZone} />
      <p>
        <Link href="/dashboard/bookings">Back to bookings</Link>
      </p>
    </div>
  );
}
