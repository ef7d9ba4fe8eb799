"use client";

import { useState } from "react";
import Link from "@/components/ui/link";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { bookingRequestSchema, CONTACT_METHODS, type BookingRequest, type BookingRequestInput } from "@/lib/booking/schema";

type Props = { slotStart: string; slotLabel: string; timeZone: string };

type Phase =
  | { kind: "form" }
  | { kind: "sent"; email: string }
  | { kind: "email-failed"; email: string; bookingId: string; message: string }
  | { kind: "unavailable"; message: string; alternatives: string[] };

function callbackFor(bookingId: string) {
  return `/portal/confirm?${new URLSearchParams({ booking: bookingId })}`;
}

export function BookingForm({ slotStart, slotLabel, timeZone }: Props) {
  const [phase, setPhase] = useState<Phase>({ kind: "form" });
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<BookingRequestInput, unknown, BookingRequest>({
    resolver: zodResolver(bookingRequestSchema),
    defaultValues: { slotStart, timeZone, firstName: "", email: "", phone: "", contactMethod: "EMAIL", note: "", website: "" },
    shouldFocusError: true,
  });
  const contactMethod = useWatch({ control, name: "contactMethod" });

  async function sendLink(email: string, bookingId: string) {
    const result = await signIn("email", { email, callbackUrl: callbackFor(bookingId), redirect: false }).catch(() => undefined);
    if (result?.ok && !result.error) {
      setPhase({ kind: "sent", email });
      return;
    }
    const message =
      result?.error === "RateLimited"
        ? "Too many sign-in emails were requested. Please wait a while and try again, or contact the practice."
        : "We could not send the email. Please try again in a moment.";
    setPhase({ kind: "email-failed", email, bookingId, message });
  }

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    let response: Response;
    try {
      response = await fetch("/api/bookings/hold", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(values),
      });
    } catch {
      setFormError("We could not reach the server. Please check your connection and try again; your answers are still here.");
      return;
    }
    const data = (await response.json().catch(() => ({}))) as {
      error?: string;
      fieldErrors?: Record<string, string[]>;
      bookingId?: string | null;
      alternatives?: string[];
    };
    if (response.status === 201 && data.bookingId) {
      await sendLink(values.email, data.bookingId);
      return;
    }
    if (response.status === 202) {
      setPhase({ kind: "sent", email: values.email });
      return;
    }
    if (response.status === 409) {
      setPhase({ kind: "unavailable", message: data.error ?? "That time is no longer available.", alternatives: data.alternatives ?? [] });
      return;
    }
    if (response.status === 400 && data.fieldErrors) {
      for (const [field, messages] of Object.entries(data.fieldErrors)) {
        if (messages?.[0]) setError(field as keyof BookingRequestInput, { message: messages[0] });
      }
    }
    setFormError(data.error ?? "Something went wrong on our side. Your answers are still here; please try again.");
  });

  if (phase.kind === "sent") {
    return (
      <div className="card confirm-panel" role="status">
        <h2 className="card-title">Check your email</h2>
        <p>
          We sent a sign-in link to <strong>{phase.email}</strong>. Open it within 10 minutes to confirm your consultation on{" "}
          <strong>{slotLabel}</strong>. We are holding this time for you for 15 minutes.
        </p>
        <p className="small">No email? Check your spam folder, or go back and check the address.</p>
      </div>
    );
  }

  if (phase.kind === "email-failed") {
    return (
      <div className="card error-panel" role="alert">
        <h2 className="card-title">We could not send the email</h2>
        <p>{phase.message}</p>
        <p>Your time is held for 15 minutes.</p>
        <button type="button" className="button" onClick={() => void sendLink(phase.email, phase.bookingId)}>
          Try sending the email again
        </button>
      </div>
    );
  }

  if (phase.kind === "unavailable") {
    return (
      <div className="card error-panel" role="alert">
        <h2 className="card-title">That time is no longer available</h2>
        <p>{phase.message}</p>
        {phase.alternatives.length > 0 && (
          <ul className="slot-grid">
            {phase.alternatives.map((iso) => (
              <li key={iso}>
                <a className="slot" href={`/book?${new URLSearchParams({ slot: iso, tz: timeZone })}#details`}>
                  {new Intl.DateTimeFormat("en-US", {
                    timeZone,
                    weekday: "short",
                    month: "short",
                    day: "numeric",
                    hour: "numeric",
                    minute: "2-digit",
                  }).format(new Date(iso))}
                </a>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link href="/book">See all open times</Link>
        </p>
      </div>
    );
  }

  const describedBy = (name: string, hint?: boolean) =>
    [hint ? `${name}-hint` : null, errors[name as keyof BookingRequestInput] ? `${name}-error` : null].filter(Boolean).join(" ") ||
    undefined;

  return (
    <form onSubmit={onSubmit} noValidate className="form" aria-describedby={formError ? "form-error" : undefined}>
      {formError && (
        <p id="form-error" className="form-error" role="alert">
          {formError}
        </p>
      )}
      <input type="hidden" {...register("slotStart")} />
      <input type="hidden" {...register("timeZone")} />
      <div className="field">
        <label htmlFor="firstName">First name</label>
        <input
          id="firstName"
          autoComplete="given-name"
          aria-invalid={!!errors.firstName}
          aria-describedby={describedBy("firstName")}
          {...register("firstName")}
        />
        {errors.firstName && (
          <p id="firstName-error" className="field-error">
            {errors.firstName.message}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="email">Email</label>
        <p id="email-hint" className="hint">
          We will send a link here to confirm your booking.
        </p>
        <input
          id="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          aria-invalid={!!errors.email}
          aria-describedby={describedBy("email", true)}
          {...register("email")}
        />
        {errors.email && (
          <p id="email-error" className="field-error">
            {errors.email.message}
          </p>
        )}
      </div>
      <fieldset className="field">
        <legend>How would you like us to contact you?</legend>
        <div className="choices">
          {CONTACT_METHODS.map((method) => (
            <label key={method.value} className="choice">
              <input type="radio" value={method.value} {...register("contactMethod")} /> {method.label}
            </label>
          ))}
        </div>
        {errors.contactMethod && <p className="field-error">{errors.contactMethod.message}</p>}
      </fieldset>
      <div className="field">
        <label htmlFor="phone">Phone {contactMethod === "EMAIL" ? <span className="optional">(optional)</span> : null}</label>
        <input
          id="phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          aria-invalid={!!errors.phone}
          aria-describedby={describedBy("phone")}
          {...register("phone")}
        />
        {errors.phone && (
          <p id="phone-error" className="field-error">
            {errors.phone.message}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="note">
          What would you like help with? <span className="optional">(optional)</span>
        </label>
        <p id="note-hint" className="hint">
          A sentence or two is plenty. Please do not include anything urgent: this is not read around the clock.
        </p>
        <textarea id="note" rows={4} aria-invalid={!!errors.note} aria-describedby={describedBy("note", true)} {...register("note")} />
        {errors.note && (
          <p id="note-error" className="field-error">
            {errors.note.message}
          </p>
        )}
      </div>
      <div className="hp-field" aria-hidden="true">
        <label htmlFor="website">Leave this empty</label>
        <input id="website" tabIndex={-1} autoComplete="off" {...register("website")} />
      </div>
      <div className="field">
        <label className="choice">
          <input
            type="checkbox"
            aria-invalid={!!errors.consent}
            aria-describedby={errors.consent ? "consent-error" : undefined}
            {...register("consent")}
          />{" "}
          I agree to be contacted about this consultation by the method I chose.
        </label>
        {errors.consent && (
          <p id="consent-error" className="field-error">
            {errors.consent.message}
          </p>
        )}
      </div>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? "Holding your time…" : "Request this time"}
      </button>
    </form>
  );
}
