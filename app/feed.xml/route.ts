import { buildRssFeed } from "@/lib/articles/feed";
import { getPracticeProfile } from "@/lib/practice/profile";

// Generated at build and whenever the dashboard publishes or changes an article.
export const dynamic = "force-static";

export async function GET() {
  const xml = await buildRssFeed(await getPracticeProfile());
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
}
