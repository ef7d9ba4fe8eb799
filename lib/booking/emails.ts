/**
 * The booking's emails and calendar invitations. Subjects stay discreet (they show on lock
 * screens), and the clinician's notices carry only the time and a dashboard link.
 */
import "server-only";
import { addToCalendarLinks, buildIcs, type IcsMethod } from "@/lib/booking/calendar";
import { clientEntryTitle, type HowItHappens } from "@/lib/booking/consultation";
import type { EmailMessage } from "@/lib/email/send";
import { linkOnlyNotice, renderEmail, sender, type Block } from "@/lib/email/templates";
import { formatAppointment } from "@/lib/platform/format";
import { CRISIS_SENTENCE } from "@/lib/practice/crisis";

const NOT_MONITORED = `This email is not monitored for emergencies. ${CRISIS_SENTENCE}`;

// ---------------------------------------------------------------------------------------
// Calendar invitations

type IcsBooking = { icsUid: string; icsSequence: number; startsAt: Date; endsAt: Date };

/** Produced only by icsForClinician, so a client-facing invitation cannot be passed by mistake. */
export type ClinicianIcs = string & { readonly __clinicianIcs: true };

function organizer(named: boolean): { organizerEmail: string; organizerName?: string } {
  const { email, name } = sender();
  return named ? { organizerEmail: email, organizerName: name } : { organizerEmail: email };
}

export function icsForClinician(booking: IcsBooking, method: IcsMethod, how: HowItHappens, dashboardUrl: string): ClinicianIcs {
  return buildIcs(
    {
      uid: booking.icsUid,
      sequence: booking.icsSequence,
      start: booking.startsAt,
      end: booking.endsAt,
      summary: "Consultation",
      description: `${how.line}\n\nDetails: ${dashboardUrl}`,
      location: how.location,
      url: dashboardUrl,
      alarmMinutesBefore: 10,
      ...organizer(true),
    },
    method,
  ) as ClinicianIcs;
}

export type ClientIcsInput = {
  email: string;
  firstName?: string;
  practiceName: string;
  portalUrl: string;
  showPractice: boolean;
  how: HowItHappens;
};

export function icsForClient(booking: IcsBooking, method: IcsMethod, client: ClientIcsInput): string {
  return buildIcs(
    {
      uid: booking.icsUid,
      sequence: booking.icsSequence,
      start: booking.startsAt,
      end: booking.endsAt,
      summary: clientEntryTitle(client.showPractice, client.practiceName),
      description: `${client.how.line}\n\nTo view, change or cancel: ${client.portalUrl}`,
      location: client.how.location,
      url: client.how.joinUrl ?? client.portalUrl,
      alarmMinutesBefore: 60,
      ...organizer(client.showPractice),
      attendeeEmail: client.email,
      attendeeName: client.firstName,
    },
    method,
  );
}

/** Google and Outlook links for the client's entry; never the video link (it would travel in their URLs). */
export function clientCalendarLinks(booking: IcsBooking, client: Pick<ClientIcsInput, "practiceName" | "portalUrl" | "showPractice">) {
  return addToCalendarLinks({
    title: clientEntryTitle(client.showPractice, client.practiceName),
    start: booking.startsAt,
    end: booking.endsAt,
    details: `Details, the link to join and changes: ${client.portalUrl}`,
  });
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
  /** How it happens, in the client's words (clientView). */
  how: HowItHappens;
  /** Google and Outlook links (clientCalendarLinks). */
  calendarLinks?: { google: string; outlook: string };
  /** From icsForClient, with the method matching the email (CANCEL for cancellations). */
  ics: string;
  /** A message from the clinician (when she moved or cancelled it). */
  message?: string | null;
};

function clientBookingEmail(
  input: ClientBookingInput,
  subject: string,
  lead: string,
  method: "REQUEST" | "CANCEL",
  button: string,
): EmailMessage {
  const when = formatAppointment(input.start, input.end, input.timeZone);
  const blocks: Block[] = [{ paragraph: `Hi ${input.firstName},` }, { paragraph: lead }, { paragraph: when }];
  if (input.message) blocks.push({ paragraph: `A message from the practice: ${input.message}` });
  if (method !== "CANCEL") {
    blocks.push({ paragraph: input.how.line });
    if (input.how.joinUrl) blocks.push({ button: "Join the video call", url: input.how.joinUrl });
  }
  blocks.push({ paragraph: method === "CANCEL" ? "The attached update removes it from your calendar." : "A calendar entry is attached." });
  if (method !== "CANCEL" && input.calendarLinks) {
    blocks.push(
      { small: `Or add it to Google Calendar: ${input.calendarLinks.google}` },
      { small: `Or to Outlook: ${input.calendarLinks.outlook}` },
    );
  }
  blocks.push({ button, url: input.portalUrl }, { small: NOT_MONITORED });
  return {
    to: input.to,
    ...renderEmail(subject, blocks, input.practiceName),
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
  const day = formatAppointment(input.start, input.end, input.timeZone).replace(/ \(\d+ minutes\)$/, "");
  return clientBookingEmail(
    input,
    `Reminder: your consultation on ${day}`,
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

export function bookingUpdatedEmail(input: ClientBookingInput): EmailMessage {
  return clientBookingEmail(
    input,
    "Your consultation details have changed",
    `How your free consultation with ${input.practiceName} happens has changed. It is still on:`,
    "REQUEST",
    "View your booking",
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
  event: "booked" | "rescheduled" | "cancelled" | "updated";
  how: HowItHappens;
  start: Date;
  end: Date;
  timeZone: string;
  dashboardUrl: string;
  ics: ClinicianIcs;
}): EmailMessage {
  const method = input.event === "cancelled" ? "CANCEL" : "REQUEST";
  const lead = { booked: "Booked for:", rescheduled: "New time:", cancelled: "It was planned for:", updated: "Details changed for:" }[
    input.event
  ];
  return {
    ...linkOnlyNotice({
      to: input.to,
      subject: input.event === "updated" ? "A consultation's details changed" : `A consultation was ${input.event}`,
      lines: [lead, formatAppointment(input.start, input.end, input.timeZone), ...(input.event === "cancelled" ? [] : [input.how.line])],
      url: input.dashboardUrl,
    }),
    icalEvent: { method, content: input.ics, filename: method === "CANCEL" ? "cancel.ics" : "invite.ics" },
  };
}
