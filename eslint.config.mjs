import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", "out/**", "lib/generated/**", ".data/**", "next-env.d.ts", "playwright-report/**", "test-results/**"]),
  {
    rules: {
      // Clinical data must not reach logs by accident: logging goes through lib/logger.
      "no-console": "error",
    },
  },
  {
    files: ["scripts/**", "prisma/**", "bench/**", "e2e/**", "tests/**"],
    // Playwright fixtures call their callback `use`, which the React hooks rule mistakes for a hook.
    rules: { "no-console": "off", "react-hooks/rules-of-hooks": "off" },
  },
]);
