/**
 * A local SMTP server that accepts every message and writes it raw to a directory, so
 * development and end-to-end tests never send real email. Loopback only, no auth, no TLS.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { SMTPServer } from "smtp-server";

export async function startMailCatcher({ port, dir }: { port: number; dir: string }): Promise<{ stop(): Promise<void> }> {
  await mkdir(dir, { recursive: true });
  let counter = 0;
  // Pending writes are awaited on stop, so a test that stops the catcher sees every file.
  const writes = new Set<Promise<void>>();

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error("Message too large"), { responseCode: 552 }));
        const file = path.join(dir, `${Date.now()}-${++counter}.eml`);
        const write = writeFile(file, Buffer.concat(chunks));
        writes.add(write);
        write
          .then(
            () => callback(),
            (error: Error) => callback(error),
          )
          .finally(() => writes.delete(write));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Client disconnects and malformed commands must not crash the dev server.
  server.on("error", (error) => console.error(`mail catcher: ${error.message}`));

  return {
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...writes]);
    },
  };
}
