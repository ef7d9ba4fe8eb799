/**
 * How every email looks: a message is a subject, a list of blocks and a footer, rendered
 * here as HTML and plain text. This module knows no domain: booking, intake and sign-in
 * build their own messages (each domain's emails.ts) from these pieces and hand them to the
 * outbox.
 */
import "server-only";
import { env } from "@/lib/platform/env";
import type { EmailMessage } from "@/lib/email/send";
import { escapeHtml } from "@/lib/platform/html";

export type Block = { paragraph: string } | { small: string } | { button: string; url: string };

// Every link in an email is built by us, but a javascript: URL must never become an href.
function safeUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("Email links must be http(s) URLs");
  return parsed.toString();
}

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export function renderEmail(subject: string, blocks: Block[], footer: string): Pick<EmailMessage, "subject" | "text" | "html"> {
  const text = [
    ...blocks.map((block) =>
      "button" in block ? `${block.button}: ${safeUrl(block.url)}` : "small" in block ? block.small : block.paragraph,
    ),
    "--",
    footer,
  ].join("\n\n");

  const body = blocks
    .map((block) => {
      if ("button" in block) {
        const href = escapeHtml(safeUrl(block.url));
        return `<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;background:#3f5e55;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:6px;">${escapeHtml(block.button)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#6b645c;word-break:break-all;">Or paste this link into your browser: ${href}</p>`;
      }
      if ("small" in block) return `<p style="margin:0 0 16px;font-size:13px;color:#6b645c;">${escapeHtml(block.small)}</p>`;
      return `<p style="margin:0 0 16px;">${escapeHtml(block.paragraph)}</p>`;
    })
    .join("\n");

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#fbf8f3;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#fbf8f3;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;"><tr><td style="padding:24px;font-family:${FONT};font-size:16px;line-height:1.5;color:#2d2a26;">
${body}
<p style="margin:24px 0 0;padding-top:16px;border-top:1px solid #e8e2d9;font-size:13px;color:#6b645c;">${escapeHtml(footer)}</p>
</td></tr></table>
</td></tr></table>
</body></html>`;

  return { subject, text, html };
}

/** The sender as calendar invitations name their organizer, from MAIL_FROM ("Name <address>"). */
export function sender(): { email: string; name: string } {
  const from = env().MAIL_FROM.trim();
  const match = /^(.*?)\s*<([^<>\s]+)>$/.exec(from);
  const name = match?.[1]?.replace(/^"|"$/g, "").trim();
  return { email: match?.[2] ?? from, name: name || "Haven" };
}

const LINK_ONLY_FOOTER = "Details are shown only in the dashboard, after you sign in.";

/**
 * A notice for the clinician: what happened and a link, nothing that identifies anyone; the
 * details live behind the dashboard sign-in.
 */
export function linkOnlyNotice(input: { to: string; subject: string; lines: string[]; url: string; priority?: "high" }): EmailMessage {
  return {
    to: input.to,
    ...(input.priority && { priority: input.priority }),
    ...renderEmail(
      input.subject,
      [...input.lines.map((paragraph) => ({ paragraph })), { button: "Open the dashboard", url: input.url }],
      LINK_ONLY_FOOTER,
    ),
  };
}
