/**
 * A short status word in a coloured pill. The words themselves come from the domain that
 * owns the state (lib/booking/status.ts, lib/intake/status.ts), so the same state reads the
 * same on every page.
 */
export type BadgeTone = "neutral" | "ok" | "urgent" | "was-urgent";

export function StatusBadge({ tone = "neutral", children }: { tone?: BadgeTone; children: React.ReactNode }) {
  return <span className={tone === "neutral" ? "badge" : `badge badge-${tone}`}>{children}</span>;
}
