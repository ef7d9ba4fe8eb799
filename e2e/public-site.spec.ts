import { readFileSync } from "node:fs";
import matter from "gray-matter";
import { expect, test } from "./fixtures";

const PUBLIC_PAGES = [
  "/",
  "/about",
  "/services",
  "/fees",
  "/faq",
  "/contact",
  "/get-help",
  "/book",
  "/articles",
  "/articles/a-difficult-connection",
  "/articles/coping-while-theyre-away",
  "/articles/tags/postpartum",
  "/privacy",
];
const HER_ARTICLE = "/articles/a-difficult-connection";
const MILITARY_TITLE = "Coping While They're Away: A Guide for Military Spouses and Service Members During Deployment";

test("home shows who she is, who she helps, the call to action and the latest articles", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(/clinical psychologist specializing in reproductive mental health/i).first()).toBeVisible();
  for (const topic of ["Pregnancy", "Postpartum", "Birth trauma", "Bonding", "Loss", "Military families"]) {
    await expect(page.getByRole("heading", { name: topic, exact: true })).toBeVisible();
  }
  await expect(page.getByText(/person-centered care/i)).toBeVisible();
  const cta = page.getByRole("link", { name: "Book a free consultation" }).first();
  await expect(cta).toHaveAttribute("href", "/book");
  const latest = page.getByRole("region", { name: "Latest articles" });
  await expect(latest.getByRole("link", { name: /A Difficult Connection/ })).toBeVisible();
  await expect(latest.getByRole("link", { name: MILITARY_TITLE })).toBeVisible();
});

test("the seeded placeholders are never shown publicly: the pages leave out what is not set yet", async ({ page, request }) => {
  for (const path of [...PUBLIC_PAGES, "/feed.xml"]) {
    const body = await (await request.get(path)).text();
    expect(body, path).not.toMatch(
      /\[(Clinician name|degree and license|City, State|State|practice email|practice phone|Fee|Payment methods accepted)\]/,
    );
  }
  await page.goto("/contact");
  // Nothing is set yet in the seeded profile: no empty "Phone:" line either.
  await expect(page.getByRole("main")).not.toContainText("Phone:");
  await expect(page.getByRole("main")).not.toContainText("Email:");
});

test("the articles index lists both articles, newest first, with summary, date, reading time and tags", async ({ page }) => {
  await page.goto("/articles");
  const titles = await page.locator(".article-card h2").allTextContents();
  expect(titles).toEqual([MILITARY_TITLE, "A Difficult Connection: When You Feel Disconnected From Your Baby"]);
  const card = page.locator(".article-card").filter({ hasText: "A Difficult Connection" });
  await expect(card.getByText("September 15, 2026")).toBeVisible();
  await expect(card.getByText(/\d+ min read/)).toBeVisible();
  await expect(card.getByText(/Why feeling disconnected from your newborn/)).toBeVisible();
  await expect(card.getByRole("link", { name: "Birth trauma" })).toBeVisible();
});

test("her article is served word for word with tags, reading time and previous/next links", async ({ page }) => {
  await page.goto(HER_ARTICLE);
  const source = matter(readFileSync("prisma/seed-data/a-difficult-connection.md", "utf8"));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(source.data.title);
  const text = (await page.locator(".prose").innerText()).replace(/\s+/g, " ");
  // Every line of her text, with the Markdown syntax removed, appears unchanged on the page.
  const lines = source.content
    .split("\n")
    .map((line) =>
      line
        .replace(/^\s*(#+|-|\d+\.)\s+/, "")
        .replace(/\*\*/g, "")
        .trim(),
    )
    .filter(Boolean);
  expect(lines.length).toBeGreaterThan(20);
  for (const line of lines) expect(text).toContain(line.replace(/\s+/g, " "));

  await expect(page.getByText(/\d+ min read/)).toBeVisible();
  for (const tag of ["Postpartum", "Bonding", "Perinatal mood and anxiety disorders", "Birth trauma"]) {
    await expect(page.getByRole("list", { name: "Tags" }).getByRole("link", { name: tag })).toBeVisible();
  }
  await expect(page.getByRole("note")).toHaveCount(0);

  const next = page.getByRole("link", { name: new RegExp(`Next ${MILITARY_TITLE.replace(/[?.]/g, ".")}`) });
  await next.click();
  await expect(page).toHaveURL(/\/articles\/coping-while-theyre-away$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MILITARY_TITLE);
  await expect(page.getByRole("note")).toContainText("Draft");
  await page.getByRole("link", { name: /Previous A Difficult Connection/ }).click();
  await expect(page).toHaveURL(/\/articles\/a-difficult-connection$/);
});

test("article pages carry canonical URL, Open Graph data and Article JSON-LD", async ({ page, baseURL }) => {
  await page.goto(HER_ARTICLE);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}${HER_ARTICLE}`);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /disconnected from your newborn/);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd["@type"]).toBe("Article");
  expect(jsonLd.headline).toBe("A Difficult Connection: When You Feel Disconnected From Your Baby");
});

test("a tag page lists the articles with that tag", async ({ page }) => {
  await page.goto("/articles/tags/bonding");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonding");
  await expect(page.locator(".article-card")).toHaveCount(1);
  await page.goto("/articles/tags/military-families");
  await expect(page.locator(".article-card h2")).toHaveText([MILITARY_TITLE]);
});

test("the RSS feed is valid RSS 2.0 listing both articles", async ({ page, request }) => {
  const response = await request.get("/feed.xml");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/rss+xml");
  const xml = await response.text();
  await page.goto("/");
  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) return { error: true as const };
    const rss = doc.documentElement;
    const channel = rss.getElementsByTagName("channel")[0]!;
    const child = (el: Element, name: string) => el.getElementsByTagName(name)[0]?.textContent ?? null;
    return {
      error: false as const,
      root: rss.nodeName,
      version: rss.getAttribute("version"),
      channel: { title: child(channel, "title"), link: child(channel, "link"), description: child(channel, "description") },
      items: [...channel.getElementsByTagName("item")].map((item) => ({
        title: child(item, "title"),
        link: child(item, "link"),
        guid: child(item, "guid"),
        pubDate: child(item, "pubDate"),
      })),
    };
  }, xml);
  expect(parsed.error).toBe(false);
  if (parsed.error) return;
  expect(parsed.root).toBe("rss");
  expect(parsed.version).toBe("2.0");
  expect(parsed.channel.title).toBeTruthy();
  expect(parsed.channel.description).toBeTruthy();
  expect(parsed.items.map((i) => i.title)).toEqual([MILITARY_TITLE, "A Difficult Connection: When You Feel Disconnected From Your Baby"]);
  for (const item of parsed.items) {
    expect(item.link).toMatch(/^http:\/\/localhost:\d+\/articles\//);
    expect(Number.isNaN(Date.parse(item.pubDate ?? ""))).toBe(false);
  }
});

test("the sitemap and robots.txt list the public pages and articles", async ({ request, baseURL }) => {
  const sitemap = await (await request.get("/sitemap.xml")).text();
  expect(sitemap).toContain(`<loc>${baseURL}/articles/a-difficult-connection</loc>`);
  expect(sitemap).toContain(`<loc>${baseURL}/articles/coping-while-theyre-away</loc>`);
  expect(sitemap).toContain(`<loc>${baseURL}/get-help</loc>`);
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  expect(robots).toContain("Disallow: /dashboard");
});

test("an unknown article, tag or address shows the not-found page as HTML, with JavaScript off too", async ({ browser }) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    for (const path of ["/articles/no-such-article", "/articles/tags/no-such-tag", "/no/such/page"]) {
      const response = await page.goto(path);
      // An unmatched address is a real 404; a matched one whose record is missing is rendered in
      // place (Next renders a thrown notFound() only in the browser) and kept out of the index.
      expect(response?.status(), path).toBe(path.startsWith("/articles/") ? 200 : 404);
      const html = await response!.text();
      expect(html, path).toMatch(/<h1>We couldn’t find that page<\/h1>/);
      expect(html, path).toMatch(/<meta name="robots" content="noindex"\/>/);
      await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("We couldn’t find that page");
      await expect(page.getByRole("navigation", { name: "Main" }), path).toBeVisible();
      await expect(page.getByRole("link", { name: "Get help now" }).first(), path).toBeVisible();
      await expect(page.getByRole("complementary", { name: "Crisis help" }).getByRole("link", { name: "Call 988" }), path).toBeVisible();
    }
    await context.close();
  }
});

test("the Get help page lists the crisis and support lines", async ({ page }) => {
  await page.goto("/get-help");
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: "Call 988", exact: true })).toHaveAttribute("href", "tel:988");
  await expect(main.getByRole("link", { name: "text 988", exact: true }).first()).toHaveAttribute("href", "sms:988");
  await expect(main.getByText(/press 1 for the Veterans Crisis Line/)).toBeVisible();
  await expect(main.getByRole("link", { name: "text 838255" })).toHaveAttribute("href", "sms:838255");
  await expect(main.getByRole("link", { name: "911" }).first()).toHaveAttribute("href", "tel:911");
  await expect(main.getByRole("link", { name: /1-833-TLC-MAMA \(1-833-852-6262\)/ })).toHaveAttribute("href", "tel:18338526262");
  await expect(main.getByText(/It is not a crisis line/)).toBeVisible();
  await expect(main.getByRole("link", { name: "1-800-944-4773" })).toHaveAttribute("href", "tel:18009444773");
  await expect(main.getByRole("listitem").filter({ hasText: "Postpartum Support International" })).toContainText("Not for emergencies");
});

test("the crisis footer is on every page, including the 404 page", async ({ page }) => {
  for (const path of [...PUBLIC_PAGES, "/articles/no-such-article"]) {
    await page.goto(path);
    const footer = page.getByRole("complementary", { name: "Crisis help" });
    await expect(footer, path).toContainText("In crisis? Call 988 or text 988, or call 911");
    await expect(footer.getByRole("link", { name: "Call 988" })).toHaveAttribute("href", "tel:988");
    await expect(footer.getByRole("link", { name: "text 988" })).toHaveAttribute("href", "sms:988");
  }
});

test("every public page passes an axe WCAG 2.2 AA scan and fits a phone screen", async ({ page, expectAccessible }) => {
  // Thirteen axe scans take about 35 s on a busy 2-core machine.
  test.setTimeout(90_000);
  for (const path of [...PUBLIC_PAGES, "/articles/no-such-article"]) {
    await page.goto(path);
    await expectAccessible(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal scrolling on ${path}`).toBeLessThanOrEqual(0);
  }
});

test("a keyboard user can reach every link, starting with the skip link", async ({ page }) => {
  for (const path of ["/", HER_ARTICLE, "/fees"]) {
    await page.goto(path);
    const links = await page.locator("a[href]:visible").evaluateAll((els) => els.map((el) => el.outerHTML));
    const reached = new Set<string>();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to main content");
    for (let i = 0; i < links.length + 5; i++) {
      const focused = await page.evaluate(() =>
        document.activeElement instanceof HTMLAnchorElement ? document.activeElement.outerHTML : null,
      );
      if (focused) reached.add(focused);
      await page.keyboard.press("Tab");
    }
    const missed = links.filter((html) => !reached.has(html));
    expect(missed, `links not reachable by Tab on ${path}`).toEqual([]);
  }
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/articles");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("markdown in an article body cannot run script on the page", async ({ page, db }) => {
  const slug = `xss-check-${Date.now()}`;
  await db.query(
    `INSERT INTO "Article" (id, slug, title, summary, body, tags, status, "publishedAt", "updatedAt")
     VALUES ($1, $1, 'XSS check', 'x', $2, '{}', 'PUBLISHED', now() - interval '10 years', now())`,
    [slug, 'Hello <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> [link](javascript:window.__pwned=3)'],
  );
  try {
    await page.goto(`/articles/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("XSS check");
    await expect(page.locator('a[href^="javascript"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    const body = await page.locator(".prose").innerHTML();
    expect(body).not.toMatch(/<script|onerror|javascript:/i);
  } finally {
    await db.query(`DELETE FROM "Article" WHERE slug = $1`, [slug]);
  }
});

test("every response carries the security headers; private pages are never cached", async ({ request }) => {
  for (const path of ["/", "/articles/a-difficult-connection", "/book", "/feed.xml", "/no/such/page", "/portal", "/dashboard/signin"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).toContain("base-uri 'none'");
    // A nonce per request, or, for a cached public page, a hash of each of its inline scripts (e2e/page-cache.spec.ts).
    expect(csp, path).toMatch(/script-src 'self' ('nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'|'sha256-[A-Za-z0-9+/=]{44}')/);
    expect(csp, path).not.toContain("unsafe-inline");
    expect(csp, path).not.toContain("unsafe-eval");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["x-powered-by"], path).toBeUndefined();
  }
  expect((await request.get("/portal", { maxRedirects: 0 })).headers()["cache-control"]).toContain("no-store");
  expect((await request.get("/dashboard/signin", { maxRedirects: 0 })).headers()["cache-control"]).toContain("no-store");
});
