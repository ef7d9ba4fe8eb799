import Link from "@/components/ui/link";
import { ArticleCard } from "@/components/articles/article-card";
import { listPublishedArticles, listTags, tagLabel } from "@/lib/articles/queries";
import { pageMetadata } from "@/lib/platform/metadata";
import { guardPage } from "@/components/ui/page-guard";

// Served from the page cache, refreshed when she edits (lib/platform/public-pages.ts).
export const revalidate = 300;

export const metadata = pageMetadata({
  title: "Articles",
  description: "Articles on pregnancy, postpartum mental health, bonding, birth trauma, loss and military families.",
  path: "/articles",
});

export default guardPage("public", "articles", async function ArticlesPage() {
  const [articles, tags] = await Promise.all([listPublishedArticles(), listTags()]);
  return (
    <div className="container section">
      <div className="narrow">
        <h1>Articles</h1>
        <p className="lead">Writing for expecting and new parents, and the people who support them.</p>
      </div>
      <div className="article-list">
        {articles.map((article) => (
          <ArticleCard key={article.slug} article={article} />
        ))}
      </div>
      {tags.length > 0 && (
        <nav aria-labelledby="topics-heading" className="section">
          <h2 id="topics-heading">Topics</h2>
          <ul className="tags">
            {tags.map(({ tag, count }) => (
              <li key={tag}>
                <Link href={`/articles/tags/${tag}`} className="tag">
                  {tagLabel(tag)} ({count})
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
});
