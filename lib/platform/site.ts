import "server-only";
import { env } from "@/lib/platform/env";

/** An absolute address on this site, for emails, feeds and canonical links. */
export function siteUrl(path = "/"): string {
  return new URL(path, env().SITE_URL).toString();
}
