import { createHash } from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NoStore } from "@/components/ui/no-store";
import { contentSecurityPolicy } from "@/lib/platform/csp";
import { hashedPolicy, NO_STORE_MARKER } from "@/lib/platform/page-cache.mjs";

const HTML = `<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async=""></script><style>.a{color:red}</style></head>
<body><script>self.__next_f.push([1,"x"])</script><script type="application/ld+json">{"a":1}</script><script>(self.__next_f=self.__next_f||[]).push([0])</script></body></html>`;

const sha = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;

describe("the cached pages' CSP by hash", () => {
  it("lists each inline script and style by sha256, never a file, never unsafe-inline or a nonce", () => {
    const policy = hashedPolicy(HTML, { https: true });
    const scripts = policy.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scripts).toBe(
      `script-src 'self' ${sha('self.__next_f.push([1,"x"])')} ${sha('{"a":1}')} ${sha("(self.__next_f=self.__next_f||[]).push([0])")}`,
    );
    expect(policy).toContain(`style-src 'self' ${sha(".a{color:red}")}`);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|nonce-|strict-dynamic/);
  });

  it("has the same directives as the per-request policy, but for the script and style sources", () => {
    const strip = (policy: string) =>
      policy
        .split("; ")
        .map((d) => (d.startsWith("script-src ") || d.startsWith("style-src ") ? d.split(" ")[0] : d))
        .join("; ");
    for (const https of [true, false]) {
      expect(strip(hashedPolicy(HTML, { https }))).toBe(strip(contentSecurityPolicy("n0nce", { dev: false, https })));
    }
  });

  it("recognises the no-store marker the way React renders it", () => {
    expect(renderToStaticMarkup(createElement(NoStore))).toContain(NO_STORE_MARKER);
  });
});
