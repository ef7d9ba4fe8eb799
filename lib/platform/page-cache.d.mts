// Types for the page cache's exports used by tests (lib/platform/page-cache.mjs).
export const CHANNEL: string;
export const NO_STORE_MARKER: string;
export function hashedPolicy(html: string, options: { https: boolean }): string;
declare const PageCache: unknown;
export default PageCache;
