/**
 * The booking's emails and calendar invitations. Subjects stay discreet (they show on lock
 * screens), and the clinician's notices carry only the time and a dashboard link.
 */
import "server-only";
import { buildIcs } from "@/lib/booking/calendar";
import type { EmailMessage } from "@/lib/email/send";
import { linkOnlyNotice, renderEmail, sender } from "@/lib/email/templates";
import { formatAppointment } from "@/lib/platform/format";
import { CRISIS_SENTENCE } from "@/lib/practice/crisis";

const NOT_MONITORED = `This email is not monitored for emergencies. ${CRISIS_SENTENCE}`;

// ---------------------------------------------------------------------------------------
// Calendar invitations

type IcsBooking = { icsUid: string; icsSequence: number; startsAt: Date; endsAt: Date };

/** Produced only by icsForClinician, so a client-facing invitation cannot be passed by mistake. */
export type ClinicianIcs = string & { readonly __clinicianIcs: true };

function organizer(): { organizerEmail: string; organizerName: string } {
  const { email, name } = sender();
  return { organizerEmail: email, organizerName: name };
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
    ...renderEmail(
      subject,
      [
        { paragraph: `Hi ${input.firstName},` },
        { paragraph: lead },
        { paragraph: when },
        { paragraph: method === "CANCEL" ? "The attached update removes it from your calendar." : "A calendar invitation is attached." },
        { button, url: input.portalUrl },
        { small: NOT_MONITORED },
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
// The clinician's notice: the time and a link only.

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
  const lead = { booked: "Booked for:", rescheduled: "New time:", cancelled: "It was planned for:" }[input.event];
  return {
    ...linkOnlyNotice({
      to: input.to,
      subject: `A consultation was ${input.event}`,
      lines: [lead, formatAppointment(input.start, input.end, input.timeZone)],
      url: input.dashboardUrl,
    }),
    icalEvent: { method, content: input.ics, filename: method === "CANCEL" ? "cancel.ics" : "invite.ics" },
  };
}
