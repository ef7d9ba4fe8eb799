import type { Metadata } from "next";
import { TableWrap } from "@/components/ui/table-wrap";
import Link from "@/components/ui/link";
import { IntakeStatusBadges } from "@/components/intake/intake-status";
import { ScoreSummary } from "@/components/intake/score-summary";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireClinician } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/platform/format";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { listIntakes } from "@/lib/intake/review";
import { INTAKE_UNREADABLE_LABEL } from "@/lib/intake/status";

export const metadata: Metadata = { title: "Intakes", robots: { index: false } };

export default async function IntakesPage() {
  const user = await requireClinician("/dashboard/intakes");
  const [intakes, timeZone] = await Promise.all([listIntakes(user), getPracticeTimeZone()]);
  return (
    <>
      <h1>Intakes</h1>
      {intakes.length === 0 ? (
        <p>No intakes yet.</p>
      ) : (
        <TableWrap label="Intakes">
          <table className="data-table">
            <caption className="visually-hidden">Intakes, those needing urgent attention first</caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Status</th>
                <th scope="col">Submitted</th>
                <th scope="col">Scores</th>
              </tr>
            </thead>
            <tbody>
              {intakes.map((intake) => (
                <tr key={intake.id} data-intake={intake.id}>
                  <td>
                    <Link href={`/dashboard/intakes/${intake.id}`}>{intake.name ?? intake.clientEmail}</Link>
                    <br />
                    <span className="small">{intake.clientEmail}</span>
                  </td>
                  <td>
                    <IntakeStatusBadges status={intake.status} urgent={intake.urgent} needsUrgentAttention={intake.needsUrgentAttention} />
                    {intake.urgentFollowedUpAt && <br />}
                    {intake.urgentFollowedUpAt && (
                      <span className="small">
                        Followed up {formatDateTime(intake.urgentFollowedUpAt, timeZone)}
                        {intake.urgentFollowedUpBy && ` by ${intake.urgentFollowedUpBy}`}
                        {intake.needsUrgentAttention && "; a new risk answer came in since"}
                      </span>
                    )}
                  </td>
                  <td>{intake.submittedAt ? formatDateTime(intake.submittedAt, timeZone) : "Not yet"}</td>
                  <td>
                    {intake.unreadable ? (
                      <>
                        <StatusBadge tone="urgent">{INTAKE_UNREADABLE_LABEL}</StatusBadge>
                        <br />
                        <span className="small">
                          Its answers could not be decrypted. The error has been logged with this intake&rsquo;s id.
                        </span>
                      </>
                    ) : (
                      <ScoreSummary scores={intake.scores} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
