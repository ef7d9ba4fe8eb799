import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { notFound } from "next/navigation";
import { ArticleEditor } from "@/components/articles/article-editor";
import { requireClinician } from "@/lib/auth/session";
import { getArticleForEditing } from "@/lib/articles/editing";
import { renderMarkdown } from "@/lib/articles/markdown";
import { ARTICLE_SAVED_MESSAGE } from "@/lib/articles/status";
import "../articles.css";

export const metadata: Metadata = { title: "Edit article", robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

const CREATED: Record<string, string> = { draft: ARTICLE_SAVED_MESSAGE.draft, published: ARTICLE_SAVED_MESSAGE.published };

export default async function EditArticlePage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireClinician(`/dashboard/articles/${encodeURIComponent(id)}`);
  const article = await getArticleForEditing(id);
  if (!article) notFound();
  const { created } = await searchParams;
  return (
    <>
      <p className="eyebrow">
        <Link href="/dashboard/articles">Articles</Link>
      </p>
      <h1>Edit article</h1>
      <ArticleEditor
        article={{
          id: article.id,
          slug: article.slug,
          title: article.title,
          summary: article.summary,
          body: article.body,
          tags: article.tags,
          status: article.status,
          isPlaceholder: article.isPlaceholder,
        }}
        initialPreviewHtml={renderMarkdown(article.body)}
        initialNotice={created ? CREATED[created] : undefined}
      />
    </>
  );
}
