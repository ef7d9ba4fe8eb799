/**
 * Next's page cache (next.config.ts `cacheHandler`): Next's own file-system cache, plus
 *
 *  1. a strict CSP per cached page. A cached public page is the same HTML for everyone, so it
 *     cannot carry a per-request nonce; instead its policy lists the sha256 of each of its own
 *     inline scripts and styles, computed once when the HTML enters the cache (set(): pages
 *     regenerated at run time, the miss included, since Next answers the miss with the entry
 *     it has just stored) or, for pages prerendered by `next build`, when first read (get()).
 *     Next replays an entry's stored headers on every hit.
 *  2. pages that say they must not be kept (a database outage rendered into them, an unknown
 *     article or tag: see NO_STORE_MARKER) are answered, with their policy, but not stored, so
 *     the next visit renders again and random addresses cannot fill the cache.
 *  3. tag invalidation that reaches every instance: revalidatePath/revalidateTag here also
 *     NOTIFY the other instances through PostgreSQL, which drop their copy (docs/decisions/
 *     009-page-cache-invalidation-across-instances.md). On (re)connecting, an instance expires every page
 *     once, since it may have missed notices while it was away.
 *
 * Plain JavaScript with no import of the app's own modules: `next build` loads it with
 * Node as it is, and Turbopack's copy of it cannot resolve the app's paths. The directives
 * mirror lib/platform/csp.ts (tests/page-cache.test.ts checks that they stay the same).
 */
import { createHash, randomUUID } from "node:crypto";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache.js").default;

export const CHANNEL = "haven_page_cache";
/** Rendered into a page that must not be cached (components/ui/no-store.tsx). */
export const NO_STORE_MARKER = '<meta name="haven-cache" content="no-store"';
/** The implicit tag of the root layout: expiring it expires every page. */
const EVERY_PAGE = "_N_T_/layout";
const CSP = "content-security-policy";
/**
 * Next's page for unmatched addresses: any address can lead to it, so proxy.ts gives it the
 * per-request nonce; it is rendered per request (never stored, never given a hash policy,
 * which would be a second policy the nonce-bearing scripts fail).
 */
// Next 16 keys entries as "/route-cache/APP_PAGE/<build hash>/$/<page>".
const isPerRequest = (key) => typeof key === "string" && (key === "/_not-found" || key.endsWith("/$/_not-found"));
const INSTANCE = randomUUID();

/** 'sha256-…' of the text of every inline element of that tag (a script with src= is a file, not inline). */
function inlineHashes(html, tag) {
  const hashes = new Set();
  for (const [, attributes, body] of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, "gi"))) {
    if (tag === "script" && /\ssrc\s*=/i.test(` ${attributes}`)) continue;
    hashes.add(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/**
 * The policy of one cached page: lib/platform/csp.ts's directives, with this page's own inline
 * scripts and styles by hash in place of the nonce. No 'strict-dynamic': Next's script tags
 * are parser-inserted files, which 'strict-dynamic' would block without a nonce.
 */
export function hashedPolicy(html, { https }) {
  const directives = [
    "default-src 'self'",
    ["script-src 'self'", ...inlineHashes(html, "script")].join(" "),
    ["style-src 'self'", ...inlineHashes(html, "style")].join(" "),
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

const https = () => (process.env.SITE_URL ?? "").startsWith("https://");

function htmlOf(value) {
  if (typeof value?.html === "string") return value.html;
  if (value?.html instanceof Uint8Array) return Buffer.from(value.html).toString("utf8");
  return null;
}

/** Adds the page's own policy to an APP_PAGE value, in place: Next answers the miss with this object. */
function withPolicy(value) {
  if (value?.kind !== "APP_PAGE") return value;
  const html = htmlOf(value);
  if (html === null) return value;
  value.headers = { ...value.headers, [CSP]: hashedPolicy(html, { https: https() }) };
  return value;
}

let listener;

/** One LISTEN connection per process; reconnects after a database outage, never throws. */
function listen(onTags) {
  if (listener || !process.env.DATABASE_URL || process.env.NEXT_PHASE === "phase-production-build") return;
  const state = { client: null, connectedBefore: false };
  listener = state;
  const pg = require("pg");
  const connect = async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 2000 });
    const retry = () => {
      client.removeAllListeners();
      client.on("error", () => {});
      client.end().catch(() => {});
      if (state.client === client) state.client = null;
      setTimeout(connect, 1000).unref();
    };
    client.on("error", retry);
    try {
      await client.connect();
      client.on("notification", (message) => {
        try {
          const { from, tags, durations } = JSON.parse(message.payload ?? "{}");
          if (from !== INSTANCE && Array.isArray(tags)) onTags(tags.map(String), durations);
        } catch {
          // A notice of another shape is not ours.
        }
      });
      await client.query(`LISTEN ${CHANNEL}`);
      state.client = client;
      // Notices sent while this instance was not listening are lost: expire every page once.
      if (state.connectedBefore) onTags([EVERY_PAGE]);
      state.connectedBefore = true;
    } catch {
      retry();
    }
  };
  void connect();
}

async function notify(tags, durations) {
  const client = listener?.client;
  if (!client) return;
  await client.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify({ from: INSTANCE, tags, durations })]).catch(() => {
    // The other instances expire every page when their own connection comes back.
  });
}

export default class PageCache extends FileSystemCache {
  constructor(ctx) {
    super(ctx);
    listen((tags, durations) => super.revalidateTag(tags, durations));
  }

  async get(...args) {
    if (isPerRequest(args[0])) return null;
    const entry = await super.get(...args);
    // Pages prerendered by `next build` enter through the disk, without a policy.
    if (entry?.value?.kind === "APP_PAGE" && !entry.value.headers?.[CSP]) withPolicy(entry.value);
    // A page stored while building knows the build's SITE_URL, not where it is served: an https
    // deployment still gets its upgrade-insecure-requests (as HSTS, decided at run time).
    const policy = entry?.value?.kind === "APP_PAGE" ? entry.value.headers?.[CSP] : undefined;
    if (typeof policy === "string" && https() && !policy.includes("upgrade-insecure-requests")) {
      entry.value.headers = { ...entry.value.headers, [CSP]: `${policy}; upgrade-insecure-requests` };
    }
    return entry;
  }

  async set(key, data, ctx) {
    if (isPerRequest(key)) return;
    if (data?.kind === "APP_PAGE" && htmlOf(data)?.includes(NO_STORE_MARKER)) {
      withPolicy(data);
      return;
    }
    return super.set(key, withPolicy(data), ctx);
  }

  async revalidateTag(tags, durations) {
    await super.revalidateTag(tags, durations);
    await notify(typeof tags === "string" ? [tags] : tags, durations);
  }
}
