/**
 * Put in a public page that rendered without its data (the database was down): the page is
 * still answered, but the page cache does not keep it (NO_STORE_MARKER in
 * lib/platform/page-cache.mjs), so the next visit renders again instead of showing the
 * outage until the page expires.
 */
export function NoStore() {
  return <meta name="haven-cache" content="no-store" />;
}
