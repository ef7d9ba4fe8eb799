import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";
import { E2E } from "./config";

type Fixtures = {
  db: pg.Client;
  /** Fails the test on any WCAG 2.2 A/AA violation axe finds on the current page. */
  expectAccessible: (page: Page) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  db: async ({}, use) => {
    const client = new pg.Client({ connectionString: E2E.databaseUrl });
    await client.connect();
    await use(client);
    await client.end();
  },
  expectAccessible: async ({}, use) => {
    await use(async (page: Page) => {
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
        .analyze();
      const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      expect(summary, `axe violations on ${page.url()}`).toEqual([]);
    });
  },
});

export { expect };
