import { randomBytes, randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { E2E } from "./config";

export async function startSession(db: pg.Client, page: Page, userId: string) {
  const sid = randomBytes(32).toString("base64url");
  await db.query(`INSERT INTO "Session" (id, "userId", "expiresAt") VALUES ($1, $2, now() + interval '1 hour')`, [sid, userId]);
  const token = await encode({ token: { sub: userId, sid }, secret: E2E.appEnv.NEXTAUTH_SECRET! });
  await page.context().addCookies([{ name: "next-auth.session-token", value: token, url: E2E.baseUrl, httpOnly: true, sameSite: "Lax" }]);
  return sid;
}

type Fixtures = {
  db: pg.Client;
  /** Creates a client account and a server-side session, and puts its cookie in the browser. */
  signInAsClient: (page: Page, email?: string) => Promise<{ id: string; email: string }>;
  /** The clinician (created once), with a fresh server-side session cookie in the browser. */
  signInAsClinician: (page: Page) => Promise<{ id: string; email: string }>;
  /** Fails the test on any WCAG 2.2 A/AA violation axe finds on the current page. */
  expectAccessible: (page: Page) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  // Every test fails on a Content-Security-Policy violation: a blocked script or style would
  // otherwise go unnoticed until a feature quietly stops working in a real browser.
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      const text = message.text();
      if (/Content Security Policy|CSP violation/i.test(text)) violations.push(text);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(
          `CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
    await use(page);
    expect(violations, "Content-Security-Policy violations in the browser console").toEqual([]);
  },
  db: async ({}, use) => {
    const client = new pg.Client({ connectionString: E2E.databaseUrl });
    await client.connect();
    await use(client);
    await client.end();
  },
  signInAsClient: async ({ db }, use) => {
    await use(async (page, email = `client-${randomUUID()}@example.test`) => {
      const id = randomUUID();
      await db.query(`INSERT INTO "User" (id, email, role) VALUES ($1, $2, 'CLIENT')`, [id, email]);
      await startSession(db, page, id);
      return { id, email };
    });
  },
  signInAsClinician: async ({ db }, use) => {
    await use(async (page) => {
      const email = E2E.clinicianLoginEmail;
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO "User" (id, email, role) VALUES ($1, $2, 'CLINICIAN')
         ON CONFLICT (email) DO UPDATE SET role = 'CLINICIAN' RETURNING id`,
        [randomUUID(), email],
      );
      const id = rows[0]!.id;
      await startSession(db, page, id);
      return { id, email };
    });
  },
  expectAccessible: async ({}, use) => {
    await use(async (page: Page) => {
      // After a client-side navigation Next streams the new page's metadata in a moment later;
      // scan the settled page, not the instant between the old <title> and the new one.
      await expect.poll(() => page.title(), { message: "the page has a <title>" }).not.toBe("");
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
        .analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      expect(summary, `axe violations on ${page.url()}`).toEqual([]);
    });
  },
});

export { expect };
