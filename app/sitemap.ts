import type { MetadataRoute } from "next";
import { listPublishedArticles, listTags } from "@/lib/articles/queries";
import { siteUrl } from "@/lib/platform/site";

const STATIC_PAGES = ["/", "/about", "/services", "/fees", "/faq", "/contact", "/get-help", "/book", "/articles"];

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [articles, tags] = await Promise.all([listPublishedArticles(), listTags()]);
  return [
    ...STATIC_PAGES.map((path) => ({ url: siteUrl(path) })),
    ...articles.map((article) => ({ url: siteUrl(`/articles/${article.slug}`), lastModified: article.updatedAt })),
    ...tags.map(({ tag }) => ({ url: siteUrl(`/articles/tags/${tag}`) })),
  ];
}
