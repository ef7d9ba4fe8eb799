/**
 * The public pages served from Next's page cache (ISR), the same HTML for everyone: no
 * per-request nonce, a CSP by hash added when the page enters the cache
 * (lib/platform/page-cache.mjs). Each of these pages exports `revalidate = PUBLIC_PAGE_SECONDS`
 * and reads no cookie or header; every other page renders per request (connection()).
 * Edits refresh them at once: the writers revalidate their paths (lib/articles/editing.ts,
 * lib/actions/practice.ts), on every instance (the page cache's NOTIFY).
 */
const CACHED = [/^\/$/, /^\/(about|services|fees|faq|get-help|articles)$/, /^\/articles\/[^/]+$/, /^\/articles\/tags\/[^/]+$/];

export function isCachedPublicPage(pathname: string): boolean {
  return CACHED.some((pattern) => pattern.test(pathname));
}
