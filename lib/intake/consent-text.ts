import { CONSENT_VERSION } from "@/lib/intake/schema";

type ConsentSection = { title: string; body: string; link?: { href: string; label: string } };
export type ConsentText = { version: string; sections: ConsentSection[] };

const THERAPY: ConsentSection = {
  title: "Therapy",
  body: "Therapy is a collaborative process. It can bring relief and new skills, and it can also bring up difficult feelings. You may ask questions, change your goals, or stop at any time.",
};
const CONFIDENTIALITY: ConsentSection = {
  title: "Confidentiality and its limits",
  body: "What you share is confidential. The law requires some exceptions: if you or someone else is at serious and immediate risk of harm, if a child or vulnerable adult is being abused or neglected, or if a court orders records. We will discuss any such step with you whenever possible.",
};
const TELEHEALTH: ConsentSection = {
  title: "Telehealth",
  body: "Video sessions use a secure, encrypted platform. Please join from a private place. If the connection fails we will call you at the number you gave. Telehealth can only be offered while you are in a state where the clinician is licensed.",
};
const EMERGENCIES: ConsentSection = {
  title: "Between sessions and emergencies",
  body: "Messages and online forms are not monitored around the clock. In an emergency call 911, or call or text 988.",
};

/**
 * Every version of the consent text clients have signed, by the version stored with each
 * signature (Intake.consentVersion), so that her copy of her records shows the words she
 * agreed to. A change of wording is a new version added here; an old one is never edited.
 */
export const CONSENT_TEXTS: Readonly<Record<string, ConsentText>> = {
  "2026-11-v1": {
    version: "2026-11-v1",
    sections: [
      THERAPY,
      CONFIDENTIALITY,
      TELEHEALTH,
      EMERGENCIES,
      {
        title: "Notice of Privacy Practices",
        body: "The Notice of Privacy Practices explains how your health information is used and protected, and your rights to see and correct it. A copy is available from the practice on request and at your first session.",
      },
    ],
  },
  "2026-12-v2": {
    version: "2026-12-v2",
    sections: [
      THERAPY,
      CONFIDENTIALITY,
      TELEHEALTH,
      EMERGENCIES,
      {
        title: "Notice of Privacy Practices",
        body: "The Notice of Privacy Practices explains how your health information is used and protected, and your rights to see and correct it. You can read it on this website, and ask the practice for a paper copy at any time.",
        link: { href: "/privacy", label: "Read the Notice of Privacy Practices" },
      },
    ],
  },
};

/** The consent text clients sign now; its version is stored with each signature. */
export const CONSENT_TEXT: ConsentText = CONSENT_TEXTS[CONSENT_VERSION]!;

/** The words of the version she signed, or null for a version this code does not know. */
export function consentTextFor(version: string | null | undefined): ConsentText | null {
  return version ? (CONSENT_TEXTS[version] ?? null) : null;
}
