import type { Metadata } from "next";
import { StatusBadge } from "@/components/ui/status-badge";
import { TableWrap } from "@/components/ui/table-wrap";
import Link from "@/components/ui/link";
import { requireClinician } from "@/lib/auth/session";
import { listArticlesForDashboard } from "@/lib/articles/editing";
import { ARTICLE_STATUS_LABEL } from "@/lib/articles/status";
import { formatDate } from "@/lib/platform/format";
import "./articles.css";

export const metadata: Metadata = { title: "Articles", robots: { index: false } };

export default async function DashboardArticlesPage() {
  await requireClinician("/dashboard/articles");
  const articles = await listArticlesForDashboard();
  return (
    <>
      <div className="articles-header">
        <h1>Articles</h1>
        <Link href="/dashboard/articles/new" className="button">
          New article
        </Link>
      </div>
      <p>Drafts are only visible here. Publishing puts an article on the site, in the feed and in the sitemap at once.</p>
      {articles.length === 0 ? (
        <p>No articles yet.</p>
      ) : (
        <TableWrap label="Articles">
          <table className="data-table">
            <caption className="visually-hidden">All articles, most recently edited first</caption>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Published</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {articles.map((article) => (
                <tr key={article.id}>
                  <td>
                    {article.title}
                    <br />
                    <span className="small">/articles/{article.slug}</span>
                  </td>
                  <td>
                    <StatusBadge tone={article.status === "PUBLISHED" ? "ok" : "neutral"}>
                      {ARTICLE_STATUS_LABEL[article.status]}
                    </StatusBadge>
                  </td>
                  <td>
                    {article.publishedAt ? (
                      <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
                    ) : (
                      <span className="small">Not yet</span>
                    )}
                  </td>
                  <td>
                    <Link href={`/dashboard/articles/${article.id}`}>
                      Edit<span className="visually-hidden"> {article.title}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
