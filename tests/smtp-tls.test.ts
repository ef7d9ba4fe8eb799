/**
 * Mail with STARTTLS required never falls back to clear text: against a server that does not
 * offer STARTTLS (as when someone on the path strips the offer), the send fails and nothing
 * is delivered. The environment check (lib/platform/env.ts) is what refuses plain SMTP to
 * another machine in the first place; this is the connection behaviour it relies on.
 */
import { readdir } from "node:fs/promises";
import { afterAll, beforeAll, expect, test } from "vitest";
import { smtpSink } from "./support/smtp";

const sink = await smtpSink();
process.env.SMTP_URL = `${sink.url}?requireTLS=true`;
const { sendEmail, EmailDeliveryError } = await import("@/lib/email/send");

beforeAll(() => sink.up());
afterAll(() => sink.down());

test("a server without STARTTLS gets no message when TLS is required", async () => {
  const sent = sendEmail({ to: "ann@example.test", subject: "Sign in", text: "link", html: "<p>link</p>" });
  await expect(sent).rejects.toBeInstanceOf(EmailDeliveryError);
  expect(await readdir(sink.dir)).toEqual([]);
});
