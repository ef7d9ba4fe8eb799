/** Open times as the clinician's and the client's pickers list them: by day, in a given zone. */
import { formatDay, formatTime } from "@/lib/platform/format";
import { groupSlotsByDay, type Slot } from "@/lib/booking/slots";

export type DayChoices = { date: string; label: string; slots: { iso: string; label: string }[] };

export function slotChoicesByDay(slots: Slot[], timeZone: string): DayChoices[] {
  return groupSlotsByDay(slots, timeZone).map((day) => ({
    date: day.date,
    label: formatDay(day.date),
    slots: day.slots.map((slot) => ({ iso: slot.start.toISOString(), label: formatTime(slot.start, timeZone) })),
  }));
}
