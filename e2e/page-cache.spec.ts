/**
 * Public pages from Next's page cache under a strict CSP (issue 15): every page has a policy
 * with no 'unsafe-inline' or 'unsafe-eval' script; a cached page lists the sha256 of each of
 * its own inline scripts and styles (and no nonce), the first answer (the miss) included; a
 * private page keeps its per-request nonce; and a cached page hydrates and navigates in the
 * browser with no violation (the fixture fails the test on any).
 */
import { createHash, randomUUID } from "node:crypto";
import { expect, test } from "./fixtures";

const CACHED = [
  "/",
  "/about",
  "/services",
  "/fees",
  "/faq",
  "/get-help",
  "/articles",
  "/articles/a-difficult-connection",
  "/articles/coping-while-theyre-away",
  "/articles/tags/postpartum",
];
const PER_REQUEST = ["/book", "/contact", "/privacy", "/signin", "/signin/check-email", "/dashboard/signin", "/no/such/page"];

const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? "";

function inline(html: string, tag: "script" | "style"): string[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, "gi"))]
    .filter(([, attributes]) => tag !== "script" || !/\ssrc\s*=/i.test(` ${attributes}`))
    .map(([, , body]) => `'sha256-${createHash("sha256").update(body!, "utf8").digest("base64")}'`);
}

function expectStrict(policy: string, path: string) {
  const scripts = directive(policy, "script-src");
  expect(scripts, path).toMatch(/^script-src 'self'/);
  expect(scripts, path).not.toContain("'unsafe-inline'");
  expect(scripts, path).not.toContain("'unsafe-eval'");
  expect(directive(policy, "style-src"), path).not.toContain("'unsafe-inline'");
  expect(policy, path).toContain("object-src 'none'");
  expect(policy, path).toContain("base-uri 'none'");
}

test("every page's CSP allows no inline script without a hash or nonce; cached pages list their own inline scripts and styles by hash", async ({
  request,
}) => {
  for (const path of CACHED) {
    // Twice: the first may be the miss that fills the cache, the second is a hit.
    for (const round of [1, 2]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const policy = response.headers()["content-security-policy"] ?? "";
      expectStrict(policy, path);
      expect(policy.match(/script-src/g), path).toHaveLength(1);
      expect(policy, path).not.toContain("'nonce-");
      expect(policy, path).not.toContain("'strict-dynamic'");
      const html = await response.text();
      const scripts = inline(html, "script");
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const hash of scripts) expect(directive(policy, "script-src"), `${path}: inline script ${hash}`).toContain(hash);
      for (const hash of inline(html, "style")) expect(directive(policy, "style-src"), `${path}: inline style ${hash}`).toContain(hash);
      if (round === 2) expect(response.headers()["x-nextjs-cache"], path).toMatch(/HIT|STALE/);
    }
  }
  for (const path of PER_REQUEST) {
    const response = await request.get(path);
    const policy = response.headers()["content-security-policy"] ?? "";
    expectStrict(policy, path);
    // One policy only: a second one (say, a cached page's hash policy) would block the nonced scripts.
    expect(policy.match(/script-src/g), path).toHaveLength(1);
    expect(directive(policy, "script-src"), path).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
  }
});

test("the first answer of a page not yet cached (the miss) already carries its own hash policy", async ({ request, db }) => {
  // An article no one has visited yet: rendered on this first visit, then kept.
  const slug = `not-yet-visited-${randomUUID().slice(0, 8)}`;
  await db.query(
    `INSERT INTO "Article" (id, slug, title, summary, body, tags, status, "publishedAt", "updatedAt")
     VALUES ($1, $1, 'Not yet visited', 'A page for the cache test.', 'Some *text*.', '{}', 'PUBLISHED', '2020-01-01', now())`,
    [slug],
  );
  try {
    const path = `/articles/${slug}`;
    const miss = await request.get(path);
    expect(miss.headers()["x-nextjs-cache"]).toBe("MISS");
    const html = await miss.text();
    expect(html).toContain("Not yet visited");
    const policy = miss.headers()["content-security-policy"] ?? "";
    expectStrict(policy, path);
    const hashes = inline(html, "script");
    expect(hashes.length).toBeGreaterThan(0);
    for (const hash of hashes) expect(directive(policy, "script-src")).toContain(hash);
    const hit = await request.get(path);
    expect(hit.headers()["x-nextjs-cache"]).toBe("HIT");
    expect(hit.headers()["content-security-policy"]).toBe(policy);
  } finally {
    await db.query(`DELETE FROM "Article" WHERE slug = $1`, [slug]);
  }
});

test("an unknown article or tag is answered with a policy but never kept: random addresses cannot fill the cache", async ({ request }) => {
  for (const path of [`/articles/no-such-${randomUUID().slice(0, 8)}`, `/articles/tags/no-such-${randomUUID().slice(0, 8)}`]) {
    for (let i = 0; i < 2; i++) {
      const response = await request.get(path);
      expect(await response.text(), path).toContain("We couldn’t find that page");
      expect(response.headers()["x-nextjs-cache"], path).not.toBe("HIT");
      const policy = response.headers()["content-security-policy"] ?? "";
      expectStrict(policy, path);
      expect(policy.match(/script-src/g), path).toHaveLength(1);
    }
  }
});

test("a cached public page hydrates and navigates in the browser with no CSP violation", async ({ page }) => {
  await page.goto("/articles/a-difficult-connection");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/A Difficult Connection/);
  // A marker on the window survives only a client-side navigation, which needs the page's
  // scripts to have run (hydrated) under the hash policy.
  await page.evaluate(() => ((window as unknown as { __stayed: boolean }).__stayed = true));
  await page.getByRole("main").getByRole("link", { name: "Articles", exact: true }).click();
  await expect(page).toHaveURL(/\/articles$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
  // On to another cached page, then to one rendered per request, still client-side.
  await page
    .getByRole("link", { name: /Coping While They/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/articles\/coping-while-theyre-away$/);
  await page.getByRole("main").getByRole("link", { name: "Book a free consultation" }).click();
  await expect(page).toHaveURL(/\/book/);
  await expect(page.getByRole("heading", { level: 1, name: "Book a free consultation" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(true);
});

test("the open times on /book are cached, yet a change made anywhere (here straight in the database) shows at once", async ({
  request,
  db,
}) => {
  const slotsOf = async () => [...(await (await request.get("/book")).text()).matchAll(/data-slot="([^"]+)"/g)].map((m) => m[1]!);
  const first = (await slotsOf())[0];
  expect(first).toBeTruthy();
  const { rows } = await db.query<{ timeZone: string; daysOff: string[] }>(
    `SELECT "timeZone", "daysOff" FROM "BookingSettings" WHERE id = 1`,
  );
  const settings = rows[0]!;
  // That slot's practice-local date, as a day off: the database trigger expires the cached times.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: settings.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(first!),
  );
  await db.query(`UPDATE "BookingSettings" SET "daysOff" = $1 WHERE id = 1`, [[...settings.daysOff, day]]);
  try {
    await expect.poll(async () => (await slotsOf()).includes(first!), { timeout: 2_000, intervals: [50] }).toBe(false);
  } finally {
    await db.query(`UPDATE "BookingSettings" SET "daysOff" = $1 WHERE id = 1`, [settings.daysOff]);
  }
  await expect.poll(async () => (await slotsOf()).includes(first!), { timeout: 2_000, intervals: [50] }).toBe(true);
});
