import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env, isLoopbackHost, smtpSecurity } from "@/lib/platform/env";

export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  priority?: "high" | "normal";
  /** Sent as a text/calendar alternative so calendar apps offer accept/decline. */
  icalEvent?: { method: "REQUEST" | "CANCEL"; content: string; filename?: string };
  messageId?: string;
};

/** Its message is safe to store and log: SMTP codes only, never addresses or content. */
export class EmailDeliveryError extends Error {
  code?: string;
  responseCode?: number;

  constructor(message: string, details: { code?: string; responseCode?: number } = {}) {
    super(message);
    this.name = "EmailDeliveryError";
    this.code = details.code;
    this.responseCode = details.responseCode;
  }
}

// A hung SMTP server must not hold an outbox lease for minutes.
const TIMEOUT_MS = 10_000;

let cached: { url: string; transporter: Transporter } | undefined;

function transporter(): Transporter {
  const url = env().SMTP_URL;
  if (cached?.url !== url) {
    const options = {
      url,
      // The environment check already refuses plain SMTP to another machine; requiring TLS
      // here too means a server that does not offer STARTTLS (or a path that strips the
      // offer) fails the send instead of carrying sign-in links in clear text.
      requireTLS: smtpSecurity(url) !== "plain" || !isLoopbackHost(new URL(url).hostname),
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    };
    cached = { url, transporter: nodemailer.createTransport(options) };
  }
  return cached.transporter;
}

// Rejections often quote the recipient ("550 <ann@example.com>: no such user"); strip
// anything address-like so lastError and logs never hold it.
function safeResponse(response: unknown): string | undefined {
  if (typeof response !== "string" || response === "") return undefined;
  return response
    .replace(/<[^>]*>/g, "<…>")
    .replace(/\S+@\S+/g, "[address]")
    .replace(/\s+/g, " ")
    .slice(0, 120);
}

function toDeliveryError(error: unknown): EmailDeliveryError {
  const source = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const code = typeof source.code === "string" ? source.code : undefined;
  const responseCode = typeof source.responseCode === "number" ? source.responseCode : undefined;
  const response = safeResponse(source.response);
  const parts = [code && `code ${code}`, responseCode && `SMTP ${responseCode}`, response && `response "${response}"`];
  const summary = parts.filter(Boolean).join(", ");
  return new EmailDeliveryError(`Email delivery failed${summary ? ` (${summary})` : ""}`, { code, responseCode });
}

export async function sendEmail(message: EmailMessage): Promise<void> {
  try {
    await transporter().sendMail({
      from: env().MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      // nodemailer maps "high" to X-Priority: 1, X-MSMail-Priority: High and Importance: High.
      priority: message.priority === "high" ? "high" : undefined,
      icalEvent: message.icalEvent && {
        method: message.icalEvent.method,
        content: message.icalEvent.content,
        filename: message.icalEvent.filename ?? (message.icalEvent.method === "CANCEL" ? "cancel.ics" : "invite.ics"),
      },
      messageId: message.messageId,
    });
  } catch (error) {
    throw toDeliveryError(error);
  }
}
