/**
 * The risk history in plain words, for the clinician's intake view and its print view:
 * "PHQ-9 item 9: “Several days” at 2:02 PM on Tuesday, December 1, 2026, changed to
 * “Not at all” at 2:02 PM". Pure, so the same sentence can be shown wherever a risk
 * history is (a check-in's too).
 */
import { INSTRUMENTS, type InstrumentId } from "@/lib/intake/instruments";
import { RISK_ITEMS } from "@/lib/intake/scoring";
import { formatDayIn, formatTime } from "@/lib/platform/format";

export type RiskHistoryEntry = {
  measure: InstrumentId;
  item: number;
  /** The option's index, or null for a stored answer that could not be read. */
  answer: number | null;
  answeredAt: Date;
  receivedAt: Date;
};

export type RiskHistoryLine = {
  measure: InstrumentId;
  item: number;
  /** "PHQ-9 item 9" */
  label: string;
  /** The item's wording. */
  question: string;
  /** Every answer in order, with its time. */
  text: string;
};

/** An answer that reached the server this much later than it was given is marked as such. */
const LATE_AFTER_MS = 5 * 60 * 1000;

function answerWords(entry: RiskHistoryEntry): string {
  const option = entry.answer === null ? undefined : INSTRUMENTS[entry.measure].items[entry.item - 1]?.options[entry.answer];
  return option === undefined ? "an answer that could not be read" : `“${option}”`;
}

export function riskHistoryLines(entries: readonly RiskHistoryEntry[], timeZone: string): RiskHistoryLine[] {
  return RISK_ITEMS.flatMap(({ measure, item }) => {
    const events = entries
      .filter((e) => e.measure === measure && e.item === item)
      .sort((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime());
    if (events.length === 0) return [];
    let day: string | undefined;
    const parts = events.map((event, index) => {
      const eventDay = formatDayIn(event.answeredAt, timeZone);
      let when = `at ${formatTime(event.answeredAt, timeZone)}${eventDay === day ? "" : ` on ${eventDay}`}`;
      day = eventDay;
      if (event.receivedAt.getTime() - event.answeredAt.getTime() > LATE_AFTER_MS) {
        const receivedDay = formatDayIn(event.receivedAt, timeZone);
        when += ` (reached the practice at ${formatTime(event.receivedAt, timeZone)}${receivedDay === eventDay ? "" : ` on ${receivedDay}`})`;
      }
      return `${index === 0 ? "" : "changed to "}${answerWords(event)} ${when}`;
    });
    const instrument = INSTRUMENTS[measure];
    const label = `${instrument.shortName} item ${item}`;
    return [{ measure, item, label, question: instrument.items[item - 1]?.text ?? "", text: `${label}: ${parts.join(", ")}` }];
  });
}
