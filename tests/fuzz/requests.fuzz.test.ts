/**
 * Property-based fuzzing of what arrives before any page or action: proxy.ts (addresses that
 * do not decode or carry control characters, server-action bodies that are malformed or too
 * large), next-auth's POST endpoint as the app wraps it (JSON, oversized or malformed bodies,
 * a NUL or garbage in the address), and the two portal route handlers that take an id from
 * the address. Whatever arrives, the answer is a clear 4xx (or, for the portal routes, their
 * ordinary "not found"), never an exception, and nothing is stored. Controls check that what
 * a browser really sends still passes. e2e/crafted-requests.spec.ts sends the same classes to
 * the production server.
 */
import fc from "fast-check";
import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, test, vi } from "vitest";

const session = vi.hoisted(() => ({
  user: null as null | { id: string; email: string; role: "CLIENT" | "CLINICIAN"; sessionId: string },
}));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: vi.fn(async () => session.user),
  getCurrentSession: vi.fn(async () => (session.user ? { user: session.user, expiresAt: new Date(Date.now() + 3600_000) } : null)),
  requireClient: vi.fn(async () => session.user),
  requireClinician: vi.fn(async () => session.user),
  endCurrentSession: vi.fn(async () => undefined),
  sessionCookieName: () => "next-auth.session-token",
}));

const { prisma } = await import("@/lib/platform/db");
const { proxy } = await import("@/proxy");
const { ACTION_BODY_LIMIT_BYTES } = await import("@/lib/platform/request-guard");
const { isCachedPublicPage } = await import("@/lib/platform/public-pages");
const auth = await import("@/app/api/auth/[...nextauth]/route");
const confirm = await import("@/app/(portal)/portal/confirm/route");
const calendar = await import("@/app/(portal)/portal/bookings/[id]/calendar.ics/route");

const RUNS = 60;
const ORIGIN = "http://localhost:3000";
const ACTION_ID = "00" + "ab".repeat(20);

/** Shown shortened when fast-check prints a counterexample (some bodies are megabytes). */
class Sample<T> {
  constructor(
    readonly value: T,
    readonly label: string,
  ) {}
  [fc.toStringMethod]() {
    return this.label.length > 300 ? `${this.label.slice(0, 300)}… (${this.label.length} characters)` : this.label;
  }
}

/** proxy.ts let the request through to Next.js. */
const passed = (response: Response) => response.headers.get("x-middleware-next") === "1";

async function runProxy(url: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {}) {
  const request = new NextRequest(url, { method: init.method ?? "GET", headers: init.headers, body: init.body, duplex: "half" } as never);
  return proxy(request);
}

async function expectRefusedPage(response: Response, statuses: number[]) {
  expect(statuses, `status ${response.status}`).toContain(response.status);
  expect(response.headers.get("content-type")).toContain("text/html");
  const html = await response.text();
  expect(html).toMatch(/<h1>[^<]+<\/h1>/);
  expect(html).not.toMatch(/\n\s+at |node_modules|Error:/);
}

// ---------------------------------------------------------------------------------------
// Addresses

const hex = fc.integer({ min: 0, max: 255 }).map((n) => n.toString(16).padStart(2, "0").toUpperCase());
/** A percent sequence that does not decode: a lone or truncated escape, or bytes that are not UTF-8. */
const badEscape = fc.oneof(
  fc.constantFrom("%", "%Z", "%ZZ", "%E0%A4%A", "%E0%A4", "%C0%80", "%ED%A0%80", "%FF", "%80", "%F4%90%80%80"),
  hex.map((h) => `%${h.slice(0, 1)}`),
  fc.integer({ min: 0x80, max: 0xbf }).map((n) => `%${n.toString(16).toUpperCase()}`),
);
/** A control character, percent-encoded as an address carries it. */
const controlEscape = fc.integer({ min: 0, max: 0x1f }).map((n) => `%${n.toString(16).padStart(2, "0").toUpperCase()}`);
const plainSegment = fc.stringMatching(/^[a-z0-9-]{1,12}$/);
const PAGES = ["/articles/tags", "/articles", "/portal/bookings", "/portal/intake", "/api/auth/callback", "/_next/static/chunks", ""];

describe("proxy.ts: addresses", () => {
  test("Found: a path that does not decode (/articles/tags/%E0%A4%A and the like) is a 400 page, never passed on", async () => {
    const paths = fc
      .tuple(fc.constantFrom(...PAGES), plainSegment, badEscape, fc.option(plainSegment))
      .map(([base, before, bad, after]) => `${base}/${before}${bad}${after ? `/${after}` : ""}`)
      .map((path) => new Sample(path, path));
    await fc.assert(
      fc.asyncProperty(paths, async ({ value: path }) => {
        const response = await runProxy(`${ORIGIN}${path}`);
        await expectRefusedPage(response, [400]);
      }),
      { numRuns: RUNS, examples: [[new Sample("/articles/tags/%E0%A4%A", "/articles/tags/%E0%A4%A")]] },
    );
  });

  test("Found: a NUL or other control character in the path or the query (?booking=%00) is a 400", async () => {
    const urls = fc.tuple(fc.constantFrom(...PAGES), plainSegment, controlEscape, fc.boolean()).map(([base, segment, control, inQuery]) => {
      const url = inQuery ? `${base}/${segment}?booking=${segment}${control}` : `${base}/${segment}${control}/calendar.ics`;
      return new Sample(url, url);
    });
    await fc.assert(
      fc.asyncProperty(urls, async ({ value: url }) => {
        await expectRefusedPage(await runProxy(`${ORIGIN}${url}`), [400]);
      }),
      {
        numRuns: RUNS,
        examples: [[new Sample("/portal/confirm?booking=%00", "")], [new Sample("/portal/bookings/%00/calendar.ics", "")]],
      },
    );
  });

  test("control: addresses people really use pass, with their nonce and request id", async () => {
    const good = fc
      .tuple(
        fc.constantFrom(...PAGES),
        fc.array(fc.oneof(plainSegment, fc.constantFrom("caf%C3%A9", "%E0%A4%85", "%F0%9F%98%80", "a%20b", "%25")), {
          minLength: 1,
          maxLength: 3,
        }),
        fc.constantFrom("", "?callbackUrl=%2Fportal", "?tag=sleep&page=2", "?q=caf%C3%A9+au+lait", "?x=%25"),
      )
      .map(([base, segments, query]) => `${base}/${segments.join("/")}${query}`);
    await fc.assert(
      fc.asyncProperty(good, async (path) => {
        const response = await runProxy(`${ORIGIN}${path}`);
        expect(passed(response), `${path}: ${response.status}`).toBe(true);
        // A cached public page gets its policy (by hash) from the page cache, not from here.
        if (isCachedPublicPage(new URL(path, ORIGIN).pathname)) expect(response.headers.get("content-security-policy")).toBeNull();
        else expect(response.headers.get("content-security-policy")).toMatch(/'nonce-[^']+'/);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Server-action bodies

const BOUNDARY = "----hvnfuzzboundary";
function multipart(parts: { name: string; value: string; filename?: string }[], { close = true } = {}): string {
  const body = parts
    .map(
      (part) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"${part.filename ? `; filename="${part.filename}"` : ""}\r\n` +
        `${part.filename ? "Content-Type: image/png\r\n" : ""}\r\n${part.value}\r\n`,
    )
    .join("");
  return close ? `${body}--${BOUNDARY}--\r\n` : body;
}
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const fetchAction = { "next-action": ACTION_ID, origin: ORIGIN };

const validForm = fc
  .array(fc.record({ name: plainSegment, value: fc.string({ maxLength: 200 }) }), { minLength: 1, maxLength: 5 })
  .map((parts) => multipart([{ name: `$ACTION_ID_${ACTION_ID}`, value: "" }, ...parts]));

/** Multipart that is cut off, has no boundary, or a different one. */
const brokenMultipart = fc.oneof(
  validForm.chain((body) => fc.integer({ min: 1, max: body.length - 8 }).map((cut) => body.slice(0, cut))),
  fc.constant(multipart([{ name: "a", value: "b" }], { close: false })),
  fc.constant(`--other\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--other--\r\n`),
  fc.string({ unit: "binary", maxLength: 300 }).map((junk) => `--${BOUNDARY}\r\n${junk}`),
);

/** What a script's call sends when its arguments need no multipart: one JSON text. Here, anything but. */
const notJson = fc
  .oneof(
    fc.constantFrom("", "[", '[{"a":', "[1,]", "undefined", "{'a':1}", "\uFEFF[]", "$K1"),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

describe("proxy.ts: server-action bodies", () => {
  test("Found: a malformed multipart body, from a script or a form without JavaScript, is a 400", async () => {
    const requests = fc.tuple(brokenMultipart, fc.boolean()).map(([body, fromScript]) => new Sample({ body, fromScript }, body));
    await fc.assert(
      fc.asyncProperty(requests, async ({ value: { body, fromScript } }) => {
        const headers = { "content-type": MULTIPART, ...(fromScript ? fetchAction : { origin: ORIGIN }) };
        const response = await runProxy(`${ORIGIN}/dashboard/profile`, { method: "POST", headers, body });
        await expectRefusedPage(response, [400]);
      }),
      { numRuns: RUNS },
    );
  });

  test("Found: a script's action call whose body is not JSON is a 400", async () => {
    await fc.assert(
      fc.asyncProperty(
        notJson.map((text) => new Sample(text, JSON.stringify(text))),
        async ({ value: body }) => {
          const headers = { "content-type": "text/plain;charset=UTF-8", ...fetchAction };
          await expectRefusedPage(await runProxy(`${ORIGIN}/portal`, { method: "POST", headers, body }), [400]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("Found: a body over 3 MB (a photo posted without the browser's check) is a 413, declared or streamed", async () => {
    const sizes = fc.integer({ min: ACTION_BODY_LIMIT_BYTES + 1, max: ACTION_BODY_LIMIT_BYTES + 2 * 1024 * 1024 });
    await fc.assert(
      fc.asyncProperty(sizes, fc.boolean(), fc.boolean(), async (size, declared, fromScript) => {
        const body = multipart([
          { name: `$ACTION_ID_${ACTION_ID}`, value: "" },
          { name: "photo", filename: "me.png", value: "x".repeat(size) },
        ]);
        const headers: Record<string, string> = { "content-type": MULTIPART, ...(fromScript ? fetchAction : { origin: ORIGIN }) };
        if (declared) headers["content-length"] = String(Buffer.byteLength(body));
        // Streamed: no length is known until the body has been read.
        const sent = declared ? body : new Blob([body]).stream();
        await expectRefusedPage(await runProxy(`${ORIGIN}/dashboard/profile`, { method: "POST", headers, body: sent }), [413]);
      }),
      { numRuns: 4 },
    );
  });

  test("control: well-formed bodies up to the limit pass, and so do posts that are not actions", async () => {
    await fc.assert(
      fc.asyncProperty(validForm, fc.jsonValue(), async (form, json) => {
        const multipartPost = await runProxy(`${ORIGIN}/dashboard/profile`, {
          method: "POST",
          headers: { "content-type": MULTIPART, origin: ORIGIN },
          body: form,
        });
        expect(passed(multipartPost)).toBe(true);
        const scriptCall = await runProxy(`${ORIGIN}/portal`, {
          method: "POST",
          headers: { "content-type": "text/plain;charset=UTF-8", ...fetchAction },
          body: JSON.stringify([json]),
        });
        expect(passed(scriptCall)).toBe(true);
      }),
      { numRuns: RUNS },
    );
    const atLimit = multipart([{ name: "photo", filename: "me.png", value: "x".repeat(ACTION_BODY_LIMIT_BYTES - 400) }]);
    expect(Buffer.byteLength(atLimit)).toBeLessThanOrEqual(ACTION_BODY_LIMIT_BYTES);
    const response = await runProxy(`${ORIGIN}/dashboard/profile`, {
      method: "POST",
      headers: { "content-type": MULTIPART, ...fetchAction },
      body: atLimit,
    });
    expect(passed(response)).toBe(true);
    // Route handlers read their own bodies (the booking hold endpoint answers 400 itself).
    const api = await runProxy(`${ORIGIN}/api/bookings/hold`, { method: "POST", headers: { "content-type": MULTIPART }, body: "--x" });
    expect(passed(api)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------
// next-auth's POST endpoint

async function fingerprint(): Promise<string> {
  const [row] = await prisma.$queryRaw<{ digest: string }[]>`
    SELECT md5(concat(
      (SELECT count(*) FROM "VerificationToken"), '|', (SELECT count(*) FROM "OutboxEmail"), '|',
      (SELECT count(*) FROM "User"), '|', (SELECT count(*) FROM rate_limit))) AS digest`;
  return row!.digest;
}

type Answer = { status: number; json: unknown; text: string; threw?: unknown };

async function postAuth(path: string, body: BodyInit, headers: Record<string, string>): Promise<Answer> {
  const request = new NextRequest(`${ORIGIN}/api/auth/${path}`, {
    method: "POST",
    headers: { origin: ORIGIN, host: "localhost:3000", ...headers },
    body,
  });
  try {
    const response = await auth.POST(request, { params: Promise.resolve({ nextauth: path.split("/") }) });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      // checked by the caller
    }
    return { status: response.status, json, text };
  } catch (error) {
    return { status: 500, json: null, text: "", threw: error };
  }
}

function expectClientError(answer: Answer) {
  expect(answer.threw, `threw ${String((answer.threw as Error)?.message)}`).toBeUndefined();
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  const error = (answer.json as { error?: unknown } | null)?.error;
  expect(typeof error === "string" && error.trim() !== "", JSON.stringify(answer.json)).toBe(true);
  expect(error as string).not.toMatch(/\n\s+at |prisma|postgres|Error:/i);
}

const FORM = "application/x-www-form-urlencoded";
/** Addresses no form can produce, or that are not addresses at all. */
const badAddress = fc.oneof(
  fc.constantFrom("a\u0000b@example.test", "\u0000", "ann@example.test\u0000", "", " ", "@", "a@b", "a@@b.co", "<a@b.co>", "a b@c.co"),
  fc
    .tuple(fc.emailAddress(), controlEscape)
    .map(([email, control]) => `${email.slice(0, 3)}${decodeURIComponent(control)}${email.slice(3)}`),
  fc.string({ maxLength: 40 }).filter((s) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s)),
  fc.constant(`${"a".repeat(250)}@example.test`),
);

beforeEach(() => {
  session.user = null;
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe("POST /api/auth/*", () => {
  test("Found: a NUL or garbage in the address at signin/email is a 400 that says so; nothing is stored", async () => {
    await fc.assert(
      fc.asyncProperty(
        badAddress.map((email) => new Sample(email, JSON.stringify(email))),
        fc.boolean(),
        async ({ value: email }, json) => {
          const before = await fingerprint();
          const body = new URLSearchParams({ email, csrfToken: "token", callbackUrl: "/portal", ...(json ? { json: "true" } : {}) });
          const answer = await postAuth("signin/email", body.toString(), { "content-type": FORM });
          if (json) {
            // next-auth's client: JSON, with the problem page it will show.
            expectClientError(answer);
          } else {
            // A form posted without JavaScript: a page that says what to fix.
            expect(answer.threw).toBeUndefined();
            expect(answer.text).toContain("That email address does not look right");
          }
          expect(answer.status).toBe(400);
          expect(await fingerprint()).toBe(before);
        },
      ),
      { numRuns: RUNS, examples: [[new Sample("a\u0000b@example.test", "NUL"), true]] },
    );
  });

  test("Found: a JSON body, or any body that is not a form, is a 415; an oversized one a 413; bytes that are not UTF-8 a 400", async () => {
    const bodies = fc.oneof(
      fc
        .tuple(fc.jsonValue(), fc.constantFrom("application/json", "text/plain", "multipart/form-data; boundary=x", "", "application/xml"))
        .map(([value, type]) => ({ body: JSON.stringify(value) ?? "null", type, expect: 415 })),
      fc.integer({ min: 16 * 1024 + 1, max: 200_000 }).map((n) => ({ body: `email=${"a".repeat(n)}`, type: FORM, expect: 413 })),
      fc.constant({ body: Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xff, 0xfe, 0xc0]), type: FORM, expect: 400 }),
    );
    await fc.assert(
      fc.asyncProperty(
        bodies.map((b) => new Sample(b, `${b.type}: ${String(b.body).slice(0, 200)}`)),
        fc.constantFrom("signin/email", "callback/clinician", "signin"),
        async ({ value }, path) => {
          const before = await fingerprint();
          const headers: Record<string, string> = value.type ? { "content-type": value.type } : {};
          const answer = await postAuth(path, value.body as BodyInit, headers);
          expectClientError(answer);
          expect(answer.status).toBe(value.expect);
          expect(await fingerprint()).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  test("a cross-site post is a 403 before anything is read", async () => {
    for (const origin of ["https://evil.example", "null"]) {
      const request = new NextRequest(`${ORIGIN}/api/auth/signin/email`, {
        method: "POST",
        headers: { origin, host: "localhost:3000", "content-type": "application/json" },
        body: "{",
      });
      const response = await auth.POST(request, { params: Promise.resolve({ nextauth: ["signin", "email"] }) });
      expect(response.status).toBe(403);
    }
  });
});

// ---------------------------------------------------------------------------------------
// Portal routes that take an id from the address

const crafted = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.constantFrom("\u0000", "a\u0000b", "x".repeat(65), "' OR 1=1 --", "../../etc/passwd", "%00", "\uFFFD"),
);

describe("portal routes", () => {
  test("Found: /portal/confirm with a crafted booking id sends the signed-in client to her portal, never an error", async () => {
    session.user = { id: "fuzz-client-1", email: "fuzz-client-1@example.test", role: "CLIENT", sessionId: "s" };
    await fc.assert(
      fc.asyncProperty(crafted, async (id) => {
        const url = new URL(`${ORIGIN}/portal/confirm`);
        url.searchParams.set("booking", id);
        const response = await confirm.GET(new NextRequest(url));
        expect(response.status).toBe(303);
        expect(new URL(response.headers.get("location")!).pathname).toBe("/portal");
      }),
      { numRuns: RUNS, examples: [["\u0000"]] },
    );
  });

  test("Found: /portal/bookings/<crafted>/calendar.ics is a 404 like any booking that is not hers", async () => {
    session.user = { id: "fuzz-client-1", email: "fuzz-client-1@example.test", role: "CLIENT", sessionId: "s" };
    await fc.assert(
      fc.asyncProperty(crafted, async (id) => {
        const response = await calendar.GET(new Request(`${ORIGIN}/portal/bookings/x/calendar.ics`), { params: Promise.resolve({ id }) });
        expect(response.status).toBe(404);
      }),
      { numRuns: RUNS, examples: [["\u0000"]] },
    );
  });
});
