/**
 * The seeded profile, with visible placeholders ("[practice phone]") that remind the
 * clinician what to fill in on her dashboard. The public never sees a placeholder: the
 * public view of a value that still holds one is "not set", and pages leave it out.
 */
export const PLACEHOLDER_SETTINGS = {
  practiceName: "Haven Perinatal Psychology",
  clinicianName: "[Clinician name]",
  credentials: "Clinical Psychologist · Certified in Perinatal Mental Health (PMH-C) · [degree and license]",
  tagline: "Compassionate, confidential support through pregnancy, birth and the early years of parenthood.",
  bio:
    "I am a clinical psychologist specializing in reproductive mental health and certified in perinatal mental health. " +
    "I work with people through pregnancy, the postpartum months, birth trauma, difficulties bonding with a baby, and pregnancy or infant loss, " +
    "and with military families facing deployment. My approach integrates person-centered care, attachment theory, and practical coping skills.",
  location: "[City, State]",
  telehealthStates: ["[State]"],
  contactEmail: "[practice email]",
  contactPhone: "[practice phone]",
  sessionFee: "[Fee] per 50-minute session",
  consultationFee: "Free 20-minute consultation",
  feeNotes: "[Payment methods accepted]",
};

// Only the seeded placeholders count: a clinician may well write brackets of her own
// ("Dr. Jane Smith [she/her]").
const PLACEHOLDERS = [
  ...new Set(
    Object.values(PLACEHOLDER_SETTINGS)
      .flat()
      .flatMap((value) => value.match(/\[[^\]]+\]/g) ?? []),
  ),
];

/** Whether a profile value still holds one of the seeded placeholders. */
export function hasPlaceholder(value: string): boolean {
  return PLACEHOLDERS.some((placeholder) => value.includes(placeholder));
}

/** A profile value as the public may see it: null while it is empty or still a placeholder. */
export function publicValue(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === "" || hasPlaceholder(trimmed) ? null : trimmed;
}

/** Credentials are a " · " list: the parts she has filled in are shown, the placeholders dropped. */
export function publicCredentials(value: string): string | null {
  const parts = value
    .split("·")
    .map((part) => part.trim())
    .filter((part) => part !== "" && !hasPlaceholder(part));
  return parts.length > 0 ? parts.join(" · ") : null;
}
