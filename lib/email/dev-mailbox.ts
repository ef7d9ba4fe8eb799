/** Reads the messages written by scripts/mail-catcher.ts (development and tests only). */
import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";

export type CaughtEmail = {
  id: string;
  date: Date;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Lower-cased header names; repeated headers are joined with ", ". */
  headers: Record<string, string>;
  attachments: { filename?: string; contentType: string; content: string }[];
};

// File names are "<Date.now()>-<counter>.eml"; compare numerically, since string order
// would put "-10" before "-9".
function order(id: string): [number, number] {
  const [time, counter] = id.split("-").map(Number);
  return [time ?? 0, counter ?? 0];
}

export async function readMailbox(dir: string): Promise<CaughtEmail[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith(".eml"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }

  const ids = names
    .map((name) => name.slice(0, -".eml".length))
    .sort((a, b) => {
      const [timeA, counterA] = order(a);
      const [timeB, counterB] = order(b);
      return timeB - timeA || counterB - counterA;
    });

  return Promise.all(
    ids.map(async (id): Promise<CaughtEmail> => {
      const parsed = await simpleParser(await readFile(path.join(dir, `${id}.eml`)));
      const headers: Record<string, string> = {};
      for (const { key, line } of parsed.headerLines) {
        const value = line
          .slice(line.indexOf(":") + 1)
          .replace(/\r?\n[ \t]+/g, " ")
          .trim();
        headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
      }
      const to =
        parsed.to === undefined
          ? ""
          : [parsed.to]
              .flat()
              .map((address) => address.text)
              .join(", ");
      return {
        id,
        date: parsed.date ?? new Date(order(id)[0]),
        to,
        subject: parsed.subject ?? "",
        text: parsed.text ?? "",
        html: typeof parsed.html === "string" ? parsed.html : "",
        headers,
        attachments: parsed.attachments.map((attachment) => ({
          filename: attachment.filename,
          contentType: attachment.contentType,
          content: /^text\/|^application\/ics/.test(attachment.contentType)
            ? attachment.content.toString("utf8")
            : attachment.content.toString("base64"),
        })),
      };
    }),
  );
}
