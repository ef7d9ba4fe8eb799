import { buildPolicy } from "@/lib/platform/csp-policy.mjs";

/**
 * The Content-Security-Policy of every page rendered per request (cached public pages get one
 * by hash instead, lib/platform/page-cache.mjs). Scripts run only when they carry this
 * request's nonce (Next.js adds it to its own scripts when it finds the policy on the
 * request); 'strict-dynamic' lets those scripts load the app's chunks. Nothing inline runs
 * without the nonce, so injected markup cannot execute even if it slipped past sanitising.
 */
export function createNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return buildPolicy({ scripts: [`'nonce-${nonce}'`, "'strict-dynamic'"], styles: [`'nonce-${nonce}'`], ...options });
}
