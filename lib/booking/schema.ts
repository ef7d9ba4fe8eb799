/**
 * The booking request, validated by the same schema in the browser (react-hook-form) and
 * in the hold endpoint (app/api/bookings/hold).
 */
import { IANAZone } from "luxon";
import { z } from "@/lib/platform/zod";
import { emailField, PHONE_PATTERN, recordId } from "@/lib/platform/validation";

export const CONTACT_METHODS = [
  { value: "EMAIL", label: "Email" },
  { value: "PHONE", label: "Phone call" },
  { value: "TEXT", label: "Text message" },
] as const;

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
  consent: z.literal(true, { message: "Please agree to be contacted about your consultation." }),
  timeZone: timeZoneField,
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
