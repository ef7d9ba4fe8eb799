"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { clinicianSignInSchema, type ClinicianSignIn } from "@/lib/auth/schema";

export function ClinicianSignInForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    resetField,
    formState: { errors, isSubmitting },
  } = useForm<ClinicianSignIn>({ resolver: zodResolver(clinicianSignInSchema), defaultValues: { email: "", password: "", code: "" } });

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = await signIn("clinician", { ...values, redirect: false }).catch(() => undefined);
    if (result?.ok && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    resetField("code");
    setError(
      result?.error === "RateLimited"
        ? "Too many attempts. For your security, sign-in is paused for a few minutes."
        : "The email, password or code is not right. Please try again.",
    );
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor="c-email">Email</label>
        <input
          id="c-email"
          type="email"
          autoComplete="username"
          aria-invalid={!!errors.email}
          aria-describedby={errors.email ? "c-email-error" : undefined}
          {...register("email")}
        />
        {errors.email && (
          <p id="c-email-error" className="field-error">
            {errors.email.message}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="c-password">Password</label>
        <input
          id="c-password"
          type="password"
          autoComplete="current-password"
          aria-invalid={!!errors.password}
          aria-describedby={errors.password ? "c-password-error" : undefined}
          {...register("password")}
        />
        {errors.password && (
          <p id="c-password-error" className="field-error">
            {errors.password.message}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="c-code">Authentication code</label>
        <p id="c-code-hint" className="hint">
          The 6-digit code from your authenticator app, or one of your recovery codes.
        </p>
        <input
          id="c-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          aria-invalid={!!errors.code}
          aria-describedby={errors.code ? "c-code-hint c-code-error" : "c-code-hint"}
          {...register("code")}
        />
        {errors.code && (
          <p id="c-code-error" className="field-error">
            {errors.code.message}
          </p>
        )}
      </div>
      <button type="submit" className="button" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
