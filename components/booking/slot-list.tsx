import Link from "@/components/link";
import { formatDay, formatTime } from "@/lib/booking/format";
import { groupSlotsByDay, type Slot } from "@/lib/booking/slots";

/** Open slots by day in the visitor's zone; each is a link, so no JavaScript is needed. */
export function SlotList({ slots, timeZone, hrefFor, selected }: { slots: Slot[]; timeZone: string; hrefFor: (slot: Slot) => string; selected?: string }) {
  const days = groupSlotsByDay(slots, timeZone);
  if (days.length === 0) {
    return <p className="notice">There are no open times in the next few weeks. Please contact the practice and we will find a time together.</p>;
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
                  {/* No prefetch: /book is rendered per request, so prefetching every visible slot
                      sent dozens of full server renders per page view (and cost the phone that much work). */}
                  <Link href={hrefFor(slot)} className="slot" aria-current={selected === iso ? "true" : undefined} data-slot={iso} scroll={false} prefetch={false}>
                    {formatTime(slot.start, timeZone)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
