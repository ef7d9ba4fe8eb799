import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { AvailabilityForm } from "@/components/booking/availability-form";
import { ActionButton } from "@/components/booking/action-button";
import { AddCalendarForm, FeedForms } from "@/components/booking/calendar-forms";
import { ConsultationSettingsForm } from "@/components/booking/consultation-settings-form";
import { StatusBadge } from "@/components/ui/status-badge";
import { refreshCalendarAction, removeCalendarAction } from "@/lib/actions/booking";
import { requireClinician } from "@/lib/auth/session";
import { listCalendars } from "@/lib/booking/calendars";
import { hasFeed } from "@/lib/booking/feed";
import { getOpenSlots } from "@/lib/booking/queries";
import { getConsultationSettings, SPARE_DAYS_OFF_ROWS, WINDOWS_PER_DAY } from "@/lib/booking/rules";
import { groupSlotsByDay } from "@/lib/booking/slots";
import { zoneChoices } from "@/lib/booking/timezone";
import { formatDateTime, formatDay, formatTime } from "@/lib/platform/format";

export const metadata: Metadata = { title: "Availability", robots: { index: false } };

const PREVIEW_DAYS = 14;

function age(date: Date | null, now: Date): string {
  if (!date) return "never";
  const minutes = Math.round((now.getTime() - date.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours ago` : `${Math.round(hours / 24)} days ago`;
}

export default async function AvailabilityPage() {
  await requireClinician("/dashboard/availability");
  const now = new Date();
  const [{ rules, slots }, settings, calendars, feedActive] = await Promise.all([
    getOpenSlots(now),
    getConsultationSettings(),
    listCalendars(),
    hasFeed(),
  ]);
  const timeZones = zoneChoices(rules.timeZone);

  const fields: Record<string, string> = {
    timeZone: rules.timeZone,
    slotMinutes: String(rules.slotMinutes),
    bufferMinutes: String(rules.bufferMinutes),
    minNoticeHours: String(rules.minNoticeMinutes / 60),
    horizonDays: String(rules.horizonDays),
    cancelCutoffHours: String(rules.cancelCutoffMinutes / 60),
  };
  const perDay = new Map<number, number>();
  for (const w of rules.windows) {
    const i = perDay.get(w.weekday) ?? 0;
    perDay.set(w.weekday, i + 1);
    fields[`hours.${w.weekday}.${i}.start`] = w.start;
    fields[`hours.${w.weekday}.${i}.end`] = w.end;
  }
  const windowsPerDay = Math.max(WINDOWS_PER_DAY, ...perDay.values());
  rules.daysOff.forEach((entry, i) => {
    const [from = "", to = ""] = entry.split("/");
    fields[`off.${i}.from`] = from;
    fields[`off.${i}.to`] = to;
  });

  const previewEnd = now.getTime() + PREVIEW_DAYS * 24 * 60 * 60 * 1000;
  const preview = groupSlotsByDay(
    slots.filter((slot) => slot.start.getTime() < previewEnd),
    rules.timeZone,
  );

  return (
    <div className="narrow">
      <h1>Availability</h1>
      <p className="lead">
        When clients can book a free consultation. Changes show on the <Link href="/book">booking page</Link> as soon as you save. Existing
        bookings are never cancelled by a change here: any that no longer fit are listed for you to follow up.
      </p>

      <section aria-labelledby="preview-h" className="card section-gap">
        <h2 id="preview-h" className="card-title">
          The next two weeks, as clients see them
        </h2>
        <p className="small">
          Open times after your notice, days off, bookings and your calendars&apos; busy times, in {rules.timeZone.replace(/_/g, " ")}.
        </p>
        {preview.length === 0 ? (
          <p>No open times in the next two weeks.</p>
        ) : (
          <ul className="preview-days">
            {preview.map((day) => (
              <li key={day.date}>
                <strong>{formatDay(day.date)}</strong>: {day.slots.map((slot) => formatTime(slot.start, rules.timeZone)).join(", ")}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="hours-h" className="section-gap">
        <h2 id="hours-h">Hours and days</h2>
        <AvailabilityForm
          initial={fields}
          timeZones={timeZones}
          windowsPerDay={windowsPerDay}
          dayOffRows={rules.daysOff.length + SPARE_DAYS_OFF_ROWS}
        />
      </section>

      <section aria-labelledby="how-h" className="section-gap">
        <h2 id="how-h">How consultations happen</h2>
        <ConsultationSettingsForm
          initial={{
            consultationMode: settings.consultationMode,
            consultationPhone: settings.consultationPhone ?? "",
            videoRoomUrl: settings.videoRoomUrl ?? "",
            inPersonAddress: settings.inPersonAddress ?? "",
            firstReminder: String(settings.reminderMinutes[0] ?? 0),
            secondReminder: String(settings.reminderMinutes[1] ?? 0),
            quietStart: settings.quietHours.start,
            quietEnd: settings.quietHours.end,
          }}
        />
      </section>

      <section aria-labelledby="calendars-h" className="section-gap">
        <h2 id="calendars-h">Your calendars</h2>
        <p>
          Haven reads the busy times of your other calendars and never offers a time that overlaps one (with your buffer). They are fetched
          every few minutes; if a fetch fails, the last good copy is used.
        </p>
        {calendars.length > 0 && (
          <ul className="grid" aria-label="Connected calendars">
            {calendars.map((calendar) => (
              <li key={calendar.id} className="card" data-calendar={calendar.label}>
                <h3 className="card-title">
                  {calendar.label} <span className="small">({calendar.host})</span>
                </h3>
                {calendar.lastError ? (
                  <p role="alert">
                    <StatusBadge tone="urgent">Last fetch failed</StatusBadge> {calendar.lastError} Tried {age(calendar.lastAttemptAt, now)}
                    . Using the busy times from{" "}
                    {calendar.lastSuccessAt
                      ? `${formatDateTime(calendar.lastSuccessAt, rules.timeZone)} (${age(calendar.lastSuccessAt, now)})`
                      : "never"}
                    .
                  </p>
                ) : (
                  <p>
                    <StatusBadge tone="ok">Up to date</StatusBadge> {calendar.busyCount} busy times, fetched{" "}
                    {age(calendar.lastSuccessAt, now)}.
                  </p>
                )}
                <div className="actions">
                  <ActionButton
                    action={refreshCalendarAction}
                    fields={{ calendarId: calendar.id }}
                    label="Fetch now"
                    pendingLabel="Fetching…"
                  />
                  <ActionButton
                    action={removeCalendarAction}
                    fields={{ calendarId: calendar.id }}
                    label={`Disconnect ${calendar.label}`}
                    pendingLabel="Removing…"
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
        <h3>Connect a calendar</h3>
        <AddCalendarForm />
      </section>

      <section aria-labelledby="feed-h" className="section-gap">
        <h2 id="feed-h">Your consultations in your calendar app</h2>
        <p>
          A secret subscription address lists your upcoming consultations for Google Calendar, Outlook or Apple Calendar: each entry says
          “Consultation”, the time, how it happens and a link to the booking here; no client details. Anyone with the address can see those
          times, so keep it private, and revoke it if it leaks.
        </p>
        <p className="small">{feedActive ? "A subscription address is active." : "No subscription address is active."}</p>
        <FeedForms active={feedActive} />
      </section>
    </div>
  );
}
