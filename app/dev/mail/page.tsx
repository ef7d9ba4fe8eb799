import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { readMailbox } from "@/lib/email/dev-mailbox";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Caught emails (development)", robots: { index: false } };

// Splitting on a capturing group keeps the URLs at the odd indexes.
const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

function Linkified({ text }: { text: string }) {
  return (
    <pre className="mail-text">
      {text.split(URL_PATTERN).map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

// Only the text part is shown: the HTML part is rendered by mail clients, never injected here.
export default async function DevMailPage() {
  const dir = process.env.HAVEN_DEV_MAILBOX;
  if (process.env.NODE_ENV !== "development" || !dir) notFound();
  const emails = await readMailbox(dir);

  return (
    <main id="main" className="container section">
      <h1>Caught emails</h1>
      <p className="meta">Development only: messages sent to the local mail catcher ({emails.length}), newest first.</p>
      <div className="grid">
        {emails.map((email) => (
          <article key={email.id} className="card" data-email-id={email.id}>
            <h2 className="card-title">{email.subject || "(no subject)"}</h2>
            <p className="meta">
              To {email.to} · {email.date.toLocaleString("en-US")}
              {email.attachments.length > 0 &&
                ` · ${email.attachments.map((attachment) => attachment.filename ?? attachment.contentType).join(", ")}`}
            </p>
            <Linkified text={email.text} />
          </article>
        ))}
      </div>
    </main>
  );
}
