import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { AvailabilityForm } from "@/components/booking/availability-form";
import { requireClinician } from "@/lib/auth/session";
import { zoneChoices } from "@/lib/booking/timezone";
import { getBookingRules } from "@/lib/booking/rules";

export const metadata: Metadata = { title: "Availability", robots: { index: false } };

export default async function AvailabilityPage() {
  await requireClinician("/dashboard/availability");
  const rules = await getBookingRules();
  const timeZones = zoneChoices(rules.timeZone);
  return (
    <div className="narrow">
      <h1>Availability</h1>
      <p className="lead">
        When clients can book a free consultation. Changes show on the <Link href="/book">booking page</Link> as soon as you save. Existing
        bookings are never cancelled by a change here: any that no longer fit are listed for you to follow up.
      </p>
      <AvailabilityForm
        timeZones={timeZones}
        initial={{
          timeZone: rules.timeZone,
          windows: rules.windows.map((w) => ({ weekday: w.weekday, start: w.start, end: w.end })),
          slotMinutes: rules.slotMinutes,
          bufferMinutes: rules.bufferMinutes,
          minNoticeMinutes: rules.minNoticeMinutes,
          horizonDays: rules.horizonDays,
          cancelCutoffMinutes: rules.cancelCutoffMinutes,
          daysOff: rules.daysOff,
        }}
      />
    </div>
  );
}
