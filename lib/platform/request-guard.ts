/**
 * Requests no browser sends, refused with a clear 4xx before Next.js or a page sees them:
 * an address that does not decode (Next.js answers those with a bare 500), control
 * characters in the path or query (PostgreSQL refuses a NUL in text, as a 500), and form
 * posts to pages, the way server actions arrive, whose body is over the limit or does not
 * parse (Next.js answers both with a 500 before any of our code runs).
 *
 * Pure web APIs only: it runs in proxy.ts for every request and in the fuzz tests.
 */

import { escapeHtml } from "@/lib/platform/html";

/** next.config.ts `experimental.serverActions.bodySizeLimit`, in bytes: keep the two in step. */
export const ACTION_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

// Control characters (C0, DEL and C1): nothing a person types into an address or a form
// field that travels in one.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export type Refusal = { status: 400 | 413 | 415; title: string; text: string };

const BAD_ADDRESS: Refusal = {
  status: 400,
  title: "That address is not valid",
  text: "The link may have been cut off or changed on its way. Please go back, or start again from the home page.",
};

const TOO_LARGE: Refusal = {
  status: 413,
  title: "That was too large to send",
  text: "What you sent is over 3 MB, the most this site accepts. If you were uploading a photo, please choose one under 2 MB and try again.",
};

const BAD_FORM: Refusal = {
  status: 400,
  title: "That form could not be read",
  text: "It may have been cut off on its way. Please go back, reload the page and send it again.",
};

function decodes(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** The address itself: every part decodes, and none holds a control character. */
export function refuseAddress(url: URL): Refusal | null {
  const path = decodes(url.pathname);
  if (path === null || CONTROL.test(path)) return BAD_ADDRESS;
  // URLSearchParams never throws (it substitutes U+FFFD), so the raw query is checked too. In
  // proxy.ts Next.js has already re-encoded a stray "%" (its pages then serve such a query
  // safely); the check stays for any other caller handed a raw address.
  const query = url.search.slice(1);
  if (query !== "" && decodes(query.replace(/\+/g, " ")) === null) return BAD_ADDRESS;
  for (const [key, value] of url.searchParams) {
    if (CONTROL.test(key) || CONTROL.test(value)) return BAD_ADDRESS;
  }
  return null;
}

/** Reads at most `limit` + 1 bytes: enough to know a body is too large without holding all of it. */
async function readBounded(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = request.clone().body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling one branch of a cloned body settles only when the other
      // branch is cancelled too, and the request is refused either way.
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * A POST to a page: how Next.js receives a server action, from a script (a `Next-Action`
 * header, the arguments as text or multipart) or from a form posted without JavaScript
 * (multipart with the action's id in a field). The body is bounded and must parse the way
 * Next.js will parse it; what it means is then the action's business.
 */
export async function refuseActionBody(request: Request): Promise<Refusal | null> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > ACTION_BODY_LIMIT_BYTES) return TOO_LARGE;
  const contentType = request.headers.get("content-type") ?? "";
  const isFetchAction = request.headers.has("next-action");
  const isMultipart = contentType.toLowerCase().startsWith("multipart/form-data");
  // Anything else is not an action to Next.js either (a urlencoded post renders the page).
  if (!isMultipart && !isFetchAction) return null;
  const body = await readBounded(request, ACTION_BODY_LIMIT_BYTES);
  if (body === null) return TOO_LARGE;
  if (isMultipart) {
    try {
      await new Request("http://localhost/", { method: "POST", headers: { "content-type": contentType }, body }).formData();
    } catch {
      return BAD_FORM;
    }
    return null;
  }
  // A script's call with arguments that need no multipart: React encodes them as one JSON text.
  try {
    // ignoreBOM: a byte-order mark is kept, as Next.js keeps it (and JSON.parse then fails).
    JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body));
  } catch {
    return BAD_FORM;
  }
  return null;
}

/**
 * The answer to a refused request: a small page a person can read (a form posted without
 * JavaScript lands here), with the way back and the crisis line, since the person who sees
 * it may have been in the middle of asking for help. A script gets the same status.
 */
export function refusalResponse(refusal: Refusal, crisisLine: string): Response {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(refusal.title)}</title></head>
<body><main><h1>${escapeHtml(refusal.title)}</h1><p>${escapeHtml(refusal.text)}</p>
<p><a href="/">Go to the home page</a> · <a href="/get-help">Get help now</a></p>
<p>${escapeHtml(crisisLine)}</p></main></body></html>
`;
  return new Response(html, {
    status: refusal.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
