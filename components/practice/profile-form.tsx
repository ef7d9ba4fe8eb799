"use client";

import { useActionForm } from "@/components/ui/action-form";
import { CheckboxField, Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { saveEpdsAction } from "@/lib/actions/intake";
import { savePhotoAction, saveProfileAction } from "@/lib/actions/practice";
import { epdsSchema } from "@/lib/intake/schema";
import { photoFormInput, photoFormSchema, profileSchema } from "@/lib/practice/schema";

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

type FieldSpec = {
  name: keyof ProfileValues;
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

function SaveButton({ pending, label }: { pending: boolean; label: string }) {
  return (
    <div>
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : label}
      </button>
    </div>
  );
}

export function ProfileForm({ initial }: { initial: ProfileValues }) {
  const form = useActionForm(saveProfileAction, {
    schema: profileSchema,
    initial: { ...initial, telehealthStates: initial.telehealthStates.join(", ") },
  });
  return (
    <form {...form.props} className="form">
      {FIELDS.map((f) => (
        <Field
          key={f.name}
          id={f.name}
          label={
            <>
              {f.label} {f.optional && <span className="optional">(optional)</span>}
            </>
          }
          hint={f.hint}
          error={form.errorFor(f.name)}
        >
          {(control) =>
            f.multiline ? (
              <textarea rows={f.multiline} {...control} {...form.text(f.name)} />
            ) : (
              <input type={f.type ?? "text"} autoComplete={f.autoComplete ?? "off"} {...control} {...form.text(f.name)} />
            )
          }
        </Field>
      ))}
      <FormStatus status={form.status} id={form.statusId} />
      <SaveButton pending={form.pending} label="Save profile" />
    </form>
  );
}

export function PhotoForm({ photoUrl }: { photoUrl: string | null }) {
  const form = useActionForm(savePhotoAction, { schema: photoFormSchema, input: photoFormInput });
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
      <form {...form.props} encType="multipart/form-data" className="form">
        <Field id="photo" label="Choose a photo" hint="A JPEG, PNG or WebP image of at most 2 MB." error={form.errorFor("photo")}>
          {(control) => <input type="file" accept="image/jpeg,image/png,image/webp" {...control} {...form.register("photo")} />}
        </Field>
        <FormStatus status={form.status} id={form.statusId} />
        <div className="actions">
          <button type="submit" name="intent" value="upload" className="button" disabled={form.pending}>
            {form.pending ? "Saving…" : "Upload photo"}
          </button>
          {photoUrl && (
            <button type="submit" name="intent" value="remove" className="button button-quiet" disabled={form.pending}>
              Remove photo
            </button>
          )}
        </div>
      </form>
    </div>
  );
}

export type EpdsView = {
  epdsEnabled: boolean;
  epdsSensitiveCutoff: boolean;
  epdsPermissionBy: string | null;
  epdsPermissionAt: string | null;
};

/** The checkboxes are rendered ticked on the server from the saved setting, not by a script later. */
export function EpdsForm({ initial }: { initial: EpdsView }) {
  const form = useActionForm(saveEpdsAction, {
    schema: epdsSchema,
    initial: { enabled: initial.epdsEnabled, confirmPermission: initial.epdsEnabled, sensitiveCutoff: initial.epdsSensitiveCutoff },
  });
  return (
    <form {...form.props} className="form">
      <p>
        The Edinburgh Postnatal Depression Scale is copyright of the Royal College of Psychiatrists. It stays out of the intake
        questionnaire until you confirm that you hold their written permission to use it online.
      </p>
      <p id="epds-record">
        {initial.epdsEnabled && initial.epdsPermissionBy
          ? `Turned on. Permission confirmed by ${initial.epdsPermissionBy} on ${initial.epdsPermissionAt ?? "an unknown date"}.`
          : "Currently turned off."}
      </p>
      <CheckboxField id="epds-enabled" label="Include the EPDS in the intake questionnaire">
        {(control) => <input {...control} {...form.checkbox("enabled")} />}
      </CheckboxField>
      <CheckboxField
        id="epds-confirm"
        label="I confirm I hold written permission from the Royal College of Psychiatrists to use the EPDS online"
        error={form.errorFor("confirmPermission")}
      >
        {(control) => <input {...control} {...form.checkbox("confirmPermission")} />}
      </CheckboxField>
      <CheckboxField id="epds-cutoff" label="Use the more sensitive cut-off of 10 (instead of 13) for possible depression">
        {(control) => <input {...control} {...form.checkbox("sensitiveCutoff")} />}
      </CheckboxField>
      <FormStatus status={form.status} id={form.statusId} />
      <SaveButton pending={form.pending} label="Save EPDS setting" />
    </form>
  );
}
