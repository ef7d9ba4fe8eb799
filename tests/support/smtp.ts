import { mkdtemp } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startMailCatcher } from "../../scripts/mail-catcher";

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A real SMTP server that tests can take down and bring back on the same port. */
export async function smtpSink() {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), "haven-mail-"));
  let running: { stop(): Promise<void> } | undefined;
  return {
    port,
    dir,
    url: `smtp://127.0.0.1:${port}`,
    async up() {
      running ??= await startMailCatcher({ port, dir });
    },
    async down() {
      await running?.stop();
      running = undefined;
    },
  };
}
