/**
 * Article Markdown to HTML, on the server. The body is the clinician's own writing, but it
 * is typed into a web form, so the output is sanitised as if it were hostile: no scripts,
 * event handlers, javascript: URLs or raw HTML reach the page.
 */
import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import remarkRehype from "remark-rehype";
import rehypeSanitize from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // Raw HTML inside Markdown is dropped rather than passed through.
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize)
  .use(rehypeStringify);

export function renderMarkdown(markdown: string): string {
  return String(processor.processSync(markdown));
}

// Every page is rendered per request (for its CSP nonce), and parsing an article costs far
// more than the rest of the page. Keyed by the text itself, so an edit is never served stale
// and several app instances need no invalidation.
const rendered = new Map<string, string>();
const RENDERED_MAX = 64;

/** renderMarkdown for published articles, remembered for the most recently read ones. */
export function renderArticleMarkdown(markdown: string): string {
  const hit = rendered.get(markdown);
  if (hit !== undefined) {
    rendered.delete(markdown);
    rendered.set(markdown, hit);
    return hit;
  }
  const html = renderMarkdown(markdown);
  rendered.set(markdown, html);
  if (rendered.size > RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
  return html;
}

const WORDS_PER_MINUTE = 220;

export function readingMinutes(markdown: string): number {
  const words = markdown
    .replace(/[#>*_`\-[\]()!]/g, " ")
    .split(/\s+/)
    .filter(Boolean).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
