/**
 * The clinician's article management: every article, drafts included. Callers (the server
 * actions and dashboard pages) check requireClinician() first; nothing here does.
 *
 * Public pages are prerendered, so every change revalidates the article page (old and new
 * address), the index, the tag pages, the feed, the sitemap and the home page at once.
 */
import "server-only";
import { revalidatePath } from "next/cache";
import { prisma } from "@/lib/platform/db";
import { isUniqueViolation } from "@/lib/platform/db-errors";
import { recordId } from "@/lib/platform/validation";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SLUG_CONFLICT_MESSAGE, type ArticleFormValues } from "@/lib/articles/schema";
import type { FieldErrors } from "@/lib/platform/validation";

export type ArticleStatus = "DRAFT" | "PUBLISHED";

export type DashboardArticleRow = {
  id: string;
  slug: string;
  title: string;
  status: ArticleStatus;
  publishedAt: Date | null;
  updatedAt: Date;
};

export type DashboardArticle = DashboardArticleRow & {
  summary: string;
  body: string;
  tags: string[];
  isPlaceholder: boolean;
};

const rowFields = { id: true, slug: true, title: true, status: true, publishedAt: true, updatedAt: true } as const;
const fullFields = { ...rowFields, summary: true, body: true, tags: true, isPlaceholder: true } as const;

export type ArticleWriteResult =
  | { ok: true; article: DashboardArticle }
  | { ok: false; reason: "conflict"; fieldErrors: FieldErrors }
  | { ok: false; reason: "not-found" };

/** All articles, most recently edited first. */
export async function listArticlesForDashboard(): Promise<DashboardArticleRow[]> {
  return prisma.article.findMany({ orderBy: [{ updatedAt: "desc" }, { slug: "asc" }], select: rowFields });
}

export async function getArticleForEditing(id: string): Promise<DashboardArticle | null> {
  if (!recordId.safeParse(id).success) return null;
  return prisma.article.findUnique({ where: { id }, select: fullFields });
}

function conflict(): ArticleWriteResult {
  return { ok: false, reason: "conflict", fieldErrors: { slug: SLUG_CONFLICT_MESSAGE } };
}

/**
 * Makes a change visible on the public site at once. Tag pages are revalidated both by
 * their literal paths and by the route pattern (which includes the route group, as the
 * page's cache tags do), so a tag page that just appeared or emptied is refreshed too.
 */
function revalidateArticlePaths(slugs: string[], tags: string[] = []): void {
  for (const path of ["/", "/articles", "/feed.xml", "/sitemap.xml"]) revalidatePath(path);
  for (const slug of new Set(slugs)) revalidatePath(`/articles/${slug}`);
  for (const tag of new Set(tags)) revalidatePath(`/articles/tags/${tag}`);
  revalidatePath("/articles/tags/[tag]", "page");
  revalidatePath("/(site)/articles/tags/[tag]", "page");
}

export async function createArticle(
  values: ArticleFormValues,
  options: { publish?: boolean } = {},
  now = new Date(),
): Promise<ArticleWriteResult> {
  let article: DashboardArticle;
  try {
    article = await prisma.article.create({
      data: {
        ...values,
        status: options.publish ? "PUBLISHED" : "DRAFT",
        publishedAt: options.publish ? now : null,
      },
      select: fullFields,
    });
  } catch (error) {
    if (isUniqueViolation(error)) return conflict();
    throw error;
  }
  revalidateArticlePaths([article.slug], article.tags);
  return { ok: true, article };
}

/**
 * Saves her edits. With publish, the article also goes live (keeping its first publication
 * date if it was published before); without, a published article stays published.
 */
export function updateArticle(
  id: string,
  values: ArticleFormValues,
  options: { publish?: boolean } = {},
  now = new Date(),
): Promise<ArticleWriteResult> {
  return updateExisting(id, (before) => ({
    ...values,
    // Once she has rewritten a placeholder, the public "placeholder" note goes away.
    ...(values.body !== before.body ? { isPlaceholder: false } : {}),
    ...(options.publish ? { status: "PUBLISHED", publishedAt: before.publishedAt ?? now } : {}),
  }));
}

function setStatus(id: string, status: ArticleStatus, now: Date): Promise<ArticleWriteResult> {
  return updateExisting(id, (before) => (status === "PUBLISHED" ? { status, publishedAt: before.publishedAt ?? now } : { status }));
}

/**
 * The one write path for an existing article: reads it first (for the data and for the paths
 * to refresh under its old slug and tags), then updates it, refusing a taken slug or a row
 * deleted in between.
 */
async function updateExisting(id: string, dataFor: (before: DashboardArticle) => Prisma.ArticleUpdateInput): Promise<ArticleWriteResult> {
  const before = await getArticleForEditing(id);
  if (!before) return { ok: false, reason: "not-found" };
  let article: DashboardArticle;
  try {
    article = await prisma.article.update({ where: { id }, data: dataFor(before), select: fullFields });
  } catch (error) {
    if (isUniqueViolation(error)) return conflict();
    if (isNotFound(error)) return { ok: false, reason: "not-found" };
    throw error;
  }
  revalidateArticlePaths([before.slug, article.slug], [...before.tags, ...article.tags]);
  return { ok: true, article };
}

/** Goes live as saved; the first publication date is kept on later re-publishing. */
export function publishArticle(id: string, now = new Date()): Promise<ArticleWriteResult> {
  return setStatus(id, "PUBLISHED", now);
}

/** Back to a draft: the public page, index, tag pages, feed and sitemap drop it at once. */
export function unpublishArticle(id: string, now = new Date()): Promise<ArticleWriteResult> {
  return setStatus(id, "DRAFT", now);
}

/** Prisma P2025: the row was deleted between the read and the write. */
function isNotFound(error: unknown): boolean {
  return !!error && typeof error === "object" && (error as { code?: unknown }).code === "P2025";
}
