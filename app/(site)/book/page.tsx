import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { cookies } from "next/headers";
import { LazyBookingForm as BookingForm } from "@/components/booking/lazy-booking-form";
import { SlotList } from "@/components/booking/slot-list";
import { TimeZoneForm } from "@/components/booking/time-zone-form";
import { TimeZoneSync } from "@/components/booking/time-zone-sync";
import { formatDateTime, zoneName } from "@/lib/platform/format";
import { getOpenSlots } from "@/lib/booking/queries";
import { nearestSlots } from "@/lib/booking/slots";
import { resolveTimeZone, TZ_COOKIE } from "@/lib/booking/timezone";
import { pageMetadata } from "@/lib/platform/metadata";
import { guardPage } from "@/components/ui/page-guard";

export const metadata: Metadata = pageMetadata({
  title: "Book a free consultation",
  description: "Choose a time for a free 20-minute consultation, shown in your own time zone.",
  path: "/book",
});

// Availability changes by the minute: always render fresh.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ tz?: string; slot?: string; notice?: string; near?: string }> };

// Guarded: with the database down the slots cannot be read, and the person gets the error page
// (with the crisis lines) as HTML, not an empty document.
export default guardPage("public", "book", async function BookPage({ searchParams }: Props) {
  const params = await searchParams;
  const { rules, slots } = await getOpenSlots();
  const tz = resolveTimeZone([params.tz, (await cookies()).get(TZ_COOKIE)?.value], rules.timeZone);
  const selected = params.slot ? slots.find((slot) => slot.start.toISOString() === params.slot) : undefined;
  const near = params.near && !Number.isNaN(Date.parse(params.near)) ? nearestSlots(slots, new Date(params.near), 3) : [];
  const hrefFor = (slot: { start: Date }) => `/book?${new URLSearchParams({ slot: slot.start.toISOString(), tz })}#details`;

  return (
    <div className="container section">
      <TimeZoneSync current={tz} chosen={Boolean(params.tz)} />
      <div className="narrow">
        <h1>Book a free consultation</h1>
        <p className="lead">
          A free, {rules.slotMinutes}-minute call to talk about what is going on and whether we are a good fit. There is no obligation and
          nothing to prepare.
        </p>
      </div>

      {params.notice === "taken" && (
        <div className="notice" role="alert">
          <p>
            <strong>Sorry, the time you picked was taken while your hold was open.</strong> Here are the nearest open times:
          </p>
          {near.length > 0 ? (
            <ul className="slot-grid">
              {near.map((slot) => (
                <li key={slot.start.toISOString()}>
                  <Link className="slot" href={hrefFor(slot)} prefetch={false}>
                    {formatDateTime(slot.start, tz)}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>Please choose another time below.</p>
          )}
        </div>
      )}

      <div className="book-layout">
        <section aria-labelledby="times-heading" className="book-times">
          <h2 id="times-heading">Open times</h2>
          <p className="small">
            Times are shown in <strong>{zoneName(tz)}</strong> ({tz.replace(/_/g, " ")}). The practice is in {zoneName(rules.timeZone)}.
          </p>
          <TimeZoneForm current={tz} action="/book" hidden={selected ? { slot: selected.start.toISOString() } : {}} />
          <SlotList slots={slots} timeZone={tz} hrefFor={hrefFor} selected={selected?.start.toISOString()} />
        </section>

        <section id="details" aria-labelledby="details-heading" className="book-details">
          <h2 id="details-heading">Your details</h2>
          {selected ? (
            <>
              <p className="selected-slot">
                <strong>{formatDateTime(selected.start, tz)}</strong>
              </p>
              <BookingForm slotStart={selected.start.toISOString()} slotLabel={formatDateTime(selected.start, tz)} timeZone={tz} />
            </>
          ) : params.slot ? (
            <p className="notice" role="alert">
              That time is no longer available. Please choose another time from the list.
            </p>
          ) : (
            <p>Choose a time from the list to continue.</p>
          )}
          <p className="small">
            Already booked? <Link href="/portal">Manage your consultation</Link>.
          </p>
        </section>
      </div>
    </div>
  );
});
