/**
 * An in-memory SMTP server for the fault drills: it can be taken down and brought back on
 * the same port, and it can hold a message after reading it whole but before answering
 * "250 OK", which is the moment a crash turns into a duplicate.
 */
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = { messageId: string; to: string; subject: string; text: string };

export class SmtpSink {
  readonly received: Received[] = [];
  private server: SMTPServer | undefined;
  private holdNext: ((message: Received) => void) | undefined;
  private held: (() => void)[] = [];

  constructor(readonly port: number) {}

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ["AUTH", "STARTTLS"],
      logger: false,
      closeTimeout: 200,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            const message: Received = {
              messageId: mail.messageId ?? "",
              to: mail.to ? (Array.isArray(mail.to) ? mail.to : [mail.to]).map((a) => a.text).join(", ") : "",
              subject: mail.subject ?? "",
              text: mail.text ?? "",
            };
            // Recorded before the answer: the message has "arrived" even if the sender dies.
            this.received.push(message);
            const hold = this.holdNext;
            if (hold) {
              this.holdNext = undefined;
              this.held.push(() => callback());
              hold(message);
            } else callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    server.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.releaseHeld();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves with the next message once it is read whole; its "250 OK" waits for releaseHeld(). */
  holdNextMessage(): Promise<Received> {
    return new Promise((resolve) => {
      this.holdNext = resolve;
    });
  }

  releaseHeld(): void {
    for (const answer of this.held.splice(0)) answer();
  }

  count(messageId: string): number {
    return this.received.filter((m) => m.messageId === messageId).length;
  }
}
