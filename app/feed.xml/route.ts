import { buildRssFeed } from "@/lib/feed";
import { getPracticeProfile } from "@/lib/settings";

// Generated at build and whenever the dashboard publishes or changes an article.
export const dynamic = "force-static";

export async function GET() {
  const xml = await buildRssFeed(await getPracticeProfile());
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
}
