import type { Metadata } from "next";
import { TableWrap } from "@/components/ui/table-wrap";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { DateTime } from "luxon";
import { requireClinician } from "@/lib/auth/session";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { zoneName } from "@/lib/platform/format";
import { listAuditActions, listAuditEvents, parseAuditQuery, type AuditQuery, type AuditRow } from "@/lib/audit/trail";

export const metadata: Metadata = { title: "Audit trail", robots: { index: false } };

type Props = { searchParams: Promise<AuditQuery> };

const ROLE_LABELS: Record<string, string> = { CLINICIAN: "clinician", CLIENT: "client", ANONYMOUS: "not signed in" };

function formatWhen(date: Date, timeZone: string): string {
  return DateTime.fromJSDate(date, { zone: timeZone }).setLocale("en-US").toFormat("yyyy-MM-dd h:mm:ss a ZZZZ");
}

function pageHref(values: Record<string, string>, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/dashboard/audit?${query}` : "/dashboard/audit";
}

function Who({ event }: { event: AuditRow }) {
  const role = event.actorRole ? (ROLE_LABELS[event.actorRole] ?? event.actorRole.toLowerCase()) : null;
  const name = event.actorId ? (event.actorEmail ?? `Deleted account ${event.actorId}`) : "Anonymous visitor";
  return (
    <>
      {name}
      {role && event.actorId && <span className="small"> ({role})</span>}
    </>
  );
}

export default async function AuditPage({ searchParams }: Props) {
  await requireClinician("/dashboard/audit");
  const [query, timeZone, actions] = await Promise.all([searchParams, getPracticeTimeZone(), listAuditActions()]);
  const tz = timeZone;
  const { values, filters, errors, client } = await parseAuditQuery(query, tz);
  // Whether someone is a client is itself confidential: once an email has found the
  // account, continue with its opaque id so the address stays out of history and links.
  if (client && values.client.includes("@")) redirect(pageHref({ ...values, client: client.id }, 1));
  const errorList = Object.entries(errors);
  const result = errorList.length === 0 ? await listAuditEvents(filters) : null;
  const actionOptions = values.action && !actions.includes(values.action) ? [...actions, values.action] : actions;
  const filtered = Boolean(values.client || values.action || values.from || values.to);
  const describedBy = (field: keyof typeof errors) => (errors[field] ? `${field}-error` : undefined);

  return (
    <>
      <h1>Audit trail</h1>
      <p>
        Who read or changed client records, and when. Only the fact of each access is recorded here — never the clinical content itself.
        Times are shown in {zoneName(tz)}.
      </p>

      <form method="get" action="/dashboard/audit" className="card form" aria-labelledby="filter-heading" noValidate>
        <h2 id="filter-heading">Filter</h2>
        {errorList.length > 0 && (
          <div className="form-error" role="alert">
            <p>Please check the filter:</p>
            <ul>
              {errorList.map(([field, message]) => (
                <li key={field}>
                  <a href={`#filter-${field}`}>{message}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="field">
          <label htmlFor="filter-client">Client email or ID</label>
          <input
            id="filter-client"
            name="client"
            type="text"
            defaultValue={values.client}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.client ? true : undefined}
            aria-describedby={describedBy("client")}
          />
          {errors.client && (
            <p id="client-error" className="field-error">
              {errors.client}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="filter-action">Action</label>
          <select id="filter-action" name="action" defaultValue={values.action}>
            <option value="">All actions</option>
            {actionOptions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-from">From (date)</label>
          <input
            id="filter-from"
            name="from"
            type="date"
            defaultValue={values.from}
            aria-invalid={errors.from ? true : undefined}
            aria-describedby={describedBy("from")}
          />
          {errors.from && (
            <p id="from-error" className="field-error">
              {errors.from}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="filter-to">To (date, inclusive)</label>
          <input
            id="filter-to"
            name="to"
            type="date"
            defaultValue={values.to}
            aria-invalid={errors.to ? true : undefined}
            aria-describedby={describedBy("to")}
          />
          {errors.to && (
            <p id="to-error" className="field-error">
              {errors.to}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Apply filters
          </button>
          {filtered && (
            <Link href="/dashboard/audit" className="button button-quiet">
              Clear filters
            </Link>
          )}
        </div>
      </form>

      {result && (
        <section aria-labelledby="events-heading">
          <h2 id="events-heading">Events</h2>
          <p role="status">
            {result.total === 0
              ? filtered
                ? "No events match these filters."
                : "No events have been recorded yet."
              : `${result.total} ${filtered ? (result.total === 1 ? "event matches these filters" : "events match these filters") : result.total === 1 ? "event" : "events"}${
                  client ? ` for ${client.email ?? client.id}` : ""
                }, newest first.`}
          </p>
          {result.events.length > 0 && (
            <TableWrap label="Audit events">
              <table className="data-table">
                <caption className="visually-hidden">
                  Audit events, newest first, page {result.page} of {result.pageCount}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">Action</th>
                    <th scope="col">Subject</th>
                    <th scope="col">Client</th>
                    <th scope="col">Outcome</th>
                  </tr>
                </thead>
                <tbody>
                  {result.events.map((event) => (
                    <tr key={event.id}>
                      <td>
                        <time dateTime={event.at.toISOString()}>{formatWhen(event.at, tz)}</time>
                      </td>
                      <td>
                        <Who event={event} />
                      </td>
                      <td>
                        <code>{event.action}</code>
                      </td>
                      <td>
                        {event.subjectType}
                        {event.subjectId && (
                          <>
                            {" "}
                            <code className="small">{event.subjectId}</code>
                          </>
                        )}
                      </td>
                      <td>
                        {event.clientId ? (
                          <Link href={pageHref({ ...values, client: event.clientId }, 1)}>{event.clientEmail ?? event.clientId}</Link>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td>
                        <span
                          className={
                            event.outcome === "allowed" ? "badge badge-ok" : event.outcome === "denied" ? "badge badge-urgent" : "badge"
                          }
                        >
                          {event.outcome === "allowed" ? "Allowed" : event.outcome === "denied" ? "Denied" : event.outcome}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {result.pageCount > 1 && (
            <nav aria-label="Audit trail pages" className="actions">
              {result.page > 1 && (
                <Link href={pageHref(values, result.page - 1)} rel="prev" className="button button-quiet">
                  Newer events
                </Link>
              )}
              <span>
                Page {result.page} of {result.pageCount}
              </span>
              {result.page < result.pageCount && (
                <Link href={pageHref(values, result.page + 1)} rel="next" className="button button-quiet">
                  Older events
                </Link>
              )}
            </nav>
          )}
        </section>
      )}
    </>
  );
}
