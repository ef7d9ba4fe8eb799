import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import haven from "./eslint/haven-plugin.mjs";

/**
 * The layout's import rule (docs/ARCHITECTURE.md), enforced here so it stays true:
 *
 *   app → lib/actions → domains (articles, booking, intake, auth) → email · audit · practice → platform
 *
 * - lib/platform imports nothing of the app; lib/email, lib/audit and lib/practice import only
 *   the platform (email may record an audit event); they know no domain.
 * - A domain may use another domain only through its read API (queries.ts), its shared
 *   vocabulary (schema.ts, status.ts) and the session guard (lib/auth/session.ts), never its
 *   internals (service, sealed fields, emails).
 * - Nothing in lib imports components or routes; pages never import the database client.
 * - components/ui is the floor of the components: it imports no other component folder.
 */

// Everywhere: the CSP-safe zod and the non-prefetching Link.
const EVERYWHERE = [
  { name: "zod", message: "Import z from @/lib/platform/zod (jitless, CSP-safe).", allowTypeImports: true },
  { name: "next/link", message: "Import Link from @/components/ui/link (no prefetching of per-request pages)." },
];

const DOMAINS = ["articles", "booking", "intake", "auth", "privacy"];
const SHARED = ["email", "audit", "practice"];

// Patterns are regular expressions: gitignore-style globs cannot re-include a file below an
// excluded folder, which "all of lib/ except lib/platform/" needs.
const rule = (regex, message) => ({ regex, message });
const NO_APP = rule("^@/(app|components)/", "lib/ must not import routes or components.");
const NO_ACTIONS = rule("^@/lib/actions/", "Only routes and components call server actions.");
const NO_DOMAINS = rule(
  `^@/lib/(${DOMAINS.join("|")})/`,
  "This layer knows no domain: the domain hands it what it needs (a finished email, an audit entry).",
);
const NO_DATABASE = rule(
  "^@/lib/(platform/db|generated/prisma/client)$",
  "Pages and components read and write through lib/, never the database client.",
);

/** A domain may read another one through its queries, schema and status words, and use the session guard. */
function otherDomainInternals(own) {
  const others = DOMAINS.filter((d) => d !== own);
  const open = (d) => (d === "auth" ? "queries|schema|status|session" : "queries|schema|status");
  return rule(
    others.map((d) => `^@/lib/${d}/(?!(${open(d)})$)`).join("|"),
    "Use another domain only through its queries.ts, schema.ts or status.ts (or lib/auth/session.ts): its other modules are its own business.",
  );
}

const restrict = (files, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { paths: EVERYWHERE, patterns }] },
});

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
    plugins: { haven },
    rules: {
      // Clinical data must not reach logs by accident: logging goes through lib/platform/logger.
      "no-console": "error",
    },
  },
  restrict(["app/**", "components/**"], [NO_DATABASE]),
  restrict(
    ["components/ui/**"],
    [NO_DATABASE, rule("^@/components/(?!ui/)", "components/ui is the floor: it imports no feature component.")],
  ),
  restrict(["lib/platform/**"], [NO_APP, rule("^@/lib/(?!platform/|generated/)", "lib/platform imports only itself.")]),
  ...SHARED.map((shared) =>
    restrict(
      [`lib/${shared}/**`],
      [
        NO_APP,
        NO_ACTIONS,
        NO_DOMAINS,
        rule(
          `^@/lib/(${SHARED.filter((s) => s !== shared && !(shared === "email" && s === "audit")).join("|")})/`,
          `lib/${shared} does not depend on its neighbours.`,
        ),
      ],
    ),
  ),
  ...DOMAINS.map((domain) => restrict([`lib/${domain}/**`], [NO_APP, NO_ACTIONS, otherDomainInternals(domain)])),
  restrict(["lib/actions/**"], [NO_APP]),
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    // "use server" modules never reach the browser (clients get references to them).
    ignores: ["lib/**/*.test.ts", "lib/actions/**"],
    rules: { "haven/server-only": "error" },
  },
  {
    files: ["lib/platform/zod.ts", "components/ui/link.tsx", "tests/**", "e2e/**", "bench/**", "scripts/**", "prisma/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["scripts/**", "prisma/**", "bench/**", "e2e/**", "tests/**", "eslint/**"],
    // Playwright fixtures call their callback `use`, which the React hooks rule mistakes for a hook.
    rules: { "no-console": "off", "react-hooks/rules-of-hooks": "off" },
  },
]);
