/**
 * Reads of published articles for the public site. Only PUBLISHED articles with a
 * publication date are ever returned here; drafts exist only in the dashboard.
 */
import "server-only";
import { prisma } from "@/lib/platform/db";
import { readingMinutes } from "@/lib/articles/markdown";

const published = { status: "PUBLISHED", publishedAt: { not: null } } as const;

const listFields = { slug: true, title: true, summary: true, tags: true, publishedAt: true, updatedAt: true, body: true } as const;

export type ArticleListItem = {
  slug: string;
  title: string;
  summary: string;
  tags: string[];
  publishedAt: Date;
  updatedAt: Date;
  readingMinutes: number;
};

function toListItem(row: {
  slug: string;
  title: string;
  summary: string;
  tags: string[];
  publishedAt: Date | null;
  updatedAt: Date;
  body: string;
}): ArticleListItem {
  return {
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    tags: row.tags,
    publishedAt: row.publishedAt ?? row.updatedAt,
    updatedAt: row.updatedAt,
    readingMinutes: readingMinutes(row.body),
  };
}

/** Newest first. */
export async function listPublishedArticles(options: { tag?: string; take?: number } = {}): Promise<ArticleListItem[]> {
  const rows = await prisma.article.findMany({
    where: { ...published, ...(options.tag ? { tags: { has: options.tag } } : {}) },
    orderBy: [{ publishedAt: "desc" }, { slug: "asc" }],
    take: options.take,
    select: listFields,
  });
  return rows.map(toListItem);
}

export type ArticleNeighbour = { slug: string; title: string };

export type ArticlePage = ArticleListItem & {
  body: string;
  isPlaceholder: boolean;
  previous: ArticleNeighbour | null;
  next: ArticleNeighbour | null;
};

export async function getPublishedArticle(slug: string): Promise<ArticlePage | null> {
  const row = await prisma.article.findFirst({
    where: { ...published, slug },
    select: { ...listFields, isPlaceholder: true },
  });
  if (!row?.publishedAt) return null;
  const at = row.publishedAt;
  const neighbour = { slug: true, title: true } as const;
  // Ties on the date are broken by slug so that previous/next are a consistent chain.
  const [previous, next] = await Promise.all([
    prisma.article.findFirst({
      where: { ...published, OR: [{ publishedAt: { lt: at } }, { publishedAt: at, slug: { lt: slug } }] },
      orderBy: [{ publishedAt: "desc" }, { slug: "desc" }],
      select: neighbour,
    }),
    prisma.article.findFirst({
      where: { ...published, OR: [{ publishedAt: { gt: at } }, { publishedAt: at, slug: { gt: slug } }] },
      orderBy: [{ publishedAt: "asc" }, { slug: "asc" }],
      select: neighbour,
    }),
  ]);
  return { ...toListItem(row), body: row.body, isPlaceholder: row.isPlaceholder, previous, next };
}

export async function listTags(): Promise<{ tag: string; count: number }[]> {
  const rows = await prisma.article.findMany({ where: published, select: { tags: true } });
  const counts = new Map<string, number>();
  for (const { tags } of rows) for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => a.tag.localeCompare(b.tag));
}

export function tagLabel(tag: string): string {
  const label = tag.replace(/-/g, " ");
  return label.charAt(0).toUpperCase() + label.slice(1);
}
