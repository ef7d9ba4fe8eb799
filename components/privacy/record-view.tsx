import type { ClientRecord } from "@/lib/privacy/export";
import { formatDateTime } from "@/lib/platform/format";

const yesNo = (value: boolean | null) => (value === null ? "Not answered" : value ? "Yes" : "No");

function Row({ term, children }: { term: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="review-row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * Her whole record as a readable, printable page: the same record as the JSON and FHIR
 * files. `audience` changes the words ("you" or "the client") and whether the clinician's
 * unreleased notes are shown (they are only ever in the clinician's record).
 */
export function RecordView({ record, timeZone }: { record: ClientRecord; timeZone: string }) {
  const when = (date: Date | null | undefined) => (date ? formatDateTime(date, timeZone) : "Not yet");
  const forClient = record.audience === "client";
  const you = forClient ? "you" : "the client";
  const { intake } = record;

  return (
    <div className="record review">
      <p className="small">
        Prepared {when(record.generatedAt)} by {record.practice.name} ({record.practice.clinician}). Times are in{" "}
        {timeZone.replace(/_/g, " ")}.
      </p>

      <section className="card review-section" aria-labelledby="record-account">
        <h2 id="record-account" className="card-title">
          Account
        </h2>
        <dl>
          <Row term="Sign-in email">{record.account.email}</Row>
          <Row term="Account created">{when(record.account.createdAt)}</Row>
        </dl>
      </section>

      <section className="card review-section" aria-labelledby="record-bookings">
        <h2 id="record-bookings" className="card-title">
          Consultations
        </h2>
        {record.bookings.length === 0 ? (
          <p>No consultations have been booked.</p>
        ) : (
          record.bookings.map((booking) => (
            <dl key={booking.id} className="record-booking">
              <Row term="Time">{when(booking.startsAt)}</Row>
              <Row term="Status">{booking.status}</Row>
              <Row term="Requested">{when(booking.requestedAt)}</Row>
              <Row term="First name given">{booking.firstName}</Row>
              <Row term="Email">{booking.email}</Row>
              <Row term="Phone">{booking.phone ?? "Not given"}</Row>
              <Row term="How to be contacted">{booking.contactMethod}</Row>
              <Row term="Note">{booking.note ?? "None"}</Row>
              <Row term="Agreed">
                &ldquo;{booking.consent.statement}&rdquo; ({when(booking.consent.at)})
              </Row>
              {booking.how && <Row term="How it happens">{booking.how}</Row>}
              {booking.cancelledAt && (
                <Row term="Cancelled">
                  {when(booking.cancelledAt)}
                  {booking.cancelledBy &&
                    ` (${booking.cancelledBy === "You" && !forClient ? "by the client" : booking.cancelledBy.toLowerCase()})`}
                </Row>
              )}
              {booking.cancelReason && <Row term="Cancellation reason (yours, never sent)">{booking.cancelReason}</Row>}
            </dl>
          ))
        )}
      </section>

      {!intake ? (
        <section className="card review-section" aria-labelledby="record-intake">
          <h2 id="record-intake" className="card-title">
            Intake questionnaire
          </h2>
          <p>The intake questionnaire has not been started.</p>
        </section>
      ) : (
        <>
          <section className="card review-section" aria-labelledby="record-intake">
            <h2 id="record-intake" className="card-title">
              Intake questionnaire
            </h2>
            <dl>
              <Row term="Status">{intake.status}</Row>
              <Row term="Started">{when(intake.startedAt)}</Row>
              <Row term="Submitted">{when(intake.submittedAt)}</Row>
            </dl>
            {!intake.submittedAt && <p>Not submitted yet: these are the answers saved so far.</p>}
          </section>
          {intake.sections.map((section) => (
            <section key={section.slug} className="card review-section" aria-labelledby={`record-${section.slug}`}>
              <h2 id={`record-${section.slug}`} className="card-title">
                {section.title}
              </h2>
              <dl>
                {section.items.map((item) => (
                  <Row key={item.linkId} term={item.question}>
                    {item.answer}
                  </Row>
                ))}
              </dl>
            </section>
          ))}
        </>
      )}

      {record.questionnaireResponses.map((response) => (
        <section key={response.id} className="card review-section" aria-labelledby={`record-${response.id.replace(/[^a-z0-9]/gi, "-")}`}>
          <h2 id={`record-${response.id.replace(/[^a-z0-9]/gi, "-")}`} className="card-title">
            {response.instrument.name}
          </h2>
          <p className="small">
            {response.status === "completed" ? `Answered ${when(response.authoredAt)}` : "Not submitted yet"}. {response.instrument.stem}
          </p>
          <dl>
            {response.items.map((item, i) => (
              <Row key={item.linkId} term={item.linkId.endsWith("difficulty") ? item.question : `${i + 1}. ${item.question}`}>
                {item.answer}
              </Row>
            ))}
          </dl>
          {response.score && (
            <p>
              Score: <strong>{response.score.total}</strong> ({response.score.summary}
              {response.score.anxietySubscale !== undefined && `; anxiety subscale ${response.score.anxietySubscale}`}).
              {forClient && " A score is a starting point for a conversation, not a diagnosis: your clinician will go through it with you."}
            </p>
          )}
          <p className="citation small">{response.instrument.citation}</p>
        </section>
      ))}

      {intake && (
        <section className="card review-section" aria-labelledby="record-signed-consent">
          <h2 id="record-signed-consent" className="card-title">
            Signed consent and contact choices
          </h2>
          {intake.consent.signedAt ? (
            <>
              <p>
                Signed {when(intake.consent.signedAt)} as &ldquo;{intake.consent.signature}&rdquo;, consent version {intake.consent.version}
                .
              </p>
              <ul>
                {intake.consent.statements.map((s) => (
                  <li key={s.statement}>
                    {s.agreed ? "Agreed" : "Not agreed"}: &ldquo;{s.statement}&rdquo;
                  </li>
                ))}
              </ul>
              {intake.consent.text ? (
                <div className="consent-text">
                  <h3 className="review-subhead">The consent text {forClient ? "you" : "the client"} signed</h3>
                  {intake.consent.text.sections.map((section) => (
                    <div key={section.title}>
                      <h4>{section.title}</h4>
                      <p>{section.body}</p>
                    </div>
                  ))}
                </div>
              ) : (
                <p>The words of consent version {intake.consent.version} are kept by the practice; ask for a copy.</p>
              )}
            </>
          ) : (
            <p>The consent has not been signed yet.</p>
          )}
          <h3 className="review-subhead">Contact choices</h3>
          <dl>
            <Row term="Voicemail messages may be left">{yesNo(intake.contactChoices.voicemailOk)}</Row>
            <Row term="Email about scheduling">{yesNo(intake.contactChoices.emailOk)}</Row>
          </dl>
        </section>
      )}

      {intake && (intake.riskEvents.length > 0 || intake.urgent) && (
        <section className="card review-section" aria-labelledby="record-safety">
          <h2 id="record-safety" className="card-title">
            Safety questions
          </h2>
          <p>
            Answers to the questions about thoughts of self-harm are recorded the moment they are given, so that the clinician can reach{" "}
            {you} the same day when help may be needed.
          </p>
          <ul>
            {intake.riskEvents.map((event) => (
              <li key={`${event.measure}-${event.item}-${event.answeredAt.toISOString()}`}>
                {event.question}: &ldquo;{event.answer}&rdquo;, {when(event.answeredAt)}
              </li>
            ))}
          </ul>
          {intake.urgent && (
            <p>
              Flagged for same-day follow-up {when(intake.urgent.flaggedAt)}
              {intake.urgent.followedUpAt && `; the clinician recorded a follow-up ${when(intake.urgent.followedUpAt)}`}.
            </p>
          )}
        </section>
      )}

      <section className="card review-section" aria-labelledby="record-notes">
        <h2 id="record-notes" className="card-title">
          {forClient ? "Notes your clinician shared with you" : "Your notes"}
        </h2>
        {record.clinicianNotes.length === 0 ? (
          <p>
            {forClient ? "None. Your clinician's own working notes are not part of this copy unless she shares one with you." : "No notes."}
          </p>
        ) : (
          record.clinicianNotes.map((note) => (
            <div key={note.kind}>
              <h3 className="review-subhead">
                {note.kind === "review" ? "Note on the intake" : "Note on the follow-up"} ({when(note.writtenAt)})
                {!forClient && (note.releasedAt ? ` · shared with the client ${when(note.releasedAt)}` : " · private")}
              </h3>
              <p className="follow-up-note">{note.text}</p>
            </div>
          ))
        )}
      </section>
    </div>
  );
}
