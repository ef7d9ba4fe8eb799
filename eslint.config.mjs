import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "lib/generated/**",
    ".data/**",
    "next-env.d.ts",
    "playwright-report/**",
    "test-results/**",
  ]),
  {
    rules: {
      // Clinical data must not reach logs by accident: logging goes through lib/logger.
      "no-console": "error",
      // lib/platform/zod.ts switches off zod's eval probe, which the CSP reports as a violation.
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "zod", message: "Import z from @/lib/zod (jitless, CSP-safe).", allowTypeImports: true },
            { name: "next/link", message: "Import Link from @/components/link (no prefetching of per-request pages)." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/platform/zod.ts", "components/ui/link.tsx", "tests/**", "e2e/**", "bench/**", "scripts/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["scripts/**", "prisma/**", "bench/**", "e2e/**", "tests/**"],
    // Playwright fixtures call their callback `use`, which the React hooks rule mistakes for a hook.
    rules: { "no-console": "off", "react-hooks/rules-of-hooks": "off" },
  },
]);
