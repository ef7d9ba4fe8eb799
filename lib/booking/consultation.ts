/**
 * How a consultation happens (phone either way, video, in person), in the words every place
 * uses: the booking page before choosing, the emails, the portal card, the calendar entry and
 * her own notice. Pure and safe for the browser: callers pass in what they may show, and only
 * the booked client's and the clinician's views ever receive the video link.
 */
import type { ConsultationMode } from "@/lib/generated/prisma/enums";
import { z } from "@/lib/platform/zod";

export const CONSULTATION_MODES: { value: ConsultationMode; label: string }[] = [
  { value: "PHONE_CLINICIAN_CALLS", label: "By phone: I call the client at the number they give" },
  { value: "PHONE_CLIENT_CALLS", label: "By phone: the client calls my number" },
  { value: "VIDEO", label: "By video" },
  { value: "IN_PERSON", label: "In person" },
];

export const MODE_WORD: Record<ConsultationMode, string> = {
  PHONE_CLINICIAN_CALLS: "Phone call",
  PHONE_CLIENT_CALLS: "Phone call",
  VIDEO: "Video call",
  IN_PERSON: "In person",
};

/** How the client's calendar entry is titled: discreet unless she chose the practice's name. */
export function clientEntryTitle(showPractice: boolean, practiceName: string): string {
  return showPractice ? `Appointment with ${practiceName}` : "Appointment";
}

/** The Join button works from this long before the start. */
export const JOIN_OPENS_MINUTES = 15;

export type Consultation = {
  mode: ConsultationMode;
  clinicianName: string;
  /** The number the client gave (client and clinician views only). */
  clientPhone?: string | null;
  /** The number clients call (PHONE_CLIENT_CALLS). */
  practicePhone?: string | null;
  /** Client and clinician views only. */
  videoUrl?: string | null;
  address?: string | null;
};

export type HowItHappens = {
  /** One plain sentence. */
  line: string;
  /** For the calendar entry's LOCATION. */
  location?: string;
  /** The video link, for the booked client and the clinician only. */
  joinUrl?: string;
};

const shown = (value: string | null | undefined) => (value && !/^\[.*\]$/.test(value.trim()) ? value.trim() : null);

/** Before booking: how it will happen, never a link or a number she has not been given yet. */
export function publicLine(c: Consultation): string {
  switch (c.mode) {
    case "PHONE_CLINICIAN_CALLS":
      return `By phone: ${shown(c.clinicianName) ?? "the clinician"} calls you at the number you give.`;
    case "PHONE_CLIENT_CALLS":
      return `By phone: you call ${shown(c.clinicianName) ?? "the practice"} at the number in your confirmation.`;
    case "VIDEO":
      return "By video: a private link to join comes with your confirmation. Nothing to install.";
    case "IN_PERSON":
      return `In person${shown(c.address) ? ` at ${shown(c.address)}` : ""}.`;
  }
}

/** For the booked client (emails, portal, her calendar entry). */
export function clientView(c: Consultation): HowItHappens {
  const who = shown(c.clinicianName) ?? "The clinician";
  switch (c.mode) {
    case "PHONE_CLINICIAN_CALLS": {
      const phone = shown(c.clientPhone);
      return phone
        ? { line: `${who} will call you at ${phone}.`, location: `Phone call to ${phone}` }
        : { line: `${who} will call you; the practice will confirm the number with you.`, location: "Phone call" };
    }
    case "PHONE_CLIENT_CALLS": {
      const phone = shown(c.practicePhone);
      return phone
        ? { line: `Please call ${who} at ${phone} at the time of your consultation.`, location: `Call ${phone}` }
        : { line: `Please call the practice at the time of your consultation.`, location: "Phone call" };
    }
    case "VIDEO": {
      const url = shown(c.videoUrl);
      return url
        ? { line: `By video. Join at ${url} (the link opens ${JOIN_OPENS_MINUTES} minutes before).`, location: url, joinUrl: url }
        : { line: "By video. The link to join will be emailed to you before the consultation.", location: "Video call" };
    }
    case "IN_PERSON":
      return { line: `In person${shown(c.address) ? ` at ${shown(c.address)}` : ""}.`, location: shown(c.address) ?? "In person" };
  }
}

/** For her own notice and calendar entry: how, without anything that identifies the client. */
export function clinicianView(c: Consultation): HowItHappens {
  switch (c.mode) {
    case "PHONE_CLINICIAN_CALLS":
      return { line: "By phone: you call the client (the number is in the dashboard).", location: "Phone call" };
    case "PHONE_CLIENT_CALLS":
      return {
        line: `By phone: the client calls you${shown(c.practicePhone) ? ` at ${shown(c.practicePhone)}` : ""}.`,
        location: "Phone call",
      };
    case "VIDEO": {
      const url = shown(c.videoUrl);
      return url
        ? { line: `By video: ${url}`, location: url, joinUrl: url }
        : { line: "By video: add the link in the dashboard.", location: "Video call" };
    }
    case "IN_PERSON":
      return { line: `In person${shown(c.address) ? ` at ${shown(c.address)}` : ""}.`, location: shown(c.address) ?? "In person" };
  }
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be at most ${max} characters.`)
    .default("")
    .transform((v) => (v === "" ? null : v));
const videoLink = z
  .string()
  .trim()
  .default("")
  .refine(
    (v) => v === "" || (/^https:\/\/[^\s]+$/.test(v) && URL.canParse(v)),
    "A video link must be a full https:// address, like https://meet.example.com/room.",
  )
  .refine((v) => v.length <= 500, "That link is too long.")
  .transform((v) => (v === "" ? null : v));

const REMINDER_CHOICES = [0, 30, 60, 120, 180, 24 * 60, 48 * 60] as const;
export const REMINDER_OPTIONS = [
  { minutes: 0, label: "No reminder" },
  { minutes: 30, label: "30 minutes before" },
  { minutes: 60, label: "1 hour before" },
  { minutes: 120, label: "2 hours before" },
  { minutes: 180, label: "3 hours before" },
  { minutes: 24 * 60, label: "24 hours before" },
  { minutes: 48 * 60, label: "2 days before" },
];
const reminderField = z.coerce
  .number()
  .int()
  .refine((v) => (REMINDER_CHOICES as readonly number[]).includes(v), "Please choose a reminder time from the list.");

/** Her consultation settings: one schema for the form and the server. */
export const consultationSettingsSchema = z
  .object({
    consultationMode: z.enum(["PHONE_CLINICIAN_CALLS", "PHONE_CLIENT_CALLS", "VIDEO", "IN_PERSON"], {
      message: "Please choose how consultations happen.",
    }),
    consultationPhone: optionalText(30, "The phone number"),
    videoRoomUrl: videoLink,
    inPersonAddress: optionalText(200, "The address"),
    firstReminder: reminderField,
    secondReminder: reminderField,
    quietStart: z.string().regex(HH_MM, "Please enter a time like 21:00."),
    quietEnd: z.string().regex(HH_MM, "Please enter a time like 08:00."),
  })
  .superRefine((v, ctx) => {
    if (v.consultationMode === "PHONE_CLIENT_CALLS" && !v.consultationPhone)
      ctx.addIssue({ code: "custom", path: ["consultationPhone"], message: "Please give the number clients should call." });
    if (v.consultationMode === "IN_PERSON" && !v.inPersonAddress)
      ctx.addIssue({ code: "custom", path: ["inPersonAddress"], message: "Please give the address." });
    if (v.firstReminder !== 0 && v.firstReminder === v.secondReminder)
      ctx.addIssue({
        code: "custom",
        path: ["secondReminder"],
        message: "The two reminders are the same; choose another time or no second reminder.",
      });
  });

export type ConsultationSettingsInput = z.output<typeof consultationSettingsSchema>;

/** A booking's own way of happening, set from her bookings page. */
export const bookingConsultationSchema = z.object({
  bookingId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "That booking could not be found."),
  consultationMode: z.enum(["DEFAULT", "PHONE_CLINICIAN_CALLS", "PHONE_CLIENT_CALLS", "VIDEO", "IN_PERSON"], {
    message: "Please choose how this consultation happens.",
  }),
  videoUrl: videoLink,
});
