"use client";

import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { emailSignInSchema, type EmailSignIn } from "@/lib/auth/schema";

export function EmailSignInForm({ callbackUrl, submitLabel = "Email me a sign-in link" }: { callbackUrl: string; submitLabel?: string }) {
  const [status, setStatus] = useState<{ kind: "idle" } | { kind: "sent"; email: string } | { kind: "error"; message: string }>({
    kind: "idle",
  });
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<EmailSignIn>({ resolver: zodResolver(emailSignInSchema), defaultValues: { email: "" } });

  const onSubmit = handleSubmit(async ({ email }) => {
    const result = await signIn("email", { email, callbackUrl, redirect: false }).catch(() => undefined);
    if (result?.ok && !result.error) setStatus({ kind: "sent", email });
    else
      setStatus({
        kind: "error",
        message:
          result?.error === "RateLimited"
            ? "Too many sign-in emails were requested. Please wait a while and try again."
            : result?.error === "AccessDenied"
              ? "This address cannot sign in with an email link. If you are the clinician, use the clinician sign-in."
              : "We could not send the email. Please try again in a moment.",
      });
  });

  if (status.kind === "sent") {
    return (
      <div className="card confirm-panel" role="status">
        <h2 className="card-title">Check your email</h2>
        <p>
          We sent a sign-in link to <strong>{status.email}</strong>. It works once and expires in 10 minutes.
        </p>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="form">
      {status.kind === "error" && (
        <p className="form-error" role="alert">
          {status.message}
        </p>
      )}
      <div className="field">
        <label htmlFor="signin-email">Email</label>
        <input
          id="signin-email"
          type="email"
          inputMode="email"
          autoComplete="email"
          aria-invalid={!!errors.email}
          aria-describedby={errors.email ? "signin-email-error" : undefined}
          {...register("email")}
        />
        {errors.email && (
          <p id="signin-email-error" className="field-error">
            {errors.email.message}
          </p>
        )}
      </div>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? "Sending…" : submitLabel}
      </button>
    </form>
  );
}
