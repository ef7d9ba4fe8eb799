import { expect } from "@playwright/test";
import type { CaughtEmail } from "../lib/email/dev-mailbox";
import { E2E } from "./config";

// Imported when used: the app's server modules load only in the test workers, which Node runs
// with the react-server condition (playwright.config.ts).
async function readMailbox(dir: string): Promise<CaughtEmail[]> {
  return (await import("../lib/email/dev-mailbox")).readMailbox(dir);
}

/** Waits for emails caught by the e2e SMTP sink that match, newest first. */
export async function waitForEmails(match: (mail: CaughtEmail) => boolean, { count = 1, timeout = 20_000 } = {}): Promise<CaughtEmail[]> {
  let found: CaughtEmail[] = [];
  await expect
    .poll(
      async () => {
        found = (await readMailbox(E2E.mailbox)).filter(match);
        return found.length;
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBeGreaterThanOrEqual(count);
  return found;
}

export async function allEmails(): Promise<CaughtEmail[]> {
  return readMailbox(E2E.mailbox);
}

export function linkFrom(mail: CaughtEmail): string {
  const match = /https?:\/\/\S+\/api\/auth\/callback\/email\?[^\s"<>]+/.exec(mail.text);
  if (!match) throw new Error("no sign-in link in the email");
  return match[0];
}

/** The whole of an email as text: headers, bodies and attachments, for canary checks. */
export function everything(mail: CaughtEmail): string {
  return [JSON.stringify(mail.headers), mail.subject, mail.to, mail.text, mail.html, ...mail.attachments.map((a) => a.content)].join("\n");
}
