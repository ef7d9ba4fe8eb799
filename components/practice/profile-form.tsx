"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useForm, type FieldPath } from "react-hook-form";
import { saveEpdsAction, type EpdsView } from "@/lib/actions/intake";
import { removePhotoAction, saveProfileAction, uploadPhotoAction, type PhotoState } from "@/lib/actions/practice";

export type ProfileValues = {
  practiceName: string;
  clinicianName: string;
  credentials: string;
  tagline: string;
  bio: string;
  location: string;
  telehealthStates: string[];
  contactEmail: string;
  contactPhone: string;
  sessionFee: string;
  consultationFee: string;
  feeNotes: string;
};

type ProfileFormValues = Omit<ProfileValues, "telehealthStates"> & { telehealthStates: string };

type FieldSpec = {
  name: keyof ProfileFormValues;
  label: string;
  hint?: string;
  multiline?: number;
  type?: "email" | "tel";
  autoComplete?: string;
  optional?: boolean;
};

const FIELDS: FieldSpec[] = [
  { name: "practiceName", label: "Practice name", autoComplete: "organization" },
  { name: "clinicianName", label: "Your name", hint: "As clients should see it, e.g. Dr. Jane Smith.", autoComplete: "name" },
  { name: "credentials", label: "Credentials", hint: "Degrees, license and certifications, shown under your name." },
  { name: "tagline", label: "Home page tagline", hint: "The main heading of the home page.", multiline: 2 },
  { name: "bio", label: "Biography", hint: "Shown on the About page.", multiline: 8 },
  { name: "location", label: "Location", hint: "City and state, e.g. Austin, Texas." },
  { name: "telehealthStates", label: "Telehealth states", hint: "Separate states with commas, e.g. Texas, New Mexico." },
  { name: "contactEmail", label: "Practice email", type: "email", autoComplete: "email" },
  { name: "contactPhone", label: "Practice phone", type: "tel", autoComplete: "tel" },
  { name: "sessionFee", label: "Session fee", hint: "e.g. $180 per 50-minute session." },
  { name: "consultationFee", label: "Consultation fee", hint: "e.g. Free 20-minute consultation." },
  { name: "feeNotes", label: "Fee notes", hint: "Payment methods, superbills, sliding scale.", multiline: 3, optional: true },
];

/** The outcome of the last save (announced politely, or as an alert when it failed) and the save button. */
function SaveFooter({
  status,
  submitting,
  label,
}: {
  status: { ok: boolean; message: string } | null;
  submitting: boolean;
  label: string;
}) {
  return (
    <>
      <div role="status">{status?.ok && <p className="notice">{status.message}</p>}</div>
      {status && !status.ok && (
        <p className="form-error" role="alert">
          {status.message}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? "Saving…" : label}
        </button>
      </div>
    </>
  );
}

export function ProfileForm({ initial }: { initial: ProfileValues }) {
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    clearErrors,
    formState: { errors, isSubmitting },
  } = useForm<ProfileFormValues>({ defaultValues: { ...initial, telehealthStates: initial.telehealthStates.join(", ") } });

  const onSubmit = handleSubmit(async (values) => {
    clearErrors();
    setStatus(null);
    try {
      const result = await saveProfileAction(values);
      if (result.ok) {
        setStatus({ ok: true, message: "Saved. The public pages now show your changes." });
        return;
      }
      setStatus({ ok: false, message: result.message });
      let first = true;
      for (const [name, message] of Object.entries(result.fieldErrors ?? {})) {
        if (!FIELDS.some((f) => f.name === name)) continue;
        setError(name as FieldPath<ProfileFormValues>, { type: "server", message }, { shouldFocus: first });
        first = false;
      }
    } catch {
      setStatus({ ok: false, message: "We could not reach the server. Your changes are still here; please try again." });
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="form">
      {FIELDS.map((f) => {
        const error = errors[f.name]?.message;
        const describedBy = [f.hint ? `${f.name}-hint` : null, error ? `${f.name}-error` : null].filter(Boolean).join(" ") || undefined;
        const common = { id: f.name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy, ...register(f.name) };
        return (
          <div key={f.name} className="field">
            <label htmlFor={f.name}>
              {f.label} {f.optional && <span className="optional">(optional)</span>}
            </label>
            {f.hint && (
              <p id={`${f.name}-hint`} className="hint">
                {f.hint}
              </p>
            )}
            {f.multiline ? (
              <textarea rows={f.multiline} {...common} />
            ) : (
              <input type={f.type ?? "text"} autoComplete={f.autoComplete ?? "off"} {...common} />
            )}
            {error && (
              <p id={`${f.name}-error`} className="field-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <SaveFooter status={status} submitting={isSubmitting} label="Save profile" />
    </form>
  );
}

// Keep in step with MAX_PHOTO_BYTES in lib/practice/photo.ts (the server checks again).
const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

export function PhotoForm({ photoUrl }: { photoUrl: string | null }) {
  const [state, setState] = useState<PhotoState>(undefined);
  const [pending, startTransition] = useTransition();

  function run(action: () => Promise<PhotoState>) {
    setState(undefined);
    startTransition(async () => {
      try {
        setState(await action());
      } catch {
        setState({ ok: false, message: "The upload did not go through. Please try again, or choose a smaller photo." });
      }
    });
  }

  function onUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const file = data.get("photo");
    if (!(file instanceof File) || file.size === 0) {
      setState({ ok: false, message: "Please choose a photo to upload." });
      return;
    }
    if (file.size > MAX_PHOTO_BYTES) {
      setState({
        ok: false,
        message: `That file is ${(file.size / (1024 * 1024)).toFixed(1)} MB; photos can be at most 2 MB. Please choose a smaller photo or save it at a lower resolution.`,
      });
      return;
    }
    run(async () => {
      const result = await uploadPhotoAction(undefined, data);
      if (result?.ok) form.reset();
      return result;
    });
  }

  const error = state && !state.ok ? state.message : null;
  return (
    <div className="form">
      {photoUrl ? (
        <p>
          {/* A plain img: the photo is served by /practice-photo with its own caching, and its size is not known here. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={photoUrl} alt="Your current profile photo" width={160} className="profile-photo" />
        </p>
      ) : (
        <p>No photo yet.</p>
      )}
      <form onSubmit={onUpload} noValidate className="form">
        <div className="field">
          <label htmlFor="photo">Choose a photo</label>
          <p id="photo-hint" className="hint">
            A JPEG, PNG or WebP image of at most 2 MB.
          </p>
          <input
            id="photo"
            name="photo"
            type="file"
            accept="image/jpeg,image/png,image/webp"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "photo-hint photo-error" : "photo-hint"}
          />
          {error && (
            <p id="photo-error" className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? "Uploading…" : "Upload photo"}
          </button>
          {photoUrl && (
            <button type="button" className="button button-quiet" disabled={pending} onClick={() => run(() => removePhotoAction())}>
              Remove photo
            </button>
          )}
        </div>
      </form>
      <div role="status">{state?.ok && <p className="notice">{state.message}</p>}</div>
    </div>
  );
}

type EpdsFormValues = { enabled: boolean; confirmPermission: boolean; sensitiveCutoff: boolean };

export function EpdsForm({ initial }: { initial: EpdsView }) {
  const [settings, setSettings] = useState(initial);
  const [status, setStatus] = useState<{ ok: boolean; message: string } | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    clearErrors,
    formState: { errors, isSubmitting },
  } = useForm<EpdsFormValues>({
    defaultValues: { enabled: initial.epdsEnabled, confirmPermission: initial.epdsEnabled, sensitiveCutoff: initial.epdsSensitiveCutoff },
  });

  const onSubmit = handleSubmit(async (values) => {
    clearErrors();
    setStatus(null);
    try {
      const result = await saveEpdsAction(values);
      if (result.ok) {
        setSettings(result.settings);
        setStatus({
          ok: true,
          message: result.settings.epdsEnabled ? "Saved. The EPDS is part of the intake questionnaire." : "Saved. The EPDS is turned off.",
        });
        return;
      }
      setStatus({ ok: false, message: result.message });
      const confirmError = result.fieldErrors?.confirmPermission;
      if (confirmError) setError("confirmPermission", { type: "server", message: confirmError }, { shouldFocus: true });
    } catch {
      setStatus({ ok: false, message: "We could not reach the server. Please try again." });
    }
  });

  const confirmError = errors.confirmPermission?.message;
  return (
    <form onSubmit={onSubmit} noValidate className="form">
      <p>
        The Edinburgh Postnatal Depression Scale is copyright of the Royal College of Psychiatrists. It stays out of the intake
        questionnaire until you confirm that you hold their written permission to use it online.
      </p>
      <p id="epds-record">
        {settings.epdsEnabled && settings.epdsPermissionBy
          ? `Turned on. Permission confirmed by ${settings.epdsPermissionBy} on ${settings.epdsPermissionAt ?? "an unknown date"}.`
          : "Currently turned off."}
      </p>
      <div className="field">
        <label className="choice">
          <input type="checkbox" {...register("enabled")} /> Include the EPDS in the intake questionnaire
        </label>
        <label className="choice">
          <input
            type="checkbox"
            aria-invalid={confirmError ? true : undefined}
            aria-describedby={confirmError ? "confirmPermission-error" : undefined}
            {...register("confirmPermission")}
          />{" "}
          I confirm I hold written permission from the Royal College of Psychiatrists to use the EPDS online
        </label>
        {confirmError && (
          <p id="confirmPermission-error" className="field-error">
            {confirmError}
          </p>
        )}
        <label className="choice">
          <input type="checkbox" {...register("sensitiveCutoff")} /> Use the more sensitive cut-off of 10 (instead of 13) for possible
          depression
        </label>
      </div>
      <SaveFooter status={status} submitting={isSubmitting} label="Save EPDS setting" />
    </form>
  );
}
