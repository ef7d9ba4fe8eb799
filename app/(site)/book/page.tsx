import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { cookies, headers } from "next/headers";
import { DateTime } from "luxon";
import { DayPicker, type PickerDay } from "@/components/booking/day-picker";
import { publicLine } from "@/lib/booking/consultation";
import { getConsultationSettings } from "@/lib/booking/rules";
import { getPracticeProfile } from "@/lib/practice/profile";
import { LazyBookingForm as BookingForm } from "@/components/booking/lazy-booking-form";
import { TimeZoneForm } from "@/components/booking/time-zone-form";
import { TimeZoneSync } from "@/components/booking/time-zone-sync";
import { formatDateTime, formatDay, formatTime, zoneName } from "@/lib/platform/format";
import { requestPrefill } from "@/lib/booking/queries";
import { getOpenSlotsForVisitors } from "@/lib/booking/open-times";
import { getCurrentUser } from "@/lib/auth/session";
import { recordId } from "@/lib/platform/validation";
import { groupSlotsByDay, nearestSlots } from "@/lib/booking/slots";
import { resolveTimeZone, TZ_COOKIE } from "@/lib/booking/timezone";
import { pageMetadata } from "@/lib/platform/metadata";
import { guardPage } from "@/components/ui/page-guard";

export const metadata: Metadata = pageMetadata({
  title: "Book a free consultation",
  description: "Choose a time for a free 20-minute consultation, shown in your own time zone.",
  path: "/book",
});

// Rendered per visitor (her zone, her chosen time); the open times themselves are computed
// once per change (getOpenSlotsForVisitors).
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ tz?: string; slot?: string; notice?: string; near?: string; from?: string; day?: string }> };

/**
 * Runs before the times are painted, on a first visit only (no zone chosen, none remembered):
 * when the browser's zone is not the one the page was rendered in, it remembers the browser's
 * and asks for the page again, so the list is never shown in the wrong zone and then jumps.
 */
function firstPaintZoneScript(renderedZone: string): string {
  return `(function(){try{if(/(^|; )tz=/.test(document.cookie))return;var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(!z)return;document.cookie="tz="+encodeURIComponent(z)+"; path=/; max-age=31536000; samesite=lax";if(z!==${JSON.stringify(renderedZone)})location.replace(location.href)}catch(e){}})()`;
}

// Guarded: with the database down the slots cannot be read, and the person gets the error page
// (with the crisis lines) as HTML, not an empty document.
export default guardPage("public", "book", async function BookPage({ searchParams }: Props) {
  const params = await searchParams;
  const [{ rules, slots }, jar, settings, profile] = await Promise.all([
    getOpenSlotsForVisitors(),
    cookies(),
    getConsultationSettings(),
    getPracticeProfile(),
  ]);
  const remembered = jar.get(TZ_COOKIE)?.value;
  const tz = resolveTimeZone([params.tz, remembered], rules.timeZone);
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const selected = params.slot ? slots.find((slot) => slot.start.toISOString() === params.slot) : undefined;
  const requested = params.slot && !Number.isNaN(Date.parse(params.slot)) ? new Date(params.slot) : null;
  const near = params.near && !Number.isNaN(Date.parse(params.near)) ? nearestSlots(slots, new Date(params.near), 3) : [];
  // Back from a confirm link whose time no longer fits: her earlier answers fill the form again
  // (only for the signed-in owner of that request; the id is not a secret, the answers are).
  const from = params.from && recordId.safeParse(params.from).success ? params.from : undefined;
  const user = from ? await getCurrentUser() : null;
  const prefill = from && user?.role === "CLIENT" ? await requestPrefill(from, user) : null;
  const keep = { tz, ...(prefill && from ? { from } : {}) };
  const hrefFor = (slot: { start: Date }) => `/book?${new URLSearchParams({ slot: slot.start.toISOString(), ...keep })}#details`;

  const groups = groupSlotsByDay(slots, tz);
  const dayOf = (date: Date) => DateTime.fromJSDate(date, { zone: tz }).toISODate() ?? "";
  const wanted = params.day ?? (requested ? dayOf(requested) : undefined);
  const shown = groups.find((g) => g.date === wanted) ?? groups[0];
  const days: PickerDay[] = groups.map((g) => {
    const d = DateTime.fromISO(g.date).setLocale("en-US");
    return {
      date: g.date,
      label: formatDay(g.date),
      weekday: d.toFormat("ccc"),
      dayOfMonth: d.toFormat("LLL d"),
      slots: g.slots.map((slot) => ({ iso: slot.start.toISOString(), label: formatTime(slot.start, tz), href: hrefFor(slot) })),
    };
  });
  const dayHref = Object.fromEntries(groups.map((g) => [g.date, `/book?${new URLSearchParams({ day: g.date, ...keep })}#times-heading`]));
  // The zone's name as it applies to the dates shown (summer slots say "Daylight Time").
  const shownZoneName = zoneName(tz, shown?.slots[0]?.start ?? new Date());

  return (
    <div className="container section">
      {!params.tz && !remembered && <script nonce={nonce} dangerouslySetInnerHTML={{ __html: firstPaintZoneScript(tz) }} />}
      <TimeZoneSync current={tz} chosen={Boolean(params.tz)} />
      <div className="narrow">
        <h1>Book a free consultation</h1>
        <p className="lead">
          A free, {rules.slotMinutes}-minute consultation to talk about what is going on and whether we are a good fit. There is no
          obligation and nothing to prepare.
        </p>
        <p data-how="">
          {publicLine({ mode: settings.consultationMode, clinicianName: profile.clinicianName, address: settings.inPersonAddress })}
        </p>
      </div>

      {params.notice === "taken" && (
        <div className="notice" role="alert">
          <p>
            <strong>Sorry, the time you picked is no longer available.</strong> Here are the nearest open times
            {prefill ? "; your answers are kept" : ""}:
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
            Times are shown in <strong>{shownZoneName}</strong> ({tz.replace(/_/g, " ")}). The practice is in{" "}
            {zoneName(rules.timeZone, shown?.slots[0]?.start ?? new Date())}.
          </p>
          <TimeZoneForm current={tz} action="/book" hidden={selected ? { slot: selected.start.toISOString() } : {}} />
          {shown ? (
            <DayPicker days={days} initialDate={shown.date} selectedIso={selected?.start.toISOString()} dayHref={dayHref} />
          ) : (
            <p className="notice">
              There are no open times in the next few weeks. Please contact the practice and we will find a time together.
            </p>
          )}
        </section>

        <section id="details" aria-labelledby="details-heading" className="book-details">
          <h2 id="details-heading">Your details</h2>
          {requested ? (
            <>
              <p className="selected-slot">
                <strong>{formatDateTime(requested, tz)}</strong>
              </p>
              {/* Rendered even when the time has gone (taken, or held by this very visitor a moment
                  ago): the form then offers the nearest times, and keeps its answer after a post. */}
              <BookingForm
                slotStart={requested.toISOString()}
                timeZone={tz}
                prefill={prefill}
                unavailable={
                  selected
                    ? null
                    : nearestSlots(slots, requested, 3).map((slot) => ({
                        iso: slot.start.toISOString(),
                        label: formatDateTime(slot.start, tz),
                      }))
                }
              />
            </>
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
