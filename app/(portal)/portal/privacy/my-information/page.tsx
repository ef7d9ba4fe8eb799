import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "@/components/ui/link";
import { PrintButton } from "@/components/ui/print-button";
import { RecordView } from "@/components/privacy/record-view";
import { requireClient } from "@/lib/auth/session";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { resolveTimeZone, TZ_COOKIE } from "@/lib/booking/timezone";
import { exportClientRecord, NOT_YOUR_RECORD, requestedAccount } from "@/lib/privacy/export";

export const metadata: Metadata = { title: "Your information", robots: { index: false } };

type Props = { searchParams: Promise<{ account?: string | string[] }> };

export default async function MyInformationPage({ searchParams }: Props) {
  const user = await requireClient("/portal/privacy/my-information");
  const { account } = await searchParams;
  const [record, practiceZone] = await Promise.all([
    exportClientRecord(requestedAccount(user, account), { id: user.id, role: user.role }, "page"),
    getPracticeTimeZone(),
  ]);
  const timeZone = resolveTimeZone([(await cookies()).get(TZ_COOKIE)?.value], practiceZone);

  if (!record) {
    return (
      <div className="container narrow section">
        <h1>Your information</h1>
        <p className="notice" role="alert">
          {NOT_YOUR_RECORD}
        </p>
        <p>
          <Link href="/portal/privacy/my-information">See your own information</Link>
        </p>
      </div>
    );
  }

  const files = `account=${encodeURIComponent(record.account.id)}`;
  return (
    <div className="container narrow section">
      <h1>Your information</h1>
      <p>
        This is everything this practice&rsquo;s website holds about you: your consultations, your intake answers with their questions, your
        questionnaires and their scores, the consent you signed in the words you signed, and your contact choices. You can print it or save
        it as a PDF, and download it as a file to keep or to give to another clinician.
      </p>
      <div className="actions no-print">
        <PrintButton />
        <a className="button button-quiet" href={`/portal/privacy/my-information.json?${files}`} download="my-information.json">
          Download as a JSON file
        </a>
        <a className="button button-quiet" href={`/portal/privacy/my-information.fhir.json?${files}`} download="my-information.fhir.json">
          Download for another clinician&rsquo;s system (FHIR)
        </a>
      </div>
      <p className="small no-print">
        The JSON file holds everything on this page. The FHIR file is the standard format health records systems read: your details, your
        questionnaire answers and their scores. <Link href="/portal/privacy/access-log">Who has seen your information</Link>
      </p>
      <RecordView record={record} timeZone={timeZone} />
      <p className="no-print">
        <Link href="/portal/privacy">Back to your information and privacy</Link>
      </p>
    </div>
  );
}
