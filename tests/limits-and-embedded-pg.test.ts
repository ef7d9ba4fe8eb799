/** Abuse limits in PostgreSQL, and the embedded database's clear start-up errors. */
import net from "node:net";
import { beforeEach, describe, expect, test } from "vitest";
import { EmbeddedPgError, startEmbeddedPostgres } from "../scripts/embedded-pg";

const { prisma } = await import("@/lib/platform/db");
const limits = await import("@/lib/platform/rate-limit");

beforeEach(async () => {
  await prisma.$executeRawUnsafe("DELETE FROM rate_limit");
});

describe("sign-in link limits", () => {
  test("per email, whatever the IP, and per IP, whatever the email", async () => {
    for (let i = 0; i < limits.LIMITS.signInPerEmail.points; i++) {
      expect(await limits.limitSignInLinkRequest({ email: "a@example.test", ip: `192.0.2.${i}` })).toBeNull();
    }
    const limited = await limits.limitSignInLinkRequest({ email: "a@example.test", ip: "192.0.2.200" });
    expect(limited?.retryAfterSeconds).toBeGreaterThan(0);

    for (let i = 0; i < limits.LIMITS.signInPerIp.points; i++)
      await limits.limitSignInLinkRequest({ email: `u${i}@example.test`, ip: "198.51.100.7" });
    expect(await limits.limitSignInLinkRequest({ email: "fresh@example.test", ip: "198.51.100.7" })).not.toBeNull();
  });

  test("the counter table never holds an email address", async () => {
    await limits.limitSignInLinkRequest({ email: "private.person@example.test", ip: "192.0.2.1" });
    const rows = JSON.stringify(await prisma.$queryRawUnsafe("SELECT key FROM rate_limit"));
    expect(rows).not.toContain("private.person");
  });
});

describe("embedded PostgreSQL", () => {
  test("a taken port gets a clear message naming the way out", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const error = await startEmbeddedPostgres({ dataDir: ".data/postgres-port-check", port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EmbeddedPgError);
      expect((error as Error).message).toMatch(new RegExp(`Port ${port} is already in use[\\s\\S]*HAVEN_PG_PORT[\\s\\S]*DATABASE_URL`));
    } finally {
      blocker.close();
    }
  });
});
