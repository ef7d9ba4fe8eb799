import "server-only";
import { SIGN_IN_LINK_MAX_AGE_SECONDS } from "@/lib/auth/policy";
import type { EmailMessage } from "@/lib/email/send";
import { renderEmail } from "@/lib/email/templates";
import { CRISIS_SENTENCE } from "@/lib/practice/crisis";

/** What a sign-in link confirms when it was sent for a booking: read in the client's own zone. */
export type LinkPurpose = { kind: "confirm-booking"; when: string; heldUntil: string };

/** The emailed sign-in link (queued in the outbox like every other email). */
export function signInLinkEmail(input: { to: string; url: string; practiceName: string; purpose?: LinkPurpose | null }): EmailMessage {
  const footer = [
    { small: "If you did not ask for this, you can ignore this email: nobody can sign in without the link." },
    { small: `This email is not monitored for emergencies. ${CRISIS_SENTENCE}` },
  ];
  if (input.purpose?.kind === "confirm-booking") {
    return {
      to: input.to,
      ...renderEmail(
        "Confirm your consultation",
        [
          { paragraph: `Please confirm your free consultation with ${input.practiceName}:` },
          { paragraph: input.purpose.when },
          { button: "Confirm my consultation", url: input.url },
          {
            paragraph: `We are holding this time for you until ${input.purpose.heldUntil}. The link works once, until then, and also signs you in to manage your booking.`,
          },
          ...footer,
        ],
        input.practiceName,
      ),
    };
  }
  return {
    to: input.to,
    ...renderEmail(
      "Your sign-in link",
      [
        { paragraph: `Use the button below to sign in to ${input.practiceName}.` },
        { button: "Sign in", url: input.url },
        { paragraph: `The link works once and expires in ${Math.round(SIGN_IN_LINK_MAX_AGE_SECONDS / 60)} minutes.` },
        ...footer,
      ],
      input.practiceName,
    ),
  };
}
