"use client";

import { useState } from "react";

export type PickerDay = {
  date: string;
  label: string;
  weekday: string;
  dayOfMonth: string;
  slots: { iso: string; label: string; href: string }[];
};

/**
 * The open times one day at a time: a strip of the days that have times, and the chosen day's
 * times below it. Each day is a link (?day=…), so it works without JavaScript; with it, a tap
 * shows the day at once instead of loading the page again. Choosing a time is a normal link to
 * the form.
 */
export function DayPicker({
  days,
  initialDate,
  selectedIso,
  dayHref,
}: {
  days: PickerDay[];
  initialDate: string;
  selectedIso?: string;
  dayHref: Record<string, string>;
}) {
  const [date, setDate] = useState(initialDate);
  const day = days.find((d) => d.date === date) ?? days[0];
  if (!day) return null;
  return (
    <div className="day-picker">
      <nav aria-label="Days with open times">
        <ul className="day-strip">
          {days.map((d) => (
            <li key={d.date}>
              <a
                href={dayHref[d.date]}
                className="day-chip"
                aria-current={d.date === day.date ? "date" : undefined}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                  event.preventDefault();
                  setDate(d.date);
                  window.history.replaceState(null, "", dayHref[d.date]);
                }}
              >
                <span className="day-chip-weekday">{d.weekday}</span> <span className="day-chip-date">{d.dayOfMonth}</span>
                <span className="visually-hidden">
                  {" "}
                  {d.label}, {d.slots.length} open {d.slots.length === 1 ? "time" : "times"}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {/* Every day is in the page (hidden but the chosen one), so a tap needs no request. */}
      {days.map((d) => (
        <section key={d.date} aria-labelledby={`day-${d.date}`} className="slot-day" hidden={d.date !== day.date}>
          <h3 id={`day-${d.date}`}>{d.label}</h3>
          <ul className="slot-grid">
            {d.slots.map((slot) => (
              <li key={slot.iso}>
                <a href={slot.href} className="slot" aria-current={selectedIso === slot.iso ? "true" : undefined} data-slot={slot.iso}>
                  {slot.label}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
