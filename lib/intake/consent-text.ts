import { CONSENT_VERSION } from "@/lib/intake/schema";

type ConsentSection = { title: string; body: string; link?: { href: string; label: string } };

/** The consent text clients sign; its version is stored with each signature. */
export const CONSENT_TEXT: { version: string; sections: ConsentSection[] } = {
  version: CONSENT_VERSION,
  sections: [
    {
      title: "Therapy",
      body: "Therapy is a collaborative process. It can bring relief and new skills, and it can also bring up difficult feelings. You may ask questions, change your goals, or stop at any time.",
    },
    {
      title: "Confidentiality and its limits",
      body: "What you share is confidential. The law requires some exceptions: if you or someone else is at serious and immediate risk of harm, if a child or vulnerable adult is being abused or neglected, or if a court orders records. We will discuss any such step with you whenever possible.",
    },
    {
      title: "Telehealth",
      body: "Video sessions use a secure, encrypted platform. Please join from a private place. If the connection fails we will call you at the number you gave. Telehealth can only be offered while you are in a state where the clinician is licensed.",
    },
    {
      title: "Between sessions and emergencies",
      body: "Messages and online forms are not monitored around the clock. In an emergency call 911, or call or text 988.",
    },
    {
      title: "Notice of Privacy Practices",
      body: "The Notice of Privacy Practices explains how your health information is used and protected, and your rights to see and correct it. You can read it on this website, and ask the practice for a paper copy at any time.",
      link: { href: "/privacy", label: "Read the Notice of Privacy Practices" },
    },
  ],
};
