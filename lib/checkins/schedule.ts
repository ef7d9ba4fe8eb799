/**
 * When check-ins go out: a pure computation from the clinician's choice (once, every N weeks,
 * or the perinatal clock) to a list of moments. No database and no clock of its own (`now` is
 * given), so it is unit-tested across DST changes and month ends.
 *
 * Every occasion is sent at SEND_HOUR in the practice's time zone on its day: a wall-clock
 * time, so "every 2 weeks" stays at 9:00 AM across a DST change (luxon adds weeks and months
 * in local time), and "6 months after August 31" is the last day of February (luxon clamps).
 *
 * The perinatal clock (pregnancy weeks counted back from the due date, 40 weeks being the due
 * date): one check-in in the 28-32 weeks window, then 2, 6 and 12 weeks and 6 months after the
 * birth (or after the due date while the birth date is not known). Occasions already past are
 * left out; a window that has opened but not closed is sent at the next sending time.
 */
import { DateTime } from "luxon";

export const SEND_HOUR = 9;
export const MAX_OCCASIONS = 26;
/** A due date further away than this cannot be a current pregnancy (42 weeks, a late term). */
export const MAX_WEEKS_TO_DUE_DATE = 42;
/** The postpartum clock ends at 6 months; a birth longer ago than a year is a typing error or past the clock. */
export const MAX_DAYS_SINCE_BIRTH = 365;

export type EpdsStem = "pregnancy" | "postpartum";

export type Plan =
  | { kind: "once" }
  | { kind: "weeks"; everyWeeks: number; firstDate: string; count: number }
  | { kind: "perinatal"; dueDate?: string | null; babyBirthDate?: string | null };

export type Occasion = {
  at: Date;
  /** The occasion in her words, for the record ("6 weeks after the birth"); null for a plain repeat. */
  label: string | null;
  /** Which EPDS wording fits this occasion, when the clock knows. */
  stem: EpdsStem | null;
};

export type PlanResult = { ok: true; occasions: Occasion[] } | { ok: false; field: string; message: string };

const fail = (field: string, message: string): PlanResult => ({ ok: false, field, message });

function localDate(iso: string | null | undefined, zone: string): DateTime | null {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const day = DateTime.fromISO(iso, { zone });
  return day.isValid ? day.startOf("day") : null;
}

/** SEND_HOUR on that local day, as an instant. */
function sendTime(day: DateTime): DateTime {
  return day.set({ hour: SEND_HOUR, minute: 0, second: 0, millisecond: 0 });
}

/** The next sending time at or after `now`: today's if it has not passed, else tomorrow's. */
function nextSendTime(now: DateTime): DateTime {
  const today = sendTime(now.startOf("day"));
  return today >= now ? today : sendTime(now.startOf("day").plus({ days: 1 }));
}

/**
 * The occasions of a plan, or the one thing wrong with it. `now` and the zone decide what is
 * past; nothing here reads the clock.
 */
export function planOccasions(plan: Plan, { now, timeZone }: { now: Date; timeZone: string }): PlanResult {
  const current = DateTime.fromJSDate(now, { zone: timeZone });
  const today = current.startOf("day");

  if (plan.kind === "once") return { ok: true, occasions: [{ at: now, label: null, stem: null }] };

  if (plan.kind === "weeks") {
    const first = localDate(plan.firstDate, timeZone);
    if (!first) return fail("firstDate", "Please enter the date of the first check-in.");
    if (first < today) return fail("firstDate", "That date is in the past. Please choose today or a later date for the first check-in.");
    if (first > today.plus({ years: 1 })) return fail("firstDate", "Please choose a first date within the next year.");
    if (!Number.isInteger(plan.everyWeeks) || plan.everyWeeks < 1 || plan.everyWeeks > 26)
      return fail("everyWeeks", "Please choose every 1 to 26 weeks.");
    if (!Number.isInteger(plan.count) || plan.count < 1 || plan.count > MAX_OCCASIONS)
      return fail("count", `Please choose from 1 to ${MAX_OCCASIONS} check-ins.`);
    const occasions = Array.from({ length: plan.count }, (_, i) => {
      const at = sendTime(first.plus({ weeks: i * plan.everyWeeks }));
      // Today's 9:00 AM may be past already: the first one then goes out at once.
      return { at: (at < current ? current : at).toJSDate(), label: null, stem: null };
    });
    return { ok: true, occasions };
  }

  const due = localDate(plan.dueDate, timeZone);
  const birth = localDate(plan.babyBirthDate, timeZone);
  if (plan.dueDate && !due) return fail("dueDate", "Please enter the due date as a date.");
  if (plan.babyBirthDate && !birth) return fail("babyBirthDate", "Please enter the baby's date of birth as a date.");
  if (!due && !birth) return fail("dueDate", "The perinatal clock needs a due date or the baby's date of birth.");
  if (birth && birth > today) return fail("babyBirthDate", "The baby's date of birth is in the future. Please check it.");
  if (birth && today.diff(birth, "days").days > MAX_DAYS_SINCE_BIRTH)
    return fail(
      "babyBirthDate",
      "That birth was more than a year ago, past the end of the perinatal clock (6 months). Please check the year.",
    );
  if (!birth && due && due.diff(today, "weeks").weeks > MAX_WEEKS_TO_DUE_DATE)
    return fail("dueDate", `That due date is more than ${MAX_WEEKS_TO_DUE_DATE} weeks away. Please check the year.`);
  if (!birth && due && today.diff(due, "days").days > MAX_DAYS_SINCE_BIRTH)
    return fail("dueDate", "That due date was more than a year ago. Please enter the baby's date of birth instead.");

  const occasions: Occasion[] = [];
  const add = (from: DateTime, until: DateTime, label: string, stem: EpdsStem) => {
    const start = sendTime(from);
    const end = sendTime(until);
    if (end < current) return;
    occasions.push({ at: (start < current ? nextSendTime(current) : start).toJSDate(), label, stem });
  };
  if (!birth && due) add(due.minus({ weeks: 12 }), due.minus({ weeks: 8 }), "28–32 weeks pregnant", "pregnancy");
  const anchor = birth ?? due!;
  const after = birth ? "after the birth" : "after the due date";
  const postpartum: [DateTime, string][] = [
    [anchor.plus({ weeks: 2 }), `2 weeks ${after}`],
    [anchor.plus({ weeks: 6 }), `6 weeks ${after}`],
    [anchor.plus({ weeks: 12 }), `12 weeks ${after}`],
    [anchor.plus({ months: 6 }), `6 months ${after}`],
  ];
  // A postpartum occasion is "open" for a week: a clock set up 3 days after the 2-week mark still sends it.
  for (const [day, label] of postpartum) add(day, day.plus({ days: 7 }), label, "postpartum");
  if (occasions.length === 0)
    return fail(birth ? "babyBirthDate" : "dueDate", "Every check-in on the perinatal clock for that date is already in the past.");
  return { ok: true, occasions };
}
