import { formatDay, formatTime } from "@/lib/platform/format";
import { groupSlotsByDay, type Slot } from "@/lib/booking/slots";

/** Open slots by day in the visitor's zone; each is a link, so no JavaScript is needed. */
export function SlotList({
  slots,
  timeZone,
  hrefFor,
  selected,
}: {
  slots: Slot[];
  timeZone: string;
  hrefFor: (slot: Slot) => string;
  selected?: string;
}) {
  const days = groupSlotsByDay(slots, timeZone);
  if (days.length === 0) {
    return (
      <p className="notice">There are no open times in the next few weeks. Please contact the practice and we will find a time together.</p>
    );
  }
  return (
    <div className="slot-days">
      {days.map((day) => (
        <section key={day.date} aria-labelledby={`day-${day.date}`} className="slot-day">
          <h3 id={`day-${day.date}`}>{formatDay(day.date)}</h3>
          <ul className="slot-grid">
            {day.slots.map((slot) => {
              const iso = slot.start.toISOString();
              return (
                <li key={iso}>
                  {/* Plain links, not next/link: there can be a hundred of them, and each client
                      component costs server render time and hydration on the phone; choosing a
                      time is a normal page load that lands on the form. */}
                  <a href={hrefFor(slot)} className="slot" aria-current={selected === iso ? "true" : undefined} data-slot={iso}>
                    {formatTime(slot.start, timeZone)}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
