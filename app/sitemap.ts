import type { MetadataRoute } from "next";
import { orNull } from "@/components/ui/page-guard";
import { listPublishedArticles, listTags } from "@/lib/articles/queries";
import { siteUrl } from "@/lib/platform/site";

const STATIC_PAGES = ["/", "/about", "/services", "/fees", "/faq", "/contact", "/get-help", "/book", "/articles", "/privacy"];

// Rendered per request (two small queries) rather than prerendered: a prerendered sitemap is
// regenerated on the first request after an article changes, and if the database is down
// at that moment the request failed with a bare 500. Now the static pages are always listed,
// and the articles and tags whenever the database answers; nothing partial is cached.
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [articles, tags] = await Promise.all([orNull(listPublishedArticles(), "sitemap: articles"), orNull(listTags(), "sitemap: tags")]);
  return [
    ...STATIC_PAGES.map((path) => ({ url: siteUrl(path) })),
    ...(articles ?? []).map((article) => ({ url: siteUrl(`/articles/${article.slug}`), lastModified: article.updatedAt })),
    ...(tags ?? []).map(({ tag }) => ({ url: siteUrl(`/articles/tags/${tag}`) })),
  ];
}
