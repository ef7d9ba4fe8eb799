/**
 * Article management against the real PostgreSQL test database: the shared form schema,
 * slug conflicts refused as a field error (also under concurrent saves), the draft →
 * published → draft transitions as the public reads see them, and the revalidation of
 * every public path a change touches. next/cache only works inside Next, so it is mocked.
 */
import { afterAll, beforeEach, describe, expect, test, vi } from "vitest";

const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath, revalidateTag: vi.fn(), updateTag: vi.fn() }));

const requireClinician = vi.hoisted(() => vi.fn());
vi.mock("@/lib/auth/session", () => ({ requireClinician }));

const { prisma } = await import("@/lib/platform/db");
const articles = await import("@/lib/articles/editing");
const actions = await import("@/lib/actions/articles");
const publicReads = await import("@/lib/articles/queries");

const { articleSchema, SLUG_CONFLICT_MESSAGE } = await import("@/lib/articles/schema");

/** The editor's form as the browser posts it. */
function posted(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

/** Runs an action that may answer with a redirect (next/navigation's redirect() throws). */
async function outcome(action: Promise<unknown>): Promise<unknown> {
  try {
    return await action;
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (digest?.startsWith("NEXT_REDIRECT;")) return { redirect: digest.split(";")[2] };
    throw error;
  }
}

const PREFIX = "vt-articles-";
let counter = 0;

function uniqueSlug(name = "post") {
  counter += 1;
  return `${PREFIX}${name}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

function input(overrides: Partial<Record<"title" | "slug" | "summary" | "body" | "tags", string>> = {}) {
  return {
    title: "Sleep in the fourth trimester",
    slug: uniqueSlug(),
    summary: "Why broken sleep hits so hard after a baby, and what helps.",
    body: "## Rest\n\nSleep **matters**.\n\n- naps\n- help at night\n",
    tags: "Postpartum, Sleep",
    ...overrides,
  };
}

function values(overrides: Parameters<typeof input>[0] = {}) {
  return articleSchema.parse(input(overrides));
}

function revalidated(): string[] {
  return revalidatePath.mock.calls.map((call) => (call[1] ? `${call[0]} (${call[1]})` : String(call[0])));
}

beforeEach(async () => {
  revalidatePath.mockClear();
  requireClinician.mockReset();
  requireClinician.mockResolvedValue({ id: "clinician", email: "dr@practice.test", role: "CLINICIAN", sessionId: "s" });
  await prisma.article.deleteMany({ where: { slug: { startsWith: PREFIX } } });
});

afterAll(async () => {
  await prisma.article.deleteMany({ where: { slug: { startsWith: PREFIX } } });
  await prisma.$disconnect();
});

describe("articleSchema", () => {
  test("accepts a complete article and turns the comma-separated tags into slugs", () => {
    const parsed = articleSchema.parse(
      input({ title: "  Title  ", tags: " Birth trauma, postpartum ,, Perinatal Mood & Anxiety, Postpartum, Café " }),
    );
    expect(parsed.title).toBe("Title");
    expect(parsed.tags).toEqual(["birth-trauma", "postpartum", "perinatal-mood-anxiety", "cafe"]);
  });

  test("no tags at all is fine", () => {
    expect(articleSchema.parse(input({ tags: "" })).tags).toEqual([]);
    expect(articleSchema.parse(input({ tags: " , ,, " })).tags).toEqual([]);
  });

  test("more than 10 tags is refused on the tags field", () => {
    const result = articleSchema.safeParse(input({ tags: Array.from({ length: 11 }, (_, i) => `tag ${i}`).join(", ") }));
    expect(result.success).toBe(false);
    expect(result.error?.flatten().fieldErrors.tags?.[0]).toMatch(/at most 10 tags/);
    expect(articleSchema.safeParse(input({ tags: Array.from({ length: 10 }, (_, i) => `tag ${i}`).join(", ") })).success).toBe(true);
  });

  test.each([
    ["Upper-Case", false],
    ["has space", false],
    ["-leading", false],
    ["trailing-", false],
    ["double--hyphen", false],
    ["under_score", false],
    ["émigré", false],
    ["a".repeat(101), false],
    ["", false],
    ["a", true],
    ["sleep-in-2026", true],
    ["a".repeat(100), true],
  ])("slug %j valid: %s", (slug, ok) => {
    const result = articleSchema.safeParse(input({ slug }));
    expect(result.success).toBe(ok);
    if (!ok) expect(result.error?.flatten().fieldErrors.slug?.length).toBeGreaterThan(0);
  });

  test("title, summary and body have their limits, each reported on its own field", () => {
    const errors = (o: Parameters<typeof input>[0]) => articleSchema.safeParse(input(o)).error?.flatten().fieldErrors ?? {};
    expect(errors({ title: "   " }).title).toBeDefined();
    expect(errors({ title: "t".repeat(201) }).title).toBeDefined();
    expect(errors({ title: "t".repeat(200) }).title).toBeUndefined();
    expect(errors({ summary: "" }).summary).toBeDefined();
    expect(errors({ summary: "s".repeat(301) }).summary).toBeDefined();
    expect(errors({ summary: "s".repeat(300) }).summary).toBeUndefined();
    expect(errors({ body: " \n\t " }).body).toBeDefined();
    expect(errors({ body: "b".repeat(100_001) }).body).toBeDefined();
    expect(errors({ body: "b".repeat(100_000) }).body).toBeUndefined();
  });
});

describe("creating and the slug conflict", () => {
  test("a new article is a draft, invisible to the public reads, and the public paths are revalidated", async () => {
    const data = values();
    const result = await articles.createArticle(data);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.article).toMatchObject({ slug: data.slug, status: "DRAFT", publishedAt: null, tags: ["postpartum", "sleep"] });
    expect(await publicReads.getPublishedArticle(data.slug)).toBeNull();
    expect(await publicReads.getPublishedArticle(data.slug)).toBeNull();
    expect(revalidated()).toEqual(
      expect.arrayContaining([
        "/",
        "/articles",
        "/feed.xml",
        "/sitemap.xml",
        `/articles/${data.slug}`,
        "/articles/tags/postpartum",
        "/articles/tags/[tag] (page)",
        "/(site)/articles/tags/[tag] (page)",
      ]),
    );
  });

  test("a second article with the same slug is refused as a clear slug field error and nothing is saved", async () => {
    const slug = uniqueSlug("taken");
    expect((await articles.createArticle(values({ slug }))).ok).toBe(true);
    const result = await articles.createArticle(values({ slug, title: "Another one" }));
    expect(result).toEqual({ ok: false, reason: "conflict", fieldErrors: { slug: SLUG_CONFLICT_MESSAGE } });
    expect(SLUG_CONFLICT_MESSAGE).toMatch(/Another article already uses this address/);
    const rows = await prisma.article.findMany({ where: { slug } });
    expect(rows.map((r) => r.title)).toEqual(["Sleep in the fourth trimester"]);
  });

  test("concurrent saves of one slug give exactly one article and conflicts for the rest", async () => {
    const slug = uniqueSlug("race");
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => articles.createArticle(values({ slug, title: `Race ${i}` }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok))
      expect(r).toMatchObject({ reason: "conflict", fieldErrors: { slug: SLUG_CONFLICT_MESSAGE } });
    expect(await prisma.article.count({ where: { slug } })).toBe(1);
  });

  test("renaming an article to a slug in use is refused and leaves it unchanged", async () => {
    const a = await articles.createArticle(values());
    const b = await articles.createArticle(values());
    if (!a.ok || !b.ok) throw new Error("setup failed");
    const result = await articles.updateArticle(b.article.id, values({ slug: a.article.slug, title: "Renamed" }));
    expect(result).toMatchObject({ ok: false, reason: "conflict", fieldErrors: { slug: SLUG_CONFLICT_MESSAGE } });
    expect(await prisma.article.findUnique({ where: { id: b.article.id }, select: { slug: true, title: true } })).toEqual({
      slug: b.article.slug,
      title: "Sleep in the fourth trimester",
    });
  });
});

describe("publishing and unpublishing", () => {
  test("draft → published → draft → published: status, first publication date and the public reads follow", async () => {
    const created = await articles.createArticle(values());
    if (!created.ok) throw new Error("setup failed");
    const { id, slug } = created.article;

    const first = new Date("2030-02-01T10:00:00Z");
    const published = await articles.publishArticle(id, first);
    expect(published).toMatchObject({ ok: true, article: { status: "PUBLISHED", publishedAt: first } });
    const page = await publicReads.getPublishedArticle(slug);
    expect(page?.title).toBe("Sleep in the fourth trimester");
    expect((await publicReads.listPublishedArticles()).map((a) => a.slug)).toContain(slug);
    expect((await publicReads.listPublishedArticles({ tag: "sleep" })).map((a) => a.slug)).toContain(slug);
    expect(revalidated()).toEqual(
      expect.arrayContaining(["/articles", `/articles/${slug}`, "/feed.xml", "/sitemap.xml", "/articles/tags/sleep"]),
    );

    revalidatePath.mockClear();
    const unpublished = await articles.unpublishArticle(id);
    expect(unpublished).toMatchObject({ ok: true, article: { status: "DRAFT" } });
    expect(await publicReads.getPublishedArticle(slug)).toBeNull();
    expect(await publicReads.getPublishedArticle(slug)).toBeNull();
    expect((await publicReads.listTags()).find((t) => t.tag === "sleep")).toBeUndefined();
    expect(revalidated()).toEqual(
      expect.arrayContaining(["/articles", `/articles/${slug}`, "/feed.xml", "/sitemap.xml", "/articles/tags/sleep", "/"]),
    );

    const again = await articles.publishArticle(id, new Date("2030-03-01T10:00:00Z"));
    expect(again).toMatchObject({ ok: true, article: { status: "PUBLISHED", publishedAt: first } });
  });

  test("saving a published article keeps it published; saving with publish publishes a draft", async () => {
    const created = await articles.createArticle(values(), { publish: true });
    if (!created.ok) throw new Error("setup failed");
    expect(created.article.status).toBe("PUBLISHED");
    expect(created.article.publishedAt).toBeInstanceOf(Date);

    const saved = await articles.updateArticle(created.article.id, values({ slug: created.article.slug, title: "New title" }));
    expect(saved).toMatchObject({
      ok: true,
      article: { status: "PUBLISHED", title: "New title", publishedAt: created.article.publishedAt },
    });

    const draft = await articles.createArticle(values());
    if (!draft.ok) throw new Error("setup failed");
    const published = await articles.updateArticle(draft.article.id, values({ slug: draft.article.slug }), { publish: true });
    expect(published).toMatchObject({ ok: true, article: { status: "PUBLISHED" } });
    expect(await publicReads.getPublishedArticle(draft.article.slug)).not.toBeNull();
  });

  test("changing a published article's slug revalidates both addresses and the old one stops resolving", async () => {
    const created = await articles.createArticle(values({ tags: "Loss" }), { publish: true });
    if (!created.ok) throw new Error("setup failed");
    const oldSlug = created.article.slug;
    const newSlug = uniqueSlug("renamed");
    revalidatePath.mockClear();
    const result = await articles.updateArticle(created.article.id, values({ slug: newSlug, tags: "Grief" }));
    expect(result.ok).toBe(true);
    expect(revalidated()).toEqual(
      expect.arrayContaining([`/articles/${oldSlug}`, `/articles/${newSlug}`, "/articles/tags/loss", "/articles/tags/grief"]),
    );
    expect(await publicReads.getPublishedArticle(oldSlug)).toBeNull();
    expect((await publicReads.getPublishedArticle(newSlug))?.tags).toEqual(["grief"]);
  });

  test("rewriting a placeholder's text clears the placeholder flag; other edits keep it", async () => {
    const created = await articles.createArticle(values());
    if (!created.ok) throw new Error("setup failed");
    const { id, slug } = created.article;
    await prisma.article.update({ where: { id }, data: { isPlaceholder: true } });
    const sameBody = await articles.updateArticle(id, values({ slug, title: "Retitled" }));
    expect(sameBody).toMatchObject({ ok: true, article: { isPlaceholder: true } });
    const newBody = await articles.updateArticle(id, values({ slug, body: "Her own words." }));
    expect(newBody).toMatchObject({ ok: true, article: { isPlaceholder: false } });
  });

  test("an unknown id is reported as not found, not thrown", async () => {
    expect(await articles.getArticleForEditing("no-such-article")).toBeNull();
    expect(await articles.getArticleForEditing("../../etc")).toBeNull();
    expect(await articles.updateArticle("no-such-article", values())).toEqual({ ok: false, reason: "not-found" });
    expect(await articles.publishArticle("no-such-article")).toEqual({ ok: false, reason: "not-found" });
    expect(await articles.unpublishArticle("no-such-article")).toEqual({ ok: false, reason: "not-found" });
  });

  test("the dashboard list includes drafts and published articles", async () => {
    const draft = await articles.createArticle(values());
    const live = await articles.createArticle(values(), { publish: true });
    if (!draft.ok || !live.ok) throw new Error("setup failed");
    const rows = await articles.listArticlesForDashboard();
    const mine = rows.filter((r) => r.slug.startsWith(PREFIX));
    expect(mine.map((r) => [r.slug, r.status])).toEqual(
      expect.arrayContaining([
        [draft.article.slug, "DRAFT"],
        [live.article.slug, "PUBLISHED"],
      ]),
    );
  });
});

describe("the editor's action", () => {
  test("a visitor or client is sent to sign in; nothing is stored or previewed", async () => {
    const redirect = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/dashboard/signin;307;" });
    requireClinician.mockRejectedValue(redirect);
    for (const intent of ["save", "publish", "unpublish"]) {
      expect(await outcome(actions.saveArticleAction(null, posted({ ...input(), intent, id: "x" })))).toEqual({
        redirect: "/dashboard/signin",
      });
    }
    expect(await outcome(actions.saveArticleAction(null, posted(input())))).toEqual({ redirect: "/dashboard/signin" });
    expect(await outcome(actions.previewMarkdownAction("# hi"))).toEqual({ redirect: "/dashboard/signin" });
    expect(await prisma.article.count({ where: { slug: { startsWith: PREFIX } } })).toBe(0);
  });

  test("invalid input comes back as field errors with what was typed; a taken slug as the conflict message", async () => {
    const typed = { ...input(), slug: "Not A Slug", title: "" };
    const invalid = await actions.saveArticleAction(null, posted(typed));
    expect(invalid).toMatchObject({ ok: false, values: typed });
    if (!invalid || invalid.ok) return;
    expect(invalid.fieldErrors.slug).toMatch(/lowercase/);
    expect(invalid.fieldErrors.title).toBeTruthy();
    expect(await actions.saveArticleAction(null, "garbage" as unknown as FormData)).toMatchObject({ ok: false });

    const first = input();
    const created = await outcome(actions.saveArticleAction(null, posted({ ...first, intent: "publish" })));
    expect(created).toEqual({ redirect: expect.stringMatching(/^\/dashboard\/articles\/[\w-]+\?created=published$/) });
    expect(await publicReads.getPublishedArticle(first.slug)).not.toBeNull();
    const dup = await actions.saveArticleAction(null, posted({ ...input(), slug: first.slug }));
    expect(dup).toMatchObject({ ok: false, fieldErrors: { slug: SLUG_CONFLICT_MESSAGE } });
  });

  test("a new article moves to its edit page; there, save, publish and unpublish; unknown ids are a message, not an exception", async () => {
    const first = input();
    const created = (await outcome(actions.saveArticleAction(null, posted(first)))) as { redirect: string };
    expect(created.redirect).toMatch(/\?created=draft$/);
    const id = /\/dashboard\/articles\/([\w-]+)\?/.exec(created.redirect)![1]!;
    const row = () => prisma.article.findUniqueOrThrow({ where: { id }, select: { status: true, title: true } });
    expect(await row()).toEqual({ status: "DRAFT", title: first.title });

    expect(await actions.saveArticleAction(null, posted({ ...first, id, title: "Edited", intent: "publish" }))).toEqual({
      ok: true,
      message: "Published. The article is now on the site.",
    });
    expect(await row()).toEqual({ status: "PUBLISHED", title: "Edited" });
    expect(await actions.saveArticleAction(null, posted({ ...first, id, title: "Edited again" }))).toMatchObject({
      ok: true,
      message: "Changes saved and live on the site.",
    });
    // Unpublishing leaves unsaved edits in the form: the article keeps its saved text.
    expect(await actions.saveArticleAction(null, posted({ ...first, id, title: "Not saved", intent: "unpublish" }))).toMatchObject({
      ok: true,
    });
    expect(await row()).toEqual({ status: "DRAFT", title: "Edited again" });

    expect(await actions.saveArticleAction(null, posted({ ...first, id: "nope" }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no longer exists/),
    });
    expect(await actions.saveArticleAction(null, posted({ intent: "unpublish", id: "nope" }))).toMatchObject({ ok: false });
  });

  test("the preview is the sanitised rendering", async () => {
    const result = await actions.previewMarkdownAction(
      '## Hello\n\n**bold** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="alert(1)">',
    );
    expect(result.ok).toBe(true);
    const html = result.ok ? (result.data?.html ?? "") : "";
    expect(html).toContain("<h2>Hello</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
    expect(await actions.previewMarkdownAction(42)).toMatchObject({ ok: false, message: expect.any(String) });
    expect(await actions.previewMarkdownAction("x".repeat(100_001))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too long/),
    });
  });
});

describe("RSS feed", () => {
  /** What a feed reader gets for an element after parsing the XML: CDATA and entities decoded. */
  function xmlText(xml: string, tag: string): string[] {
    const decode = (raw: string) =>
      raw
        .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_all, cdata: string) => cdata.replace(/&/g, "\u0000amp;"))
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&#(\d+);/g, (_all, code: string) => String.fromCharCode(Number(code)))
        .replace(/&amp;/g, "&")
        .replace(/\u0000amp;/g, "&");
    return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map((match) => decode(match[1]!));
  }

  test("Found: markup in an article's title and summary reaches feed readers as text, never as live HTML", async () => {
    const { buildRssFeed } = await import("@/lib/articles/feed");
    const { getPracticeProfile } = await import("@/lib/practice/profile");
    const title = `Sleep <img src=x onerror="alert(1)"> & rest`;
    const summary = `<b>Bold</b> <a href="javascript:alert(1)">claims</a> & <script>alert(2)</script>`;
    const created = await articles.createArticle(values({ title, summary }), { publish: true });
    expect(created.ok).toBe(true);

    const xml = await buildRssFeed(await getPracticeProfile());
    const titles = xmlText(xml, "title");
    const descriptions = xmlText(xml, "description");
    // Readers render these as HTML: as HTML they must mean exactly the text that was written.
    const escaped = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    expect(titles).toContain(escaped(title));
    expect(descriptions).toContain(escaped(summary));
    for (const text of [...titles, ...descriptions]) expect(text).not.toMatch(/<[a-z!/]/i);
  });
});
