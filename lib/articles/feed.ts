import "server-only";
import { Feed } from "feed";
import { getPublishedArticle, listPublishedArticles } from "@/lib/articles/queries";
import { renderArticleMarkdown } from "@/lib/articles/markdown";
import { escapeHtmlText } from "@/lib/platform/html";
import { siteUrl } from "@/lib/platform/site";
import { publicValue } from "@/lib/practice/defaults";
import type { PracticeProfile } from "@/lib/practice/profile";

/**
 * RSS 2.0 with the full sanitised article body, newest first.
 *
 * Feed readers treat an item's title and description as HTML, whatever the XML around them
 * (a CDATA section and an escaped string decode to the same text). So plain text goes in
 * HTML-escaped: a "<" in a title is shown as "<" and can never become markup. The body is
 * HTML on purpose, sanitised by renderArticleMarkdown.
 */
export async function buildRssFeed(profile: PracticeProfile): Promise<string> {
  const articles = await listPublishedArticles({ take: 50 });
  const feed = new Feed({
    id: siteUrl("/"),
    title: escapeHtmlText(`${profile.practiceName}: articles`),
    description: "Articles on perinatal and reproductive mental health.",
    link: siteUrl("/articles"),
    language: "en",
    // Never a seeded placeholder ("[Clinician name]") in public.
    copyright: escapeHtmlText(`© ${publicValue(profile.clinicianName) ?? profile.practiceName}`),
    updated: articles[0]?.updatedAt ?? new Date(0),
    generator: false,
    feedLinks: { rss: siteUrl("/feed.xml") },
  });
  for (const item of articles) {
    const full = await getPublishedArticle(item.slug);
    if (!full) continue;
    const link = siteUrl(`/articles/${item.slug}`);
    feed.addItem({
      title: escapeHtmlText(item.title),
      id: link,
      guid: link,
      link,
      date: item.publishedAt,
      description: escapeHtmlText(item.summary),
      content: renderArticleMarkdown(full.body),
      category: item.tags.map((name) => ({ name })),
    });
  }
  return feed.rss2();
}
