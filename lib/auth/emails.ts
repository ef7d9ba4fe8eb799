import "server-only";
import type { EmailMessage } from "@/lib/email/send";
import { renderEmail } from "@/lib/email/templates";
import { CRISIS_SENTENCE } from "@/lib/practice/crisis";

/** The emailed sign-in link (queued in the outbox like every other email). */
export function signInLinkEmail(input: { to: string; url: string; practiceName: string }): EmailMessage {
  return {
    to: input.to,
    ...renderEmail(
      "Your sign-in link",
      [
        { paragraph: `Use the button below to sign in to ${input.practiceName}.` },
        { button: "Sign in", url: input.url },
        { paragraph: "The link works once and expires in 10 minutes." },
        { small: "If you did not ask to sign in, you can ignore this email: nobody can sign in without the link." },
        { small: `This email is not monitored for emergencies. ${CRISIS_SENTENCE}` },
      ],
      input.practiceName,
    ),
  };
}
