/** The intake's encrypted fields, declared once for the client's side and the clinician's. */
import "server-only";
import type { DraftAnswers, IntakeAnswers } from "@/lib/intake/schema";
import type { IntakeScores } from "@/lib/intake/scoring";
import { sealedJson, sealedText } from "@/lib/platform/keys";

export const intakeFields = {
  draft: sealedJson<DraftAnswers>("Intake", "draft"),
  answers: sealedJson<IntakeAnswers>("Intake", "answers"),
  scores: sealedJson<IntakeScores>("Intake", "scores"),
  reviewNote: sealedText("Intake", "reviewNote"),
  urgentFollowUpNote: sealedText("Intake", "urgentFollowUpNote"),
};

/** A recorded answer to a risk item (lib/intake/risk.ts). */
export const riskEventFields = {
  answer: sealedJson<{ answer: number }>("RiskEvent", "answer"),
};
