import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isSameOrigin } from "@/lib/platform/http";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

describe("CSRF defence in route handlers", () => {
  it("every route handler that accepts a mutating method checks the Origin first", () => {
    const mutating = routeFiles("app").filter((file) =>
      /export\s+(async\s+)?function\s+(POST|PUT|PATCH|DELETE)\b/.test(readFileSync(file, "utf8")),
    );
    expect(mutating.length).toBeGreaterThan(0);
    for (const file of mutating) {
      const source = readFileSync(file, "utf8");
      for (const match of source.matchAll(/export\s+(?:async\s+)?function\s+(POST|PUT|PATCH|DELETE)\b[^{]*\{([\s\S]*?)\n\}/g)) {
        const body = match[2]!;
        const firstStatement = body
          .trim()
          .split("\n")
          .find((line) => !line.trim().startsWith("//"))!;
        expect(firstStatement, `${file} ${match[1]}`).toMatch(/isSameOrigin\(/);
      }
    }
  });

  describe("isSameOrigin", () => {
    afterEach(() => vi.unstubAllEnvs());
    const headers = (init: Record<string, string>) => new Headers(init);

    it("accepts this site's origin", () => {
      expect(isSameOrigin(headers({ origin: "http://localhost:3000", host: "localhost:3000" }))).toBe(true);
    });

    it("refuses a foreign, a null and a missing Origin", () => {
      expect(isSameOrigin(headers({ origin: "https://evil.example", host: "localhost:3000" }))).toBe(false);
      expect(isSameOrigin(headers({ origin: "null", host: "localhost:3000" }))).toBe(false);
      expect(isSameOrigin(headers({ host: "localhost:3000" }))).toBe(false);
    });

    it("refuses a look-alike origin that only starts with this site's", () => {
      expect(isSameOrigin(headers({ origin: "http://localhost:3000.evil.example", host: "localhost:3000" }))).toBe(false);
    });
  });
});
