/**
 * CSRF defence in route handlers, checked by calling them: every route handler under app/
 * that exports a mutating method answers a request from another site, or one without an
 * Origin, with 403 and changes nothing; the same request from this site gets past that check.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";

vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
  headers: async () => new Headers({ host: "localhost:3000" }),
}));
// unstable_cache runs the function: outside Next there is no cache to keep its result in.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), unstable_cache: (fn: unknown) => fn }));

const { prisma } = await import("@/lib/platform/db");
const { isSameOrigin } = await import("@/lib/platform/http");
const { env } = await import("@/lib/platform/env");
const fingerprint = await import("./support/fingerprint");

const MUTATING = ["POST", "PUT", "PATCH", "DELETE"] as const;
type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

/** The route's address and params, with each dynamic segment filled in. */
function addressOf(file: string): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segments = path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .flatMap((segment) => {
      const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (catchAll) return (params[catchAll[1]!] = ["signin", "email"]);
      const dynamic = /^\[(\w+)\]$/.exec(segment);
      if (dynamic) return (params[dynamic[1]!] = "csrf-test");
      return [segment];
    });
  return { url: new URL(`/${segments.join("/")}`, env().SITE_URL).toString(), params };
}

async function mutatingHandlers(): Promise<{ name: string; handler: Handler; url: string; params: Record<string, string | string[]> }[]> {
  const found = [];
  for (const file of routeFiles("app")) {
    const exports = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
    for (const method of MUTATING) {
      if (typeof exports[method] === "function")
        found.push({ name: `${method} ${file}`, handler: exports[method] as Handler, ...addressOf(file) });
    }
  }
  return found;
}

function request(url: string, method: string, origin: string | null): NextRequest {
  const headers = new Headers({ host: new URL(url).host, "content-type": "application/x-www-form-urlencoded" });
  if (origin !== null) headers.set("origin", origin);
  return new NextRequest(url, { method, headers, body: "email=csrf%40example.test&slotStart=2030-01-08T14%3A00%3A00.000Z" });
}

afterAll(async () => {
  await prisma.$disconnect();
});

describe("CSRF defence in route handlers", () => {
  it("every mutating route handler refuses another site's request and one without an Origin, and changes nothing", async () => {
    const handlers = await mutatingHandlers();
    expect(handlers.length).toBeGreaterThan(0);
    for (const { name, handler, url, params } of handlers) {
      for (const origin of ["https://evil.example", "null", `${new URL(url).origin}.evil.example`, null]) {
        const before = await fingerprint.state(prisma);
        const response = await handler(request(url, name.split(" ")[0]!, origin), { params: Promise.resolve(params) });
        expect(response.status, `${name} with Origin ${origin}`).toBe(403);
        await fingerprint.expectUnchanged(prisma, before);
      }
      // The same request from this site gets past the check, so the 403s above are the check: it
      // gets another answer, or reaches next-auth, which then wants the request scope only a
      // running Next server has.
      const sameSite = await handler(request(url, name.split(" ")[0]!, new URL(url).origin), { params: Promise.resolve(params) }).catch(
        (error: unknown) => error,
      );
      expect(sameSite instanceof Response ? sameSite.status : String(sameSite), `${name} from this site`).not.toBe(403);
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
