// Visible placeholders: the public pages show them until she fills in her details.
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
