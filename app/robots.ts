import type { MetadataRoute } from "next";
import { siteUrl } from "@/lib/platform/site";

// Built per request, so that the sitemap address is the running server's SITE_URL rather than
// the one the build happened to have (docs/DEPLOY.md).
export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  return {
    // Portal and dashboard pages are private; keep them out of search engines as well.
    rules: [{ userAgent: "*", allow: "/", disallow: ["/portal", "/dashboard", "/api/", "/dev/"] }],
    sitemap: siteUrl("/sitemap.xml"),
  };
}
