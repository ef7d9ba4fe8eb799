import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "@/components/ui/link";
import { TableWrap } from "@/components/ui/table-wrap";
import { requireClient } from "@/lib/auth/session";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { resolveTimeZone, TZ_COOKIE } from "@/lib/booking/timezone";
import { formatDateTime } from "@/lib/platform/format";
import { ACCESS_LOG_LIMIT, accessLogFor } from "@/lib/privacy/access-log";

export const metadata: Metadata = { title: "Who has seen your information", robots: { index: false } };

export default async function AccessLogPage() {
  const user = await requireClient("/portal/privacy/access-log");
  const [{ lines, truncated }, practiceZone] = await Promise.all([accessLogFor(user.id), getPracticeTimeZone()]);
  const timeZone = resolveTimeZone([(await cookies()).get(TZ_COOKIE)?.value], practiceZone);

  return (
    <div className="container narrow section">
      <h1>Who has seen your information</h1>
      <p>
        Every time your clinician opens part of your record, and every time a copy of it is made, it is written down here: who, when and
        which part. What you wrote is never written into this list. Lists that show many clients at once (such as the clinician&rsquo;s list
        of intakes) are recorded too, but not against each person.
      </p>
      {lines.length === 0 ? (
        <p>No one has opened your record yet.</p>
      ) : (
        <TableWrap label="Who has seen your information">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, index) => (
                <tr key={index} data-refused={line.refused ? "" : undefined}>
                  <td>{formatDateTime(line.at, timeZone)}</td>
                  <td>{line.who}</td>
                  <td>{line.what[0]!.toUpperCase() + line.what.slice(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {truncated && <p className="small">The {ACCESS_LOG_LIMIT} most recent are shown. Ask the practice for the complete list.</p>}
      <p>
        <Link href="/portal/privacy">Back to your information and privacy</Link>
      </p>
    </div>
  );
}
