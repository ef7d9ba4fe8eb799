import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/ui/print-button";
import { NoteReleaseForm } from "@/components/intake/note-release-form";
import { ReviewForm } from "@/components/intake/review-form";
import { UrgentFollowUpForm } from "@/components/intake/urgent-follow-up-form";
import { IntakeReview } from "@/components/intake/review";
import { IntakeStatusBadges } from "@/components/intake/intake-status";
import { requireClinician } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/platform/format";
import { getPracticeTimeZone } from "@/lib/booking/rules";
import { getReviewInfo } from "@/lib/intake/review";
import { EPDS, GAD7, PHQ9, type Instrument } from "@/lib/intake/instruments";
import { readRiskHistory } from "@/lib/intake/risk";
import { riskHistoryLines } from "@/lib/intake/risk-history";
import type { DraftAnswers } from "@/lib/intake/schema";
import { readIntake } from "@/lib/intake/service";
import { INTAKE_UNREADABLE_LABEL } from "@/lib/intake/status";
import { DecryptionError } from "@/lib/platform/crypto";
import { logger } from "@/lib/platform/logger";

export const metadata: Metadata = { title: "Intake", robots: { index: false } };

type Props = { params: Promise<{ id: string }> };

function ItemScores({
  instrument,
  itemScores,
  total,
  summary,
  risk,
}: {
  instrument: Instrument;
  itemScores: number[];
  total: number;
  summary: string;
  risk: boolean;
}) {
  return (
    <section className="card" aria-labelledby={`score-${instrument.id}`}>
      <h3 id={`score-${instrument.id}`} className="card-title">
        {instrument.shortName}: {total} · {summary}
        {risk && <span className="badge badge-urgent"> Risk item positive</span>}
      </h3>
      <ol className="item-scores">
        {instrument.items.map((item, i) => (
          <li key={item.number} className={item.selfHarm && (itemScores[i] ?? 0) > 0 ? "risk-item" : undefined}>
            {item.text} <strong>{itemScores[i] ?? "–"}</strong>
          </li>
        ))}
      </ol>
      <p className="citation small">{instrument.citation}</p>
    </section>
  );
}

export default async function IntakeDetailPage({ params }: Props) {
  const { id } = await params;
  const user = await requireClinician(`/dashboard/intakes/${id}`);
  const actor = { id: user.id, role: user.role };
  // readIntake and readRiskHistory write the audit events for this view (or the refusal).
  const [intake, review, risk, timeZone] = await Promise.all([
    // Answers that do not decrypt (damaged, or a key missing) get a page that says so, as the list marks them.
    readIntake(id, actor).catch((error: unknown) => {
      if (!(error instanceof DecryptionError)) throw error;
      logger.error({ event: "intake.unreadable", intakeId: id, errorCode: "DecryptionError" }, "an intake could not be decrypted");
      return "unreadable" as const;
    }),
    getReviewInfo(id),
    readRiskHistory(id, actor),
    getPracticeTimeZone(),
  ]);
  if (!intake || !review) notFound();
  const riskLines = riskHistoryLines(risk ?? [], timeZone);
  if (intake === "unreadable") {
    return (
      <article className="intake-detail">
        <p>
          <Link href="/dashboard/intakes">All intakes</Link>
        </p>
        <h1>Intake: {review.clientEmail}</h1>
        <p className="notice" role="note">
          <strong>{INTAKE_UNREADABLE_LABEL}.</strong> This intake&rsquo;s answers could not be decrypted: the key they were stored with may
          be missing from ENCRYPTION_KEYS, or the stored data is damaged. The error has been logged with this intake&rsquo;s id.
        </p>
        {riskLines.length > 0 && (
          <section aria-labelledby="urgent-heading" className="section risk-history">
            <h2 id="urgent-heading">Self-harm questions</h2>
            <ul>
              {riskLines.map((line) => (
                <li key={line.label}>{line.text}.</li>
              ))}
            </ul>
          </section>
        )}
      </article>
    );
  }
  const scores = intake.scores;
  const answers = (intake.answers ?? review.draft ?? {}) as DraftAnswers;

  return (
    <article className="intake-detail">
      <p className="no-print">
        <Link href="/dashboard/intakes">All intakes</Link>
      </p>
      <h1>Intake: {review.clientEmail}</h1>
      <p>
        <IntakeStatusBadges status={intake.status} urgent={intake.urgent} needsUrgentAttention={review.needsUrgentAttention} />{" "}
        {intake.submittedAt ? `Submitted ${formatDateTime(intake.submittedAt, timeZone)}` : "Not submitted yet"}
      </p>
      {intake.status === "DRAFT" && (
        <p className="notice" role="note">
          The client has not submitted this intake yet. It is shown because a self-harm question was answered above &ldquo;not at all&rdquo;
          (below). These are their answers so far.
        </p>
      )}
      {(intake.urgent || riskLines.length > 0) && (
        <section aria-labelledby="urgent-heading" className="section risk-history">
          <h2 id="urgent-heading">Self-harm questions</h2>
          {riskLines.length > 0 ? (
            <>
              <p>Every answer to a self-harm question, as it was given, including any changed afterwards:</p>
              <ul>
                {riskLines.map((line) => (
                  <li key={line.label}>
                    {line.text}.<br />
                    <span className="small">&ldquo;{line.question}&rdquo;</span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            // Intakes flagged before answers were recorded one by one have only the flag.
            <p>A self-harm question was answered above &ldquo;not at all&rdquo;. When and how was not recorded for this intake.</p>
          )}
          {review.urgentFollowUp && (
            <>
              <p>
                You recorded a follow-up {formatDateTime(review.urgentFollowUp.at, timeZone)}
                {review.urgentFollowUp.by && ` (${review.urgentFollowUp.by})`}.
                {review.needsUrgentAttention && " A new risk answer was given after that follow-up."}
              </p>
              {review.urgentFollowUp.note && (
                <>
                  <p className="follow-up-note">{review.urgentFollowUp.note}</p>
                  <NoteReleaseForm
                    intakeId={intake.id}
                    note="follow-up"
                    releasedLabel={
                      review.urgentFollowUp.noteReleasedAt ? formatDateTime(review.urgentFollowUp.noteReleasedAt, timeZone) : null
                    }
                  />
                </>
              )}
            </>
          )}
          {intake.urgent && intake.status !== "REVIEWED" && <UrgentFollowUpForm intakeId={intake.id} open={review.needsUrgentAttention} />}
        </section>
      )}
      <PrintButton />{" "}
      <Link href={`/dashboard/clients/${intake.clientId}/export`} className="button button-quiet no-print">
        Export this client&rsquo;s record
      </Link>
      {scores && (
        <section aria-labelledby="scores-heading">
          <h2 id="scores-heading">Screening scores</h2>
          <div className="grid">
            <ItemScores
              instrument={PHQ9}
              itemScores={scores.phq9.itemScores}
              total={scores.phq9.total}
              summary={scores.phq9.band}
              risk={scores.phq9.riskFlag}
            />
            <ItemScores
              instrument={GAD7}
              itemScores={scores.gad7.itemScores}
              total={scores.gad7.total}
              summary={scores.gad7.band}
              risk={false}
            />
            {scores.epds && (
              <ItemScores
                instrument={EPDS}
                itemScores={scores.epds.itemScores}
                total={scores.epds.total}
                summary={`${scores.epds.possibleDepression ? "possible depression" : "below cut-off"} (cut-off ${scores.epds.cutoff}); anxiety subscale ${scores.epds.anxietySubscale}/9`}
                risk={scores.epds.riskFlag}
              />
            )}
          </div>
        </section>
      )}
      <section aria-labelledby="answers-heading">
        <h2 id="answers-heading">Answers</h2>
        <IntakeReview
          draft={answers}
          epdsEnabled={Boolean(scores?.epds) || Array.isArray((answers.screening as { epds?: unknown } | undefined)?.epds)}
          editable={false}
        />
      </section>
      {intake.signedAt && (
        <section aria-labelledby="consent-heading" className="card">
          <h2 id="consent-heading" className="card-title">
            Consent record
          </h2>
          <p>
            Signed {formatDateTime(intake.signedAt, timeZone)} as &ldquo;{intake.answers?.consent.signature}&rdquo;, consent text version{" "}
            {intake.consentVersion}.
          </p>
        </section>
      )}
      {intake.status !== "DRAFT" && (
        <section aria-labelledby="review-heading" className="section">
          <h2 id="review-heading">Review</h2>
          {review.reviewedAt && <p>Reviewed {formatDateTime(review.reviewedAt, timeZone)}.</p>}
          <ReviewForm intakeId={intake.id} note={review.note ?? ""} />
          {review.note && (
            <NoteReleaseForm
              intakeId={intake.id}
              note="review"
              releasedLabel={review.noteReleasedAt ? formatDateTime(review.noteReleasedAt, timeZone) : null}
            />
          )}
        </section>
      )}
    </article>
  );
}
