import type { Metadata } from "next";
import { TableWrap } from "@/components/ui/table-wrap";
import { DateTime } from "luxon";
import { retryEmailAction } from "@/lib/actions/email";
import { requireClinician } from "@/lib/auth/session";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { listFailedEmails } from "@/lib/email/failed";

export const metadata: Metadata = { title: "Emails", robots: { index: false } };

const STATUS_MESSAGES: Record<string, { text: string; error?: boolean }> = {
  retried: { text: "The email is back in the queue and will be sent again shortly. If it fails again it will reappear here." },
  unchanged: { text: "That email was not retried: it has already been retried, or it is no longer marked as failed.", error: true },
  invalid: { text: "That email could not be found. Please try again from the list below.", error: true },
};

type Props = { searchParams: Promise<{ status?: string | string[] }> };

function formatWhen(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).setLocale("en-US").toFormat("MMM d, yyyy, h:mm a ZZZZ");
}

export default async function EmailsPage({ searchParams }: Props) {
  await requireClinician("/dashboard/emails");
  const [{ status }, emails, timeZone] = await Promise.all([searchParams, listFailedEmails(), getPracticeTimeZone()]);
  const message = typeof status === "string" ? STATUS_MESSAGES[status] : undefined;

  return (
    <>
      <h1>Emails that could not be sent</h1>
      <p className="notice">
        Email contents — the recipient&rsquo;s address, the subject and the message — are stored encrypted and are not shown here. This page
        lists only the type of each email and the delivery error. Retrying sends the same message again and starts a fresh round of
        attempts.
      </p>
      {message && (
        <p className={message.error ? "form-error" : "notice"} role={message.error ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      {emails.length === 0 ? (
        <div className="card">
          <p>No failed emails. Every email has been sent or is still being tried.</p>
        </div>
      ) : (
        <TableWrap label="Failed emails">
          <table className="data-table">
            <caption className="visually-hidden">Failed emails, most recent first</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Failed</th>
                <th scope="col">Attempts</th>
                <th scope="col">Reason</th>
                <th scope="col">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.id} data-email-id={email.id}>
                  <th scope="row">{email.label}</th>
                  <td>
                    <time dateTime={email.updatedAt.toISOString()}>{formatWhen(email.updatedAt, timeZone)}</time>
                  </td>
                  <td>{email.attempts}</td>
                  <td>{email.lastError ?? "No reason was recorded."}</td>
                  <td>
                    <form action={retryEmailAction}>
                      <input type="hidden" name="id" value={email.id} />
                      <button type="submit" className="button button-small">
                        Retry
                        <span className="visually-hidden">
                          {" "}
                          {email.label}, failed {formatWhen(email.updatedAt, timeZone)}
                        </span>
                      </button>
                    </form>
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
