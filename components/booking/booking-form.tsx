"use client";

import { startTransition, useActionState, useEffect, useMemo } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "@/components/ui/link";
import { CheckboxField, Field, Fieldset } from "@/components/ui/field";
import { FORM_STATUS_ID, FormStatus } from "@/components/ui/form-status";
import { requestBookingAction } from "@/lib/actions/booking";
import {
  BOOKING_CONSENT_LABEL,
  bookingRequestSchema,
  CONTACT_METHODS,
  type BookingFormState,
  type BookingRequest,
  type BookingRequestInput,
  type HoldSent,
} from "@/lib/booking/schema";
import type { FormValues } from "@/lib/platform/action";

export type BookingPrefill = { firstName: string; email: string; phone: string; note: string; contactMethod: string };

type Props = {
  slotStart: string;
  timeZone: string;
  /** What she typed before, when she is signed in and came back because her time no longer fit. */
  prefill?: BookingPrefill | null;
  /** The chosen time is no longer open: the nearest open times instead. */
  unavailable?: SlotOption[] | null;
};

type SlotOption = { iso: string; label: string };

const NO_LONGER_OPEN = "That time is no longer available. Here are the nearest open times.";

const text = (values: FormValues, name: string): string => {
  const value = values[name];
  return typeof value === "string" ? value : "";
};

/**
 * The booking request. A server action through <form action>, so a visitor on a slow phone
 * who submits before the scripts have loaded (or without JavaScript) posts it like any form,
 * and the page comes back with her answers or the confirmation; once hydrated, the same zod
 * schema checks it in the browser first.
 */
export function BookingForm({ slotStart, timeZone, prefill, unavailable }: Props) {
  const [state, formAction, pending] = useActionState<BookingFormState, FormData>(requestBookingAction, null);
  if (state?.ok && state.data) return <SentPanel sent={state.data} />;
  const typed: FormValues =
    state && !state.ok ? state.values : prefill ? { ...prefill, slotStart, timeZone } : { slotStart, timeZone, contactMethod: "EMAIL" };
  return (
    <RequestForm
      // A fresh form for each answer from the server, so it shows exactly what came back.
      key={JSON.stringify([typed, state?.alternatives?.length ?? 0])}
      typed={typed}
      state={state}
      unavailable={unavailable ?? null}
      slotStart={slotStart}
      timeZone={timeZone}
      formAction={formAction}
      pending={pending}
    />
  );
}

function SentPanel({ sent }: { sent: HoldSent }) {
  return (
    <div className="card confirm-panel" role="status">
      <h2 className="card-title">Check your email</h2>
      <p>
        We sent a link to <strong>{sent.email}</strong> to confirm your consultation on <strong>{sent.slotLabel}</strong>.
      </p>
      {sent.heldUntil && (
        <p>
          We are holding this time for you until <strong>{sent.heldUntil}</strong> (15 minutes). Open the link by then: it works once.
        </p>
      )}
      <p className="small">No email? Check your spam folder, or go back and check the address.</p>
    </div>
  );
}

function RequestForm({
  typed,
  state,
  unavailable,
  slotStart,
  timeZone,
  formAction,
  pending,
}: {
  typed: FormValues;
  state: BookingFormState;
  unavailable: SlotOption[] | null;
  slotStart: string;
  timeZone: string;
  formAction: (formData: FormData) => void;
  pending: boolean;
}) {
  const alternatives = state && !state.ok ? (state.alternatives ?? []) : (unavailable ?? []);
  const choosing = alternatives.length > 0;
  const defaults = useMemo(
    () => ({
      slotStart: choosing ? undefined : text(typed, "slotStart") || slotStart,
      timeZone: text(typed, "timeZone") || timeZone,
      firstName: text(typed, "firstName"),
      email: text(typed, "email"),
      phone: text(typed, "phone"),
      contactMethod: (text(typed, "contactMethod") || "EMAIL") as BookingRequestInput["contactMethod"],
      note: text(typed, "note"),
      consent: text(typed, "consent") === "on",
      calendarShowsPractice: text(typed, "calendarShowsPractice") === "on",
      website: "",
    }),
    [typed, choosing, slotStart, timeZone],
  );
  const {
    register,
    handleSubmit,
    control,
    setValue,
    formState: { errors, isSubmitted },
  } = useForm<BookingRequestInput, unknown, BookingRequest>({
    resolver: zodResolver(bookingRequestSchema),
    defaultValues: defaults,
    shouldFocusError: true,
  });
  const contactMethod = useWatch({ control, name: "contactMethod" });
  // The page learns the visitor's own zone a moment after the first paint: follow it without
  // losing anything she has typed meanwhile.
  useEffect(() => setValue("timeZone", timeZone), [setValue, timeZone]);
  const serverErrors = state && !state.ok && !isSubmitted ? state.fieldErrors : {};
  const errorOf = (name: keyof BookingRequestInput) => errors[name]?.message ?? serverErrors[name];
  const failed =
    state && !state.ok
      ? state
      : unavailable
        ? {
            ok: false,
            message:
              unavailable.length > 0 ? NO_LONGER_OPEN : "That time is no longer available. Please choose another time from the list.",
          }
        : null;

  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        const form = event.currentTarget;
        void handleSubmit(() => startTransition(() => formAction(new FormData(form))))(event);
      }}
      noValidate
      className="form"
      aria-describedby={failed ? FORM_STATUS_ID : undefined}
    >
      <FormStatus status={failed} />
      {choosing ? (
        <Fieldset id="slotStart" legend="Choose one of the nearest open times" error={errorOf("slotStart")}>
          <div className="slot-grid">
            {alternatives.map((slot) => (
              <label key={slot.iso} className="slot slot-radio">
                <input type="radio" value={slot.iso} {...register("slotStart")} /> {slot.label}
              </label>
            ))}
          </div>
          <p className="small">
            Your answers below are kept. <Link href="/book">See all open times</Link>
          </p>
        </Fieldset>
      ) : (
        <>
          <input type="hidden" {...register("slotStart")} defaultValue={defaults.slotStart} />
          {errorOf("slotStart") && <p className="field-error">{errorOf("slotStart")}</p>}
        </>
      )}
      <input type="hidden" {...register("timeZone")} defaultValue={defaults.timeZone} />
      <Field id="firstName" label="First name" error={errorOf("firstName")}>
        {(control) => (
          <input {...control} autoComplete="given-name" maxLength={60} defaultValue={defaults.firstName} {...register("firstName")} />
        )}
      </Field>
      <Field id="email" label="Email" hint="We will send a link here to confirm your booking." error={errorOf("email")}>
        {(control) => (
          <input
            {...control}
            type="email"
            inputMode="email"
            autoComplete="email"
            maxLength={254}
            defaultValue={defaults.email}
            {...register("email")}
          />
        )}
      </Field>
      <Fieldset id="contactMethod" legend="How would you like us to contact you?" error={errorOf("contactMethod")}>
        <div className="choices">
          {CONTACT_METHODS.map((method) => (
            <label key={method.value} className="choice">
              <input
                type="radio"
                value={method.value}
                defaultChecked={defaults.contactMethod === method.value}
                {...register("contactMethod")}
              />{" "}
              {method.label}
            </label>
          ))}
        </div>
      </Fieldset>
      <Field
        id="phone"
        label={<>Phone {contactMethod === "EMAIL" ? <span className="optional">(optional)</span> : null}</>}
        error={errorOf("phone")}
      >
        {(control) => (
          <input
            {...control}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            maxLength={25}
            defaultValue={defaults.phone}
            {...register("phone")}
          />
        )}
      </Field>
      <Field
        id="note"
        label={
          <>
            What would you like help with? <span className="optional">(optional)</span>
          </>
        }
        hint="A sentence or two is plenty. Please do not include anything urgent: this is not read around the clock."
        error={errorOf("note")}
      >
        {(control) => <textarea {...control} rows={4} maxLength={1000} defaultValue={defaults.note} {...register("note")} />}
      </Field>
      <div className="hp-field" aria-hidden="true">
        <label htmlFor="website">Leave this empty</label>
        <input id="website" tabIndex={-1} autoComplete="off" {...register("website")} />
      </div>
      <CheckboxField id="consent" label={BOOKING_CONSENT_LABEL} error={errorOf("consent")}>
        {(control) => <input {...control} type="checkbox" defaultChecked={defaults.consent} {...register("consent")} />}
      </CheckboxField>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Holding your time…" : "Request this time"}
      </button>
    </form>
  );
}
