import { describe, expect, test } from "vitest";
import { readingMinutes, renderMarkdown } from "@/lib/articles/markdown";

describe("renderMarkdown", () => {
  test("renders headings, lists and emphasis", () => {
    const html = renderMarkdown("## Title\n\n- **Bold:** text\n1. one");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<strong>Bold:</strong>");
    expect(html).toContain("<ol>");
  });

  test.each([
    ["a script element", "Hello <script>alert(1)</script>", /<script/i],
    ["an inline event handler", '<img src="x" onerror="alert(1)">', /onerror/i],
    ["a javascript: link", "[click](javascript:alert(1))", /javascript:/i],
    ["a javascript: link in HTML", '<a href="javascript:alert(1)">x</a>', /javascript:/i],
    ["an iframe", '<iframe src="https://evil.example"></iframe>', /<iframe/i],
  ])("never lets %s reach the page", (_name, markdown, forbidden) => {
    expect(renderMarkdown(markdown)).not.toMatch(forbidden);
  });

  test("keeps ordinary links", () => {
    expect(renderMarkdown("[988](https://988lifeline.org)")).toContain('href="https://988lifeline.org"');
  });
});

describe("readingMinutes", () => {
  test("counts about 220 words a minute, at least one", () => {
    expect(readingMinutes("word")).toBe(1);
    expect(readingMinutes(Array(1100).fill("word").join(" "))).toBe(5);
  });
});

describe("renderArticleMarkdown", () => {
  test("gives the same sanitised HTML as renderMarkdown, and follows an edit at once", async () => {
    const { renderArticleMarkdown } = await import("@/lib/articles/markdown");
    const first = "# One\n\n<script>alert(1)</script> text";
    expect(renderArticleMarkdown(first)).toBe(renderMarkdown(first));
    expect(renderArticleMarkdown(first)).not.toContain("<script");
    const edited = "# One\n\nedited text";
    expect(renderArticleMarkdown(edited)).toContain("edited text");
    expect(renderArticleMarkdown(first)).toBe(renderMarkdown(first));
  });
});
