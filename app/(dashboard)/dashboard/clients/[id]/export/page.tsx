import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "@/components/ui/link";
import { PrintButton } from "@/components/ui/print-button";
import { RecordView } from "@/components/privacy/record-view";
import { requireClinician } from "@/lib/auth/session";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { exportClientRecord } from "@/lib/privacy/export";

export const metadata: Metadata = { title: "Client record", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

/** A client's whole record, print-ready, with the JSON and FHIR files (every view audited). */
export default async function ClientExportPage({ params }: Props) {
  const { id } = await params;
  const user = await requireClinician(`/dashboard/clients/${id}/export`);
  const [record, timeZone] = await Promise.all([exportClientRecord(id, { id: user.id, role: user.role }, "page"), getPracticeTimeZone()]);
  if (!record) notFound();
  const base = `/dashboard/clients/${encodeURIComponent(record.account.id)}/export`;
  return (
    <article className="intake-detail">
      <h1>Client record: {record.account.email}</h1>
      <p>
        Everything Haven holds about this client, including your own notes (marked private unless you shared them). The client&rsquo;s own
        copy, in her portal, leaves out the notes you have not shared and the reasons you gave for cancelling.
      </p>
      <div className="actions no-print">
        <PrintButton />
        <a className="button button-quiet" href={`${base}/record.json`} download>
          Download as JSON
        </a>
        <a className="button button-quiet" href={`${base}/record.fhir.json`} download>
          Download as a FHIR R4 Bundle
        </a>
      </div>
      <RecordView record={record} timeZone={timeZone} />
      <p className="no-print">
        <Link href="/dashboard/intakes">All intakes</Link>
      </p>
    </article>
  );
}
