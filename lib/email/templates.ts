/**
 * Email contents. Subjects stay discreet (they show on lock screens), and clinician
 * notices take no client data at all: the details live behind the dashboard sign-in.
 */
import { DateTime } from "luxon";
import { buildIcs } from "@/lib/booking/calendar";
import { env } from "@/lib/platform/env";
import type { EmailMessage } from "@/lib/email/send";

type Block = { paragraph: string } | { small: string } | { button: string; url: string };

const CRISIS_LINE =
  "This email is not monitored for emergencies. If you are in crisis, call or text 988 (Suicide & Crisis Lifeline), or call 911.";

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// Every link in an email is built by us, but a javascript: URL must never become an href.
function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("Email links must be http(s) URLs");
  return parsed.toString();
}

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

function render(subject: string, blocks: Block[], footer: string): Pick<EmailMessage, "subject" | "text" | "html"> {
  const text = [
    ...blocks.map((block) =>
      "button" in block ? `${block.button}: ${safeUrl(block.url)}` : "small" in block ? block.small : block.paragraph,
    ),
    "--",
    footer,
  ].join("\n\n");

  const body = blocks
    .map((block) => {
      if ("button" in block) {
        const href = escapeHtml(safeUrl(block.url));
        return `<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;background:#3f5e55;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:6px;">${escapeHtml(block.button)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#6b645c;word-break:break-all;">Or paste this link into your browser: ${href}</p>`;
      }
      if ("small" in block) return `<p style="margin:0 0 16px;font-size:13px;color:#6b645c;">${escapeHtml(block.small)}</p>`;
      return `<p style="margin:0 0 16px;">${escapeHtml(block.paragraph)}</p>`;
    })
    .join("\n");

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#fbf8f3;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#fbf8f3;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;"><tr><td style="padding:24px;font-family:${FONT};font-size:16px;line-height:1.5;color:#2d2a26;">
${body}
<p style="margin:24px 0 0;padding-top:16px;border-top:1px solid #e8e2d9;font-size:13px;color:#6b645c;">${escapeHtml(footer)}</p>
</td></tr></table>
</td></tr></table>
</body></html>`;

  return { subject, text, html };
}

/** e.g. "Tuesday, December 1, 2026, 9:00 AM EST (20 minutes)". */
export function formatAppointment(start: Date, end: Date, timeZone: string): string {
  let zoned = DateTime.fromJSDate(start, { zone: timeZone });
  // An unknown zone should not stop the email (the instant is still right); show it in UTC.
  if (!zoned.isValid) zoned = DateTime.fromJSDate(start, { zone: "utc" });
  const minutes = Math.round((end.getTime() - start.getTime()) / 60_000);
  return `${zoned.setLocale("en-US").toFormat("cccc, LLLL d, yyyy, h:mm a ZZZZ")} (${minutes} minutes)`;
}

// ---------------------------------------------------------------------------------------
// Calendar invitations

type IcsBooking = { icsUid: string; icsSequence: number; startsAt: Date; endsAt: Date };

/** Produced only by icsForClinician, so a client-facing invitation cannot be passed by mistake. */
export type ClinicianIcs = string & { readonly __clinicianIcs: true };

function organizer(): { organizerEmail: string; organizerName: string } {
  const from = env().MAIL_FROM.trim();
  const match = /^(.*?)\s*<([^<>\s]+)>$/.exec(from);
  const name = match?.[1]?.replace(/^"|"$/g, "").trim();
  return { organizerEmail: match?.[2] ?? from, organizerName: name || "Haven" };
}

export function icsForClinician(booking: IcsBooking, method: "REQUEST" | "CANCEL"): ClinicianIcs {
  return buildIcs(
    {
      uid: booking.icsUid,
      sequence: booking.icsSequence,
      start: booking.startsAt,
      end: booking.endsAt,
      summary: "Consultation",
      ...organizer(),
    },
    method,
  ) as ClinicianIcs;
}

export function icsForClient(
  booking: IcsBooking,
  method: "REQUEST" | "CANCEL",
  client: { email: string; firstName?: string; practiceName: string; portalUrl: string },
): string {
  return buildIcs(
    {
      uid: booking.icsUid,
      sequence: booking.icsSequence,
      start: booking.startsAt,
      end: booking.endsAt,
      summary: `Free consultation with ${client.practiceName}`,
      description: `To reschedule or cancel: ${client.portalUrl}`,
      url: client.portalUrl,
      ...organizer(),
      // Listing the recipient as attendee is what makes calendar apps offer accept/decline.
      attendeeEmail: client.email,
      attendeeName: client.firstName,
    },
    method,
  );
}

// ---------------------------------------------------------------------------------------
// Sign-in (sent directly, not through the outbox)

export function signInLinkEmail(input: { to: string; url: string; practiceName: string }): EmailMessage {
  return {
    to: input.to,
    ...render(
      "Your sign-in link",
      [
        { paragraph: `Use the button below to sign in to ${input.practiceName}.` },
        { button: "Sign in", url: input.url },
        { paragraph: "The link works once and expires in 10 minutes." },
        { small: "If you did not ask to sign in, you can ignore this email: nobody can sign in without the link." },
        { small: CRISIS_LINE },
      ],
      input.practiceName,
    ),
  };
}

// ---------------------------------------------------------------------------------------
// Client booking emails

type ClientBookingInput = {
  to: string;
  firstName: string;
  start: Date;
  end: Date;
  timeZone: string;
  practiceName: string;
  portalUrl: string;
  /** From icsForClient, with the method matching the email (CANCEL for cancellations). */
  ics: string;
};

function clientBookingEmail(
  input: ClientBookingInput,
  subject: string,
  lead: string,
  method: "REQUEST" | "CANCEL",
  button: string,
): EmailMessage {
  const when = formatAppointment(input.start, input.end, input.timeZone);
  return {
    to: input.to,
    ...render(
      subject,
      [
        { paragraph: `Hi ${input.firstName},` },
        { paragraph: lead },
        { paragraph: when },
        {
          paragraph:
            method === "CANCEL"
              ? "The attached update removes it from your calendar."
              : "A calendar invitation is attached.",
        },
        { button, url: input.portalUrl },
        { small: CRISIS_LINE },
      ],
      input.practiceName,
    ),
    icalEvent: { method, content: input.ics, filename: method === "CANCEL" ? "cancel.ics" : "invite.ics" },
  };
}

export function bookingConfirmedEmail(input: ClientBookingInput): EmailMessage {
  return clientBookingEmail(
    input,
    "Your consultation is confirmed",
    `Your free consultation with ${input.practiceName} is confirmed for:`,
    "REQUEST",
    "View or change your booking",
  );
}

export function bookingReminderEmail(input: ClientBookingInput): EmailMessage {
  return clientBookingEmail(
    input,
    "Reminder: your consultation is tomorrow",
    `A reminder that your free consultation with ${input.practiceName} is coming up:`,
    "REQUEST",
    "View or change your booking",
  );
}

export function bookingRescheduledEmail(input: ClientBookingInput): EmailMessage {
  return clientBookingEmail(
    input,
    "Your consultation has a new time",
    `Your free consultation with ${input.practiceName} has moved to:`,
    "REQUEST",
    "View or change your booking",
  );
}

export function bookingCancelledEmail(input: ClientBookingInput): EmailMessage {
  return clientBookingEmail(
    input,
    "Your consultation was cancelled",
    `Your free consultation with ${input.practiceName} has been cancelled. It was planned for:`,
    "CANCEL",
    "Book another time",
  );
}

// ---------------------------------------------------------------------------------------
// Clinician notices: time and a link only; everything else is behind the dashboard sign-in.

const CLINICIAN_FOOTER = "Details are shown only in the dashboard, after you sign in.";

export function clinicianBookingNotice(input: {
  to: string;
  event: "booked" | "rescheduled" | "cancelled";
  start: Date;
  end: Date;
  timeZone: string;
  dashboardUrl: string;
  ics: ClinicianIcs;
}): EmailMessage {
  const method = input.event === "cancelled" ? "CANCEL" : "REQUEST";
  const when = formatAppointment(input.start, input.end, input.timeZone);
  const lead = { booked: "Booked for:", rescheduled: "New time:", cancelled: "It was planned for:" }[input.event];
  return {
    to: input.to,
    ...render(
      `A consultation was ${input.event}`,
      [{ paragraph: lead }, { paragraph: when }, { button: "Open the dashboard", url: input.dashboardUrl }],
      CLINICIAN_FOOTER,
    ),
    icalEvent: { method, content: input.ics, filename: method === "CANCEL" ? "cancel.ics" : "invite.ics" },
  };
}

export function clinicianUrgentIntakeNotice(input: { to: string; dashboardUrl: string }): EmailMessage {
  return {
    to: input.to,
    priority: "high",
    ...render(
      "An intake needs your prompt review",
      [
        { paragraph: "A new intake needs your prompt review." },
        { button: "Open the dashboard", url: input.dashboardUrl },
      ],
      CLINICIAN_FOOTER,
    ),
  };
}

export function clinicianIntakeSubmittedNotice(input: { to: string; dashboardUrl: string }): EmailMessage {
  return {
    to: input.to,
    ...render(
      "An intake was submitted",
      [{ paragraph: "A client submitted their intake questionnaire." }, { button: "Open the dashboard", url: input.dashboardUrl }],
      CLINICIAN_FOOTER,
    ),
  };
}
