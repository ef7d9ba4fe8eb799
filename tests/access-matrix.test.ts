/**
 * Every protected route and every server action must be listed in e2e/access-matrix.ts,
 * and every action must call its guard: adding one without deciding who may use it fails.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ACTIONS, GUARDED_ROUTE_DIRS, ROUTES } from "../e2e/access-matrix";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe("access matrix", () => {
  test("lists every page and route handler outside the public site", () => {
    const routes = GUARDED_ROUTE_DIRS.flatMap(files).filter((f) => /(page\.tsx|route\.ts)$/.test(f));
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((f) => !(f in ROUTES));
    expect(missing, "add these to ROUTES in e2e/access-matrix.ts").toEqual([]);
    const stale = Object.keys(ROUTES).filter((f) => !routes.includes(f));
    expect(stale, "these ROUTES entries no longer exist").toEqual([]);
  });

  test("lists every server action, and each one calls its guard before anything else", () => {
    const found: string[] = [];
    for (const file of files("lib/actions").filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(file, "utf8");
      expect(source.startsWith('"use server";'), `${file} must be a server action module`).toBe(true);
      for (const match of source.matchAll(/export async function (\w+)\(([^)]*)\)[^{]*\{([\s\S]*?)\n\}/g)) {
        const key = `${file}#${match[1]}`;
        found.push(key);
        const guard = ACTIONS[key];
        expect(guard, `add ${key} to ACTIONS in e2e/access-matrix.ts`).toBeDefined();
        if (guard && guard !== "public") {
          const body = match[3]!;
          const firstAwait = body.indexOf("await ");
          expect(body.indexOf(`await ${guard}(`), `${key} must call ${guard}() before any other await`).toBe(firstAwait);
        }
      }
    }
    const stale = Object.keys(ACTIONS).filter((k) => !found.includes(k));
    expect(stale, "these ACTIONS entries no longer exist").toEqual([]);
  });
});
