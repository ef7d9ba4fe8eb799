/**
 * The numbers behind a trend chart: one series per measure (the intake's scores first, as the
 * baseline, then each completed check-in), its severity bands, the change from baseline and
 * the usual clinical markers, named as such. Pure: the chart (components/clients/trend-chart.tsx)
 * and its table draw exactly these numbers.
 *
 * Markers, as commonly used in measurement-based care (named on the page as "commonly used",
 * not as a diagnosis):
 * - response: a drop of 50% or more from the baseline score (baseline above 0);
 * - remission: PHQ-9 under 5, GAD-7 under 5 (the top of the "minimal" band);
 * - EPDS: at or above her cut-off (13, or 10 when she chose the sensitive one); EPDS-3A
 *   (items 3-5) at or above 5, the threshold found optimal for anxiety in "Can the Edinburgh
 *   Postnatal Depression Scale-3A be used to screen for anxiety?", BMC Psychology 2021,
 *   doi:10.1186/s40359-021-00623-5 (others use 4: it is a commonly used threshold, not a rule).
 */
import type { InstrumentId } from "@/lib/intake/instruments";

export const EPDS_3A_THRESHOLD = 5;
export const RESPONSE_DROP = 0.5;
export const REMISSION_BELOW: Partial<Record<InstrumentId, number>> = { phq9: 5, gad7: 5 };

export type Band = { from: number; to: number; label: string };

export const MAX_SCORE: Record<InstrumentId, number> = { phq9: 27, gad7: 21, epds: 30 };

export function bandsOf(measure: InstrumentId, epdsCutoff = 13): Band[] {
  switch (measure) {
    case "phq9":
      return [
        { from: 0, to: 4, label: "minimal" },
        { from: 5, to: 9, label: "mild" },
        { from: 10, to: 14, label: "moderate" },
        { from: 15, to: 19, label: "moderately severe" },
        { from: 20, to: 27, label: "severe" },
      ];
    case "gad7":
      return [
        { from: 0, to: 4, label: "minimal" },
        { from: 5, to: 9, label: "mild" },
        { from: 10, to: 14, label: "moderate" },
        { from: 15, to: 21, label: "severe" },
      ];
    case "epds":
      return [
        { from: 0, to: epdsCutoff - 1, label: "below cut-off" },
        { from: epdsCutoff, to: 30, label: "possible depression" },
      ];
  }
}

export type TrendPoint = {
  /** The intake's or the check-in's id. */
  id: string;
  source: "intake" | "check-in";
  at: Date;
  total: number;
  /** Its self-harm item was answered above "not at all". */
  risk: boolean;
  /** EPDS only: the EPDS-3A anxiety subscale. */
  anxietySubscale?: number;
};

export type TrendRow = TrendPoint & {
  band: string;
  /** Total minus the baseline's total (0 for the baseline itself). */
  change: number;
  markers: string[];
};

export type MeasureTrend = {
  measure: InstrumentId;
  max: number;
  bands: Band[];
  rows: TrendRow[];
  baseline: TrendRow | null;
  latest: TrendRow | null;
  /** Latest minus baseline; null with fewer than two points. */
  change: number | null;
  /** The fraction of the baseline score gone (0.5 = halved); null when there is nothing to compare. */
  percentChange: number | null;
  /** Markers of the latest score (what the summary says). */
  markers: string[];
};

const bandOf = (bands: Band[], total: number) => bands.find((b) => total >= b.from && total <= b.to)?.label ?? "";

export function markersFor(measure: InstrumentId, point: TrendPoint, baseline: TrendPoint | null, epdsCutoff = 13): string[] {
  const markers: string[] = [];
  if (baseline && baseline !== point && baseline.total > 0 && point.total <= baseline.total * (1 - RESPONSE_DROP))
    markers.push("Response (50% or more below baseline)");
  const remission = REMISSION_BELOW[measure];
  if (remission !== undefined && point.total < remission)
    markers.push(`Remission (${measure === "phq9" ? "PHQ-9" : "GAD-7"} under ${remission})`);
  if (measure === "epds" && point.total >= epdsCutoff) markers.push(`At or above the EPDS cut-off (${epdsCutoff})`);
  if (measure === "epds" && (point.anxietySubscale ?? 0) >= EPDS_3A_THRESHOLD)
    markers.push(`EPDS-3A ${point.anxietySubscale} (at or above the commonly used threshold of ${EPDS_3A_THRESHOLD})`);
  if (point.risk) markers.push("Self-harm question answered above “not at all”");
  return markers;
}

/** One measure's series, oldest first, with its numbers worked out. */
export function measureTrend(measure: InstrumentId, points: readonly TrendPoint[], { epdsCutoff = 13 } = {}): MeasureTrend {
  const bands = bandsOf(measure, epdsCutoff);
  const sorted = [...points].sort((a, b) => a.at.getTime() - b.at.getTime());
  const first = sorted[0] ?? null;
  const rows = sorted.map((point): TrendRow => ({
    ...point,
    band: bandOf(bands, point.total),
    change: first ? point.total - first.total : 0,
    markers: markersFor(measure, point, first, epdsCutoff),
  }));
  const baseline = rows[0] ?? null;
  const latest = rows.at(-1) ?? null;
  const comparable = baseline !== null && latest !== null && rows.length > 1;
  return {
    measure,
    max: MAX_SCORE[measure],
    bands,
    rows,
    baseline,
    latest,
    change: comparable ? latest.total - baseline.total : null,
    percentChange: comparable && baseline.total > 0 ? (baseline.total - latest.total) / baseline.total : null,
    markers: latest ? latest.markers : [],
  };
}
