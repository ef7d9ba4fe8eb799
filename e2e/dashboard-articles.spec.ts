import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

const PREFIX = "e2e-article-";

function uniqueSlug() {
  return `${PREFIX}${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/** What a visitor (no cookies) sees for the article, the index, the feed and the sitemap. */
// The rendered heading (the page's script data also carries the not-found page's text, always).
const NOT_FOUND_HTML = /<h1>We couldn’t find that page<\/h1>/;

async function publicView(request: APIRequestContext, slug: string) {
  const [page, index, feed, sitemap] = await Promise.all([
    request.get(`/articles/${slug}`),
    request.get("/articles"),
    request.get("/feed.xml"),
    request.get("/sitemap.xml"),
  ]);
  expect(index.status()).toBe(200);
  expect(feed.status()).toBe(200);
  expect(sitemap.status()).toBe(200);
  const pageHtml = await page.text();
  return {
    // A missing article is rendered in place (so it has a body without JavaScript), kept out of
    // the index with noindex; see app/(site)/articles/[slug]/page.tsx.
    notFound: NOT_FOUND_HTML.test(pageHtml) && pageHtml.includes('<meta name="robots" content="noindex"/>'),
    pageStatus: page.status(),
    pageHtml,
    index: await index.text(),
    feed: await feed.text(),
    sitemap: await sitemap.text(),
  };
}

test.describe("clinician article management", () => {
  const created: string[] = [];

  test.afterEach(async ({ db }) => {
    if (created.length) await db.query(`DELETE FROM "Article" WHERE slug = ANY($1)`, [created.splice(0)]);
  });

  test("write with a live preview, save a draft, publish, refuse a taken address, unpublish", async ({
    page,
    db,
    request,
    baseURL,
    signInAsClinician,
  }) => {
    test.setTimeout(120_000);
    const slug = uniqueSlug();
    created.push(slug);
    const title = `Night feeds and intrusive thoughts ${slug.slice(-5)}`;
    // The request fixture does not share the browser's cookies: it sees what a visitor sees.
    const visitor = request;

    await signInAsClinician(page);
    await page.goto("/dashboard/articles");
    await expect(page.getByRole("heading", { level: 1, name: "Articles" })).toBeVisible();
    // The seeded articles are listed with their status.
    await expect(page.getByRole("row", { name: /A Difficult Connection/ }).getByText("Published")).toBeVisible();
    await page.getByRole("link", { name: "New article" }).click();
    await expect(page).toHaveURL(/\/dashboard\/articles\/new$/);

    await page.getByLabel("Title").fill(title);
    // The address follows the title until she types her own.
    await expect(page.getByLabel("Address")).toHaveValue(/^night-feeds-and-intrusive-thoughts-/);
    await page.getByLabel("Address").fill(slug);
    await page.getByLabel("Summary").fill("Scary thoughts in the early weeks are common, and there is help.");
    await page.getByLabel("Tags").fill("Postpartum, Intrusive thoughts");
    await page
      .getByLabel("Article text (Markdown)")
      .fill(
        "Many new parents have **frightening thoughts** they never act on.\n\n## What helps\n\n- Saying them out loud\n- Sleep\n\n<script>window.__pwned = 1</script>",
      );

    const preview = page.getByRole("region", { name: "Preview" });
    await expect(preview.getByRole("heading", { name: "What helps" })).toBeVisible();
    await expect(preview.locator("strong")).toHaveText("frightening thoughts");
    await expect(preview.getByRole("listitem")).toHaveText(["Saying them out loud", "Sleep"]);
    expect(await preview.innerHTML()).not.toContain("<script");

    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page).toHaveURL(/\/dashboard\/articles\/[A-Za-z0-9_-]+\?created=draft$/);
    await expect(page.getByRole("status")).toContainText("Draft saved");
    const { rows } = await db.query<{ id: string; status: string; tags: string[] }>(
      `SELECT id, status, tags FROM "Article" WHERE slug = $1`,
      [slug],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "DRAFT", tags: ["postpartum", "intrusive-thoughts"] });
    const id = rows[0]!.id;

    let view = await publicView(visitor, slug);
    expect(view.notFound).toBe(true);
    expect(view.index).not.toContain(slug);
    expect(view.feed).not.toContain(slug);
    expect(view.sitemap).not.toContain(slug);

    // Publish: the page, index, tag page, feed and sitemap all show it on the very next request.
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("Published");
    await expect(page.getByRole("button", { name: "Unpublish" })).toBeVisible();
    view = await publicView(visitor, slug);
    expect(view.pageStatus).toBe(200);
    expect(view.notFound).toBe(false);
    expect(view.index).toContain(`/articles/${slug}`);
    expect(view.feed).toContain(`${baseURL}/articles/${slug}`);
    expect(view.sitemap).toContain(`<loc>${baseURL}/articles/${slug}</loc>`);
    expect(await (await visitor.get("/articles/tags/intrusive-thoughts")).text()).not.toMatch(NOT_FOUND_HTML);

    await page.goto(`/articles/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.locator(".prose")).toContainText("Many new parents have frightening thoughts they never act on.");
    await expect(page.locator(".prose").getByRole("heading", { name: "What helps" })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.goto("/articles");
    await expect(page.getByRole("link", { name: title })).toBeVisible();

    // A second article with the same address is refused clearly, and the form keeps her text.
    await page.goto("/dashboard/articles/new");
    await page.getByLabel("Title").fill("A different article");
    await page.getByLabel("Address").fill(slug);
    await page.getByLabel("Summary").fill("Another summary.");
    await page.getByLabel("Article text (Markdown)").fill("Different text.");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Another article already uses this address")).toBeVisible();
    await expect(page.getByLabel("Address")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Address")).toHaveAttribute("aria-describedby", /article-slug-error/);
    await expect(page.getByRole("alert").filter({ hasText: "Please check the highlighted fields" })).toBeVisible();
    await expect(page).toHaveURL(/\/dashboard\/articles\/new$/);
    await expect(page.getByLabel("Title")).toHaveValue("A different article");
    await expect(page.getByLabel("Article text (Markdown)")).toHaveValue("Different text.");
    const after = await db.query(`SELECT title FROM "Article" WHERE slug = $1 OR title = 'A different article'`, [slug]);
    expect(after.rows).toEqual([{ title }]);

    // Unpublish: not found again and gone from the index, the feed and the sitemap at once.
    await page.goto(`/dashboard/articles/${id}`);
    await expect(page.getByLabel("Title")).toHaveValue(title);
    await page.getByRole("button", { name: "Unpublish" }).click();
    await expect(page.getByRole("status")).toContainText("Unpublished");
    await expect(page.getByRole("button", { name: "Publish", exact: true })).toBeVisible();
    view = await publicView(visitor, slug);
    expect(view.notFound).toBe(true);
    expect(view.index).not.toContain(slug);
    expect(view.feed).not.toContain(slug);
    expect(view.sitemap).not.toContain(slug);
    expect(await (await visitor.get("/articles/tags/intrusive-thoughts")).text()).toMatch(NOT_FOUND_HTML);
    expect((await db.query(`SELECT status FROM "Article" WHERE id = $1`, [id])).rows).toEqual([{ status: "DRAFT" }]);

    await page.goto("/dashboard/articles");
    await expect(page.getByRole("row", { name: new RegExp(title) }).getByText("Draft")).toBeVisible();
  });

  test("invalid input is explained on each field and nothing is saved", async ({ page, db, signInAsClinician, expectAccessible }) => {
    await signInAsClinician(page);
    await page.goto("/dashboard/articles/new");
    await page.getByLabel("Address").fill("Not A Valid Address");
    await page.getByLabel("Tags").fill(Array.from({ length: 11 }, (_, i) => `tag ${i}`).join(", "));
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Use only lowercase letters, numbers and single hyphens")).toBeVisible();
    await expect(page.getByText("Please use at most 10 tags")).toBeVisible();
    await expect(page.getByText("Please write the article text.")).toBeVisible();
    await expect(page.getByLabel("Title")).toBeFocused();
    await expectAccessible(page);
    expect((await db.query(`SELECT 1 FROM "Article" WHERE slug ILIKE 'not%valid%'`)).rowCount).toBe(0);
  });

  test("the list and editor pages pass an axe scan", async ({ page, db, signInAsClinician, expectAccessible }) => {
    await signInAsClinician(page);
    await page.goto("/dashboard/articles");
    await expect(page.getByRole("table")).toBeVisible();
    await expectAccessible(page);

    await page.goto("/dashboard/articles/new");
    await expect(page.getByRole("region", { name: "Preview" })).toBeVisible();
    await expectAccessible(page);

    const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Article" WHERE slug = 'a-difficult-connection'`);
    await page.goto(`/dashboard/articles/${rows[0]!.id}`);
    await expect(page.getByRole("region", { name: "Preview" }).locator(".prose h2").first()).toBeVisible();
    await expectAccessible(page);

    const missing = await page.goto("/dashboard/articles/no-such-article");
    expect(missing?.status()).toBe(404);
  });

  test("clients and visitors are sent to the clinician sign-in", async ({ page, db, signInAsClient }) => {
    const paths = ["/dashboard/articles", "/dashboard/articles/new"];
    for (const path of paths) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/dashboard\/signin(\?|$)/);
    }
    const client = await signInAsClient(page);
    try {
      for (const path of paths) {
        await page.goto(path);
        await expect(page).toHaveURL(/\/dashboard\/signin(\?|$)/);
      }
    } finally {
      await db.query(`DELETE FROM "User" WHERE id = $1`, [client.id]);
    }
  });
});
