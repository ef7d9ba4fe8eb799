/**
 * The crisis and support lines, written once: every page footer, the Get help page, the
 * intake's crisis panel, the error pages and the emails read them from here. No database,
 * no JavaScript: this is plain data, so crisis help renders whatever else is down.
 */
export const CRISIS = {
  lifeline: { label: "988 Suicide & Crisis Lifeline", display: "988", tel: "988", sms: "988" },
  emergency: { label: "Emergency services", display: "911", tel: "911" },
  maternal: { label: "National Maternal Mental Health Hotline", display: "1-833-TLC-MAMA (1-833-852-6262)", tel: "18338526262" },
  psi: { label: "Postpartum Support International HelpLine", display: "1-800-944-4773", tel: "18009444773" },
} as const;

/** One sentence for plain-text places (emails): where to turn in a crisis. */
export const CRISIS_SENTENCE = `If you are in crisis, call or text ${CRISIS.lifeline.display} (Suicide & Crisis Lifeline), or call ${CRISIS.emergency.display}.`;
