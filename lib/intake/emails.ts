/** The intake's notices to the clinician: that something happened, and a link; never an answer. */
import "server-only";
import type { EmailMessage } from "@/lib/email/send";
import { linkOnlyNotice } from "@/lib/email/templates";

export function clinicianUrgentIntakeNotice(input: { to: string; dashboardUrl: string }): EmailMessage {
  return linkOnlyNotice({
    to: input.to,
    priority: "high",
    subject: "An intake needs your prompt review",
    lines: ["A new intake needs your prompt review."],
    url: input.dashboardUrl,
  });
}

export function clinicianIntakeSubmittedNotice(input: { to: string; dashboardUrl: string }): EmailMessage {
  return linkOnlyNotice({
    to: input.to,
    subject: "An intake was submitted",
    lines: ["A client submitted their intake questionnaire."],
    url: input.dashboardUrl,
  });
}
