/**
 * The booking request, validated by the same schema in the browser (react-hook-form) and
 * in the hold endpoint (app/api/bookings/hold).
 */
import { IANAZone } from "luxon";
import type { ActionResult } from "@/lib/platform/action";
import { z } from "@/lib/platform/zod";
import { checkbox, emailField, PHONE_PATTERN, recordId } from "@/lib/platform/validation";

export const CONTACT_METHODS = [
  { value: "EMAIL", label: "Email" },
  { value: "PHONE", label: "Phone call" },
  { value: "TEXT", label: "Text message" },
] as const;

/** What she agrees to when booking (shown beside the box and in her copy of her records). */
export const BOOKING_CONSENT_LABEL = "I agree to be contacted about this consultation by the method I chose.";

export function contactMethodLabel(value: string): string {
  return CONTACT_METHODS.find((method) => method.value === value)?.label ?? value;
}

const timeZoneField = z.string().refine((value) => IANAZone.isValidZone(value), "Please choose a valid time zone.");

const bookingFields = z.object({
  slotStart: z.iso.datetime({ message: "Please choose a time from the list." }),
  firstName: z.string().trim().min(1, "Please tell us your first name.").max(60, "Please keep your first name under 60 characters."),
  email: emailField,
  phone: z
    .string()
    .trim()
    .refine((v) => v === "" || PHONE_PATTERN.test(v), "Please enter a phone number with digits only, like (555) 123-4567.")
    .default(""),
  contactMethod: z.enum(["EMAIL", "PHONE", "TEXT"], { message: "Please choose how you would like to be contacted." }),
  note: z.string().trim().max(1000, "Please keep this under 1,000 characters.").default(""),
  // "on" from a form posted without JavaScript, true from react-hook-form.
  consent: checkbox.pipe(z.literal(true, { message: "Please agree to be contacted about your consultation." })),
  timeZone: timeZoneField,
  /** Her calendar entry names the practice only if she asks; otherwise it says "Appointment". */
  calendarShowsPractice: checkbox.default(false),
  /** Honeypot: hidden from people, filled in by naive bots. */
  website: z.string().max(500).default(""),
});

const contactFields = bookingFields.pick({ contactMethod: true, phone: true });

export const bookingRequestSchema = bookingFields.refine((value) => value.contactMethod === "EMAIL" || value.phone !== "", {
  path: ["phone"],
  message: "Please add a phone number so we can call or text you.",
  // Show this together with any other field errors, not only once the rest is valid.
  when: (payload) => contactFields.safeParse(payload.value).success,
});

export type BookingRequestInput = z.input<typeof bookingRequestSchema>;
export type BookingRequest = z.output<typeof bookingRequestSchema>;

export const slotChoiceSchema = z.object({
  bookingId: recordId,
  slotStart: z.iso.datetime({ message: "Please choose a time from the list." }),
});

/** The cookie that marks which browser placed a pending hold (see Holder in service.ts). */
export const HOLD_COOKIE = "haven-hold";

/** What the booking form shows after a request: the hold is placed and the link is on its way. */
export type HoldSent = { email: string; slotLabel: string; heldUntil: string; confirmed: boolean };

/** The booking form's action state: the common result, plus the nearest open times when the chosen one was taken. */
export type BookingFormState = (ActionResult<HoldSent> & { alternatives?: { iso: string; label: string }[] }) | null;

const optionalNote = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `Please keep ${label} under ${max.toLocaleString("en-US")} characters.`)
    .default("")
    .transform((v) => (v === "" ? null : v));

/** Someone who phoned: she books them in from the dashboard. */
export const phoneBookingSchema = bookingFields
  .pick({ slotStart: true, firstName: true, email: true, phone: true, contactMethod: true, note: true, timeZone: true })
  .refine((value) => value.contactMethod === "EMAIL" || value.phone !== "", {
    path: ["phone"],
    message: "Please add a phone number to call or text them.",
  });

export const clinicianMoveSchema = z.object({
  bookingId: recordId,
  slotStart: z.iso.datetime({ message: "Please choose a new time from the list." }),
  message: optionalNote(1000, "the message"),
});

export const clinicianCancelSchema = z.object({
  bookingId: recordId,
  confirm: checkbox.pipe(z.literal(true, { message: "Please tick the box to confirm that you want to cancel this consultation." })),
  reason: optionalNote(1000, "the reason"),
  message: optionalNote(1000, "the message"),
});
