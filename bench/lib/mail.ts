/** Reads sign-in links from the mail catcher's folder, parsing each new message once. */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";

const LINK = /https?:\/\/\S+\/api\/auth\/callback\/email\?[^\s"<>]+/;

export function mailWatcher(dir: string) {
  const seen = new Set<string>();
  const links = new Map<string, string>();

  async function scan() {
    let names: string[] = [];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith(".eml") && !seen.has(n));
    } catch {
      return;
    }
    for (const name of names) {
      seen.add(name);
      const mail = await simpleParser(await readFile(path.join(dir, name)));
      const to = [mail.to]
        .flat()
        .flatMap((a) => a?.value ?? [])
        .map((a) => a.address?.toLowerCase() ?? "");
      const link = LINK.exec(mail.text ?? "")?.[0];
      if (link) for (const address of to) links.set(address, link);
    }
  }

  return {
    /** The newest sign-in link sent to `email`, waiting for it up to `timeoutMs`. */
    async linkFor(email: string, timeoutMs = 60_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const link = links.get(email.toLowerCase());
        if (link) return link;
        if (Date.now() > deadline) throw new Error(`no sign-in email for ${email} within ${timeoutMs / 1000}s`);
        await scan();
        if (!links.has(email.toLowerCase())) await new Promise((resolve) => setTimeout(resolve, 300));
      }
    },
  };
}
