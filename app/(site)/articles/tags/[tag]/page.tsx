import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { ArticleCard } from "@/components/articles/article-card";
import { listPublishedArticles, tagLabel } from "@/lib/articles/queries";
import { pageMetadata } from "@/lib/platform/metadata";
import { NotFoundContent } from "@/components/site/not-found-content";
import { guardPage } from "@/components/ui/page-guard";

// Served from the page cache, refreshed when she edits (lib/platform/public-pages.ts).
export const revalidate = 300;
// Articles and tags are rendered on their first visit, then kept like the others.
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ tag: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { tag } = await params;
  return pageMetadata({
    title: `Articles about ${tagLabel(tag).toLowerCase()}`,
    description: `Articles tagged ${tagLabel(tag).toLowerCase()}.`,
    path: `/articles/tags/${tag}`,
  });
}

export default guardPage("public", "articles by tag", async function TagPage({ params }: Props) {
  const { tag } = await params;
  const articles = await listPublishedArticles({ tag });
  // In place, not notFound(): see the article page.
  if (articles.length === 0) return <NotFoundContent />;
  return (
    <div className="container section">
      <p className="eyebrow">
        <Link href="/articles">Articles</Link>
      </p>
      <h1>{tagLabel(tag)}</h1>
      <div className="article-list">
        {articles.map((article) => (
          <ArticleCard key={article.slug} article={article} />
        ))}
      </div>
    </div>
  );
});
