import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { unstable_rethrow } from "next/navigation";
import { TagList } from "@/components/articles/tag-list";
import { cache } from "react";
import { getPublishedArticle as readPublishedArticle } from "@/lib/articles/queries";
import { renderArticleMarkdown } from "@/lib/articles/markdown";
import { pageMetadata } from "@/lib/platform/metadata";
import { getPublicProfile } from "@/lib/practice/profile";
import { NotFoundContent } from "@/components/site/not-found-content";
import { guardPage } from "@/components/ui/page-guard";
import { formatDate } from "@/lib/platform/format";
import { siteUrl } from "@/lib/platform/site";

// Served from the page cache, refreshed when she edits (lib/platform/public-pages.ts).
export const revalidate = 300;
// Articles and tags are rendered on their first visit, then kept like the others.
export function generateStaticParams() {
  return [];
}

// The metadata and the page share one read of the article.
const getPublishedArticle = cache(readPublishedArticle);

type Props = { params: Promise<{ slug: string }> };

// Not found and unreadable alike: a title, and no index entry for what the page shows instead.
const NOT_SHOWN: Metadata = { title: "Article not found", robots: { index: false } };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  let article;
  try {
    article = await getPublishedArticle((await params).slug);
  } catch (error) {
    unstable_rethrow(error);
    return NOT_SHOWN; // the page itself shows (and logs) the failure
  }
  if (!article) return NOT_SHOWN;
  const base = pageMetadata({ title: article.title, description: article.summary, path: `/articles/${article.slug}`, type: "article" });
  return {
    ...base,
    openGraph: {
      ...base.openGraph,
      type: "article",
      publishedTime: article.publishedAt.toISOString(),
      modifiedTime: article.updatedAt.toISOString(),
      tags: article.tags,
    },
  };
}

export default guardPage("public", "article", async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const [article, profile] = await Promise.all([getPublishedArticle(slug), getPublicProfile()]);
  // Rendered here rather than thrown with notFound(): Next renders a thrown not-found page
  // only in the browser, so without JavaScript it was blank. The status is 200 with noindex.
  if (!article) return <NotFoundContent />;

  const jsonLd = {
    "@context": "https://schema.org",
    "@type": "Article",
    headline: article.title,
    description: article.summary,
    datePublished: article.publishedAt.toISOString(),
    dateModified: article.updatedAt.toISOString(),
    keywords: article.tags.join(", "),
    mainEntityOfPage: siteUrl(`/articles/${article.slug}`),
    ...(profile.clinicianName && { author: { "@type": "Person", name: profile.clinicianName, jobTitle: "Clinical Psychologist" } }),
    publisher: { "@type": "Organization", name: profile.practiceName },
  };

  return (
    <article className="container narrow section">
      <script
        type="application/ld+json"
        // JSON-LD is data, not script; "<" is escaped so the body can never close the tag.
        dangerouslySetInnerHTML={{ __html: JSON.stringify(jsonLd).replace(/</g, "\\u003c") }}
      />
      <header className="article-header">
        <p className="eyebrow">
          <Link href="/articles">Articles</Link>
        </p>
        <h1>{article.title}</h1>
        <p className="meta">
          <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time> · {article.readingMinutes} min read
        </p>
        <TagList tags={article.tags} />
      </header>
      {article.isPlaceholder && (
        <p className="notice" role="note">
          <strong>Draft:</strong> this article is a placeholder that {profile.clinicianName ?? "the psychologist"} will replace with her own
          writing.
        </p>
      )}
      <div className="prose" dangerouslySetInnerHTML={{ __html: renderArticleMarkdown(article.body) }} />
      <aside className="article-cta card" aria-label="Consultation">
        <p>If this sounds familiar, you do not have to work through it alone.</p>
        <p>
          <Link href="/book" className="button">
            Book a free consultation
          </Link>
        </p>
      </aside>
      <nav className="prev-next" aria-label="More articles">
        {article.previous ? (
          <Link href={`/articles/${article.previous.slug}`} rel="prev" className="prev">
            <span className="small">Previous</span>
            <span>{article.previous.title}</span>
          </Link>
        ) : (
          <span />
        )}
        {article.next ? (
          <Link href={`/articles/${article.next.slug}`} rel="next" className="next">
            <span className="small">Next</span>
            <span>{article.next.title}</span>
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </article>
  );
});
