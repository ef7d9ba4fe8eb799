import Link from "@/components/ui/link";
import type { ArticleListItem } from "@/lib/articles/queries";
import { formatDate } from "@/lib/platform/format";
import { TagList } from "@/components/articles/tag-list";

export function ArticleCard({ article, headingLevel = 2 }: { article: ArticleListItem; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card article-card">
      <Heading className="card-title">
        <Link href={`/articles/${article.slug}`}>{article.title}</Link>
      </Heading>
      <p className="meta">
        <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time> · {article.readingMinutes} min read
      </p>
      <p>{article.summary}</p>
      <TagList tags={article.tags} />
    </article>
  );
}
