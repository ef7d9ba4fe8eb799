import "server-only";
import { Feed } from "feed";
import { getPublishedArticle, listPublishedArticles } from "@/lib/articles/queries";
import { renderArticleMarkdown } from "@/lib/articles/markdown";
import { siteUrl } from "@/lib/platform/site";
import { publicValue } from "@/lib/practice/defaults";
import type { PracticeProfile } from "@/lib/practice/profile";

/** RSS 2.0 with the full sanitised article body, newest first. */
export async function buildRssFeed(profile: PracticeProfile): Promise<string> {
  const articles = await listPublishedArticles({ take: 50 });
  const feed = new Feed({
    id: siteUrl("/"),
    title: `${profile.practiceName}: articles`,
    description: "Articles on perinatal and reproductive mental health.",
    link: siteUrl("/articles"),
    language: "en",
    // Never a seeded placeholder ("[Clinician name]") in public.
    copyright: `© ${publicValue(profile.clinicianName) ?? profile.practiceName}`,
    updated: articles[0]?.updatedAt ?? new Date(0),
    generator: false,
    feedLinks: { rss: siteUrl("/feed.xml") },
  });
  for (const item of articles) {
    const full = await getPublishedArticle(item.slug);
    if (!full) continue;
    const link = siteUrl(`/articles/${item.slug}`);
    feed.addItem({
      title: item.title,
      id: link,
      guid: link,
      link,
      date: item.publishedAt,
      description: item.summary,
      content: renderArticleMarkdown(full.body),
      category: item.tags.map((name) => ({ name })),
    });
  }
  return feed.rss2();
}
