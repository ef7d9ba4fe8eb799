import type { MetadataRoute } from "next";
import { siteUrl } from "@/lib/platform/site";

export default function robots(): MetadataRoute.Robots {
  return {
    // Portal and dashboard pages are private; keep them out of search engines as well.
    rules: [{ userAgent: "*", allow: "/", disallow: ["/portal", "/dashboard", "/api/", "/dev/"] }],
    sitemap: siteUrl("/sitemap.xml"),
  };
}
