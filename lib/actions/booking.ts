"use server";

import { randomBytes } from "node:crypto";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser, requireClient, requireClinician } from "@/lib/auth/session";
import { sendSignInLink } from "@/lib/auth/sign-in-link";
import { parseAvailabilityForm, saveAvailability, saveConsultationSettings } from "@/lib/booking/rules";
import { addCalendar, removeCalendar, syncCalendar } from "@/lib/booking/calendars";
import { bookingConsultationSchema, consultationSettingsSchema } from "@/lib/booking/consultation";
import { createFeedToken, feedUrl, revokeFeed } from "@/lib/booking/feed";
import {
  bookingRequestSchema,
  clinicianCancelSchema,
  clinicianMoveSchema,
  HOLD_COOKIE,
  phoneBookingSchema,
  slotChoiceSchema,
  type BookingFormState,
} from "@/lib/booking/schema";
import {
  bookForClient,
  cancelBooking,
  cancelBookingByClinician,
  changeBookingByClinician,
  confirmHold,
  createHold,
  holderHash,
  moveBookingByClinician,
  rescheduleBooking,
  setBookingConsultation,
} from "@/lib/booking/service";
import { done, formValues, invalid, refused, type ActionState } from "@/lib/platform/action";
import { formatDateTime, formatTimeWithZone } from "@/lib/platform/format";
import { clientIp } from "@/lib/platform/http";
import { limitBookingAttempt, limitBookingForEmail } from "@/lib/platform/rate-limit";
import { env } from "@/lib/platform/env";
import { recordId } from "@/lib/platform/validation";
import { z } from "@/lib/platform/zod";
import { revalidatePath } from "next/cache";

// ---------------------------------------------------------------------------------------
// The client's side

const TOO_MANY_ATTEMPTS = "Too many booking attempts. Please wait a little and try again, or contact the practice directly.";

/** This browser's hold cookie (made on its first request), which lets it replace its own pending hold. */
async function browserHoldHash(): Promise<string> {
  const jar = await cookies();
  let token = jar.get(HOLD_COOKIE)?.value;
  if (!token || !/^[A-Za-z0-9_-]{32,64}$/.test(token)) {
    token = randomBytes(32).toString("base64url");
    jar.set(HOLD_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      secure: env().SITE_URL.startsWith("https://"),
      path: "/",
      maxAge: 24 * 60 * 60,
    });
  }
  return holderHash(token)!;
}

/**
 * The booking form: a public action (anyone may ask for a time), posted by <form action>, so it
 * works before the page's JavaScript has loaded and without it; nothing typed goes into a URL.
 * A 15-minute hold, then the emailed link that confirms it. A signed-in client booking with
 * her own address is confirmed at once.
 */
export async function requestBookingAction(_prev: BookingFormState, formData: FormData): Promise<BookingFormState> {
  const values = formValues(formData);
  delete values.website;
  const ip = clientIp(await headers());
  if (await limitBookingAttempt({ ip })) return refused(TOO_MANY_ATTEMPTS, values);
  const parsed = bookingRequestSchema.safeParse(formValues(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  const request = parsed.data;
  const slotLabel = formatDateTime(new Date(request.slotStart), request.timeZone);
  // Bots fill the hidden field: answer as if all went well, store and send nothing.
  if (request.website) return done("sent", { email: request.email, slotLabel, heldUntil: "", confirmed: false });
  if (await limitBookingForEmail({ email: request.email })) return refused(TOO_MANY_ATTEMPTS, values);

  const current = await getCurrentUser();
  const user = current?.role === "CLIENT" ? current : null;
  const result = await createHold(request, new Date(), { browserHash: await browserHoldHash(), user });
  if (!result.ok) {
    if (result.reason === "too-many-holds") return refused(result.message, values);
    return {
      ...refused(result.message, values),
      alternatives: result.alternatives.map((slot) => ({
        iso: slot.start.toISOString(),
        label: formatDateTime(slot.start, request.timeZone),
      })),
    };
  }
  if (user && user.email === request.email) {
    const confirmed = await confirmHold(result.bookingId, user);
    if (confirmed.status === "confirmed" || confirmed.status === "already-confirmed") redirect("/portal?status=confirmed");
  }
  await sendSignInLink({
    email: request.email,
    callbackPath: `/portal/confirm?booking=${result.bookingId}`,
    expires: result.holdExpiresAt,
  });
  return done("sent", {
    email: request.email,
    slotLabel,
    heldUntil: formatTimeWithZone(result.holdExpiresAt, request.timeZone),
    confirmed: false,
  });
}

export async function rescheduleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const values = formValues(formData);
  const parsed = slotChoiceSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values, "Please choose a new time from the list.");
  const user = await requireClient(`/portal/bookings/${encodeURIComponent(parsed.data.bookingId)}/reschedule`);
  const result = await rescheduleBooking(parsed.data.bookingId, user.id, new Date(parsed.data.slotStart));
  if (!result.ok) return refused(result.message, values);
  redirect("/portal?status=rescheduled");
}

export async function cancelAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClient("/portal");
  const values = formValues(formData);
  const parsed = recordId.safeParse(values.bookingId);
  if (!parsed.success) return refused("We could not find that consultation.", values);
  const result = await cancelBooking(parsed.data, user.id);
  if (!result.ok) return refused(result.message, values);
  redirect("/portal?status=cancelled");
}

// ---------------------------------------------------------------------------------------
// The clinician's side

const outcomeSchema = z.object({ bookingId: recordId, action: z.enum(["COMPLETED", "NO_SHOW"]) });

/** The outcome of a past consultation. (Cancelling has its own page with a confirmation step.) */
export async function clinicianBookingAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClinician("/dashboard/bookings");
  const values = formValues(formData);
  const parsed = outcomeSchema.safeParse(values);
  if (!parsed.success) return refused("That action is not available.", values);
  const changed = await changeBookingByClinician(parsed.data.bookingId, parsed.data.action, user);
  revalidatePath("/dashboard/bookings");
  return changed ? done("Saved.") : refused("That consultation could not be changed; it may have changed already.", values);
}

export async function saveAvailabilityAction(
  _prev: ActionState<OutsideSummary[]>,
  formData: FormData,
): Promise<ActionState<OutsideSummary[]>> {
  await requireClinician("/dashboard/availability");
  const values = formValues(formData);
  const parsed = parseAvailabilityForm(values);
  if (!parsed.ok) return invalid(parsed.fieldErrors, values);
  const outside = await saveAvailability(parsed.data);
  revalidatePath("/dashboard/availability");
  return done(
    "Saved. The booking page now offers times from these settings.",
    outside.map(({ id, label, email }) => ({ id, label, email })),
  );
}

export type OutsideSummary = { id: string; label: string; email: string };

export async function saveConsultationSettingsAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireClinician("/dashboard/availability");
  const values = formValues(formData);
  const parsed = consultationSettingsSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  await saveConsultationSettings(parsed.data);
  revalidatePath("/dashboard/availability");
  return done("Saved. New confirmations and reminders use these details.");
}

const calendarSchema = z.object({ label: z.string().default(""), url: z.string().default("") });

export async function addCalendarAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireClinician("/dashboard/availability");
  const values = formValues(formData);
  const parsed = calendarSchema.safeParse(values);
  if (!parsed.success) return refused("Please give the calendar a name and its address.", values);
  const result = await addCalendar(parsed.data);
  if (!result.ok)
    return result.field ? invalid({ [result.field]: result.message }, values, result.message) : refused(result.message, values);
  revalidatePath("/dashboard/availability");
  return done(result.message);
}

export async function refreshCalendarAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireClinician("/dashboard/availability");
  const values = formValues(formData);
  const id = recordId.safeParse(values.calendarId);
  if (!id.success) return refused("That calendar is no longer connected.");
  const result = await syncCalendar(id.data);
  revalidatePath("/dashboard/availability");
  return result.ok ? done(result.message) : refused(`${result.message} The last good copy is kept.`);
}

export async function removeCalendarAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  await requireClinician("/dashboard/availability");
  const id = recordId.safeParse(formValues(formData).calendarId);
  if (!id.success || !(await removeCalendar(id.data))) return refused("That calendar is no longer connected.");
  revalidatePath("/dashboard/availability");
  return done("Removed. Its busy times no longer block the booking page.");
}

export async function createFeedAction(): Promise<ActionState<string>> {
  await requireClinician("/dashboard/availability");
  const token = await createFeedToken();
  revalidatePath("/dashboard/availability");
  return done("A new address was made; any earlier one no longer works. Copy it now: it is shown only once.", feedUrl(token));
}

export async function revokeFeedAction(): Promise<ActionState<string>> {
  await requireClinician("/dashboard/availability");
  await revokeFeed();
  revalidatePath("/dashboard/availability");
  return done("The subscription address no longer works.");
}

export async function setBookingConsultationAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClinician("/dashboard/bookings");
  const values = formValues(formData);
  const parsed = bookingConsultationSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const mode = parsed.data.consultationMode === "DEFAULT" ? null : parsed.data.consultationMode;
  const result = await setBookingConsultation(parsed.data.bookingId, { mode, videoUrl: parsed.data.videoUrl }, user);
  revalidatePath("/dashboard/bookings");
  return result.ok ? done(result.message) : refused(result.message, values);
}

export async function bookForClientAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClinician("/dashboard/bookings/new");
  const values = formValues(formData);
  const parsed = phoneBookingSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const result = await bookForClient(parsed.data, user);
  if (!result.ok) return refused(result.message, values);
  revalidatePath("/dashboard/bookings");
  redirect(`/dashboard/bookings?status=booked#booking-${result.bookingId}`);
}

export async function moveBookingAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClinician("/dashboard/bookings");
  const values = formValues(formData);
  const parsed = clinicianMoveSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const result = await moveBookingByClinician(
    parsed.data.bookingId,
    { newStart: new Date(parsed.data.slotStart), message: parsed.data.message },
    user,
  );
  if (!result.ok) return refused(result.message, values);
  revalidatePath("/dashboard/bookings");
  redirect(`/dashboard/bookings?status=moved#booking-${parsed.data.bookingId}`);
}

export async function cancelBookingByClinicianAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireClinician("/dashboard/bookings");
  const values = formValues(formData);
  const parsed = clinicianCancelSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const result = await cancelBookingByClinician(parsed.data.bookingId, { reason: parsed.data.reason, message: parsed.data.message }, user);
  if (!result.ok) return refused(result.message, values);
  revalidatePath("/dashboard/bookings");
  redirect(`/dashboard/bookings?status=cancelled#booking-${parsed.data.bookingId}`);
}
