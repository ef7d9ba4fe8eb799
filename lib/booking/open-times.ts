/**
 * The open times as the public booking page shows them, cached (Next's data cache, so kept
 * apart from queries.ts, which scripts and tests load outside Next).
 */
import "server-only";
import { unstable_cache } from "next/cache";
import { getOpenSlots } from "@/lib/booking/queries";
import type { PracticeRules } from "@/lib/booking/rules";
import type { Slot } from "@/lib/booking/slots";

/** The cache tag of the open times: expired on every instance by the database's own triggers. */
export const OPEN_TIMES_TAG = "open-times";
/** How long computed open times may be reused without a change: a hold that lapses reappears within this. */
const OPEN_TIMES_SECONDS = 30;

/**
 * The open times computed once per change, not per view (issue 15): cached for every visitor
 * and every instance, expired at once by any hold, booking, cancellation, move, availability
 * or busy-time change (the triggers of migration 20261202120000_open_times_notify send the
 * tag through the page cache's NOTIFY, whichever code path, script or job wrote), and after
 * OPEN_TIMES_SECONDS. The minimum notice moves with the clock, so it is applied again on
 * every read: a cached list never offers a time that has become too soon.
 */
const cachedOpenSlots = unstable_cache(
  async () => {
    const { rules, slots } = await getOpenSlots();
    return { rules, slots: slots.map((slot) => ({ start: slot.start.toISOString(), end: slot.end.toISOString() })) };
  },
  ["open-times-v1"],
  { tags: [OPEN_TIMES_TAG], revalidate: OPEN_TIMES_SECONDS },
);

/** The open times for the public booking page (the hold itself checks the slot again in its transaction). */
export async function getOpenSlotsForVisitors(now = new Date()): Promise<{ rules: PracticeRules; slots: Slot[] }> {
  const { rules, slots } = await cachedOpenSlots();
  const earliest = now.getTime() + rules.minNoticeMinutes * 60_000;
  return {
    rules,
    slots: slots
      .map((slot) => ({ start: new Date(slot.start), end: new Date(slot.end) }))
      .filter((slot) => slot.start.getTime() >= earliest),
  };
}
