/**
 * Property-based fuzzing of the public booking endpoint, POST /api/bookings/hold, called as
 * a route handler against the real PostgreSQL test database. Whatever the body or headers,
 * the answer is a 4xx with a JSON `error` string and no stack trace, and no Booking or
 * outbox row is created or changed. A genuinely valid request is checked too (201), so the
 * test can tell a working endpoint from one that refuses everything.
 */
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

// The hold route expires the cached open times; outside Next there is no cache to expire.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn(), unstable_cache: (fn: unknown) => fn }));

const { prisma } = await import("@/lib/platform/db");
const { POST } = await import("@/app/api/bookings/hold/route");
const { getOpenSlots } = await import("@/lib/booking/queries");

const RUNS = 60;
const ORIGIN = "http://localhost:3000";
const URL_ = `${ORIGIN}/api/bookings/hold`;

let ipCounter = 0;
const RUN_ID = Math.random().toString(36).slice(2, 8);
/** A fresh client address for every request, so rate limiting never masks what is tested. */
function uniqueIp() {
  ipCounter += 1;
  return `198.51.100.${ipCounter % 250}-${RUN_ID}-${ipCounter}`;
}

type Answer = { status: number; text: string; json: unknown; threw?: unknown };

async function post(body: BodyInit | null, headers: Record<string, string> = {}): Promise<Answer> {
  const request = new Request(URL_, {
    method: "POST",
    headers: { origin: ORIGIN, "content-type": "application/json", "x-forwarded-for": uniqueIp(), ...headers },
    body,
  });
  let response: Response;
  try {
    response = await POST(request);
  } catch (error) {
    // What Next would turn into a 500.
    return { status: 500, text: `${(error as Error)?.name}: ${(error as Error)?.message}`.slice(0, 500), json: null, threw: error };
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // checked below
  }
  return { status: response.status, text, json };
}

/** A request body that prints shortened in a counterexample (some are a megabyte long). */
class Body {
  constructor(readonly text: string) {}
  [fc.toStringMethod]() {
    return JSON.stringify(this.text.length > 400 ? `${this.text.slice(0, 400)}… (${this.text.length} characters)` : this.text);
  }
}
const bodies = (arb: fc.Arbitrary<string>) => arb.map((text) => new Body(text));

const STACK_FRAGMENTS = [
  /(^|\\n|\n)\s*at\s/,
  /\bat \S+ \(/,
  /\.tsx?:\d*/,
  /\.m?js:\d+/,
  /\bError:/,
  /node_modules/,
  /prisma/i,
  /postgres/i,
];

/** A clear client error: 4xx, JSON, an `error` sentence, nothing that looks like a stack. */
function expectClientError(answer: Answer, sent: string) {
  expect(answer.threw, `the handler threw: ${answer.text}`).toBeUndefined();
  expect(answer.status, answer.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
  expect(answer.json, "the answer is not JSON").toBeTypeOf("object");
  const error = (answer.json as { error?: unknown }).error;
  expect(typeof error).toBe("string");
  expect((error as string).trim().length).toBeGreaterThan(0);
  for (const fragment of STACK_FRAGMENTS) {
    if (fragment.test(answer.text)) expect(fragment.test(sent), `stack-like answer: ${answer.text.slice(0, 300)}`).toBe(true);
  }
}

/** A filled-in honeypot ("website") is answered as if all went well: 202, no booking id. */
function isHoneypot(body: string): boolean {
  try {
    const website = (JSON.parse(body) as { website?: unknown } | null)?.website;
    return typeof website === "string" && website !== "";
  } catch {
    return false;
  }
}

/** A refusal: a clear client error, or the honeypot's silent 202 when the bot field was filled. */
function expectRefused(answer: Answer, body: string, also = "") {
  if (answer.status === 202 && isHoneypot(body)) {
    expect(answer.json).toEqual({ ok: true, bookingId: null });
    return;
  }
  expectClientError(answer, `${body}\n${also}`);
}

/** Every Booking row (readable, so a failure shows what changed) and a digest of the outbox. */
async function bookingState(): Promise<string> {
  const [row] = await prisma.$queryRaw<{ bookings: string | null; outbox: string }[]>`
    SELECT
      (SELECT string_agg(concat_ws(' ', b.id, b.status, b.email, b."startsAt", b."holdExpiresAt", b."cancelledAt", md5(b::text)), E'\n' ORDER BY b.id) FROM "Booking" b) AS bookings,
      (SELECT md5(coalesce(string_agg(o::text, '|' ORDER BY o.id), '')) FROM "OutboxEmail" o) AS outbox`;
  return `bookings:\n${row!.bookings ?? "(none)"}\noutbox: ${row!.outbox}`;
}

// ---------------------------------------------------------------------------------------
// Generated requests

let emailCounter = 0;
function uniqueEmail() {
  emailCounter += 1;
  return `fuzz-${RUN_ID}-${emailCounter}@example.test`;
}

/** Someone who already holds a slot: a failed request from the same address must not disturb it. */
const HOLDER = `holder-${RUN_ID}@example.test`;

function validBody(overrides: Record<string, unknown> = {}) {
  return {
    slotStart: "2020-01-07T14:00:00.000Z",
    firstName: "Fuzz",
    email: uniqueEmail(),
    phone: "(555) 123-4567",
    contactMethod: "TEXT",
    note: "A note",
    consent: true,
    timeZone: "America/Chicago",
    website: "",
    ...overrides,
  };
}

const hugeString = fc
  .tuple(fc.integer({ min: 1_001, max: 200_000 }), fc.constantFrom("a", "\u0000", "😀", "\u202e", "\\", '"'))
  .map(([n, c]) => c.repeat(n));

const badJsonValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, "", " ", "\u0000", "__proto__", "2030-02-30T10:00:00Z", "not a date"),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ unit: "binary", maxLength: 60 }),
  hugeString,
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 20 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 5 }),
);

const FIELDS = ["slotStart", "firstName", "email", "phone", "contactMethod", "note", "consent", "timeZone", "website"];

/** Bodies that are not JSON at all. */
const notJson = fc
  .oneof(
    fc.constantFrom("", "{", "{}}", "[", "undefined", "NaN", "{'slotStart': 1}", '{"a":1,}', "\u0000", "\uFEFF{}", "<xml/>", "a=1&b=2"),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.constant(JSON.stringify(validBody())).chain((json) => fc.integer({ min: 1, max: json.length - 1 }).map((cut) => json.slice(0, cut))),
  )
  .filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

/** JSON that is not a booking request: any JSON, or a request with fields wrong, missing or extra. */
const wrongJson = fc
  .oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.tuple(fc.constantFrom(...FIELDS, "__proto__", "constructor"), badJsonValue).map(([key, value]) => {
      const body: Record<string, unknown> = validBody();
      Object.defineProperty(body, key, { value, enumerable: true, configurable: true, writable: true });
      return body;
    }),
    fc.subarray(FIELDS, { minLength: 1 }).map((missing) => {
      const body: Record<string, unknown> = validBody();
      for (const key of missing) delete body[key];
      return body;
    }),
    fc.constant(validBody({ contactMethod: "PHONE", phone: "" })),
    fc.constant(validBody({ consent: "true" })),
    // The honeypot filled in, as a naive bot would (answered 202 without storing), or absurdly long.
    fc.string({ minLength: 1, maxLength: 30 }).map((website) => validBody({ website })),
    fc.constant(validBody({ website: "x".repeat(501) })),
    // Huge but otherwise plausible: a 1 MB note.
    fc.constant(validBody({ note: "x".repeat(1_000_000) })),
  )
  .map((value) => JSON.stringify(value) ?? "null");

/**
 * Well-formed requests for a time that is never offered: in the past, beyond the horizon,
 * or off the minute grid (slots always start on a whole minute).
 */
const badSlot = fc
  .oneof(
    fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date(Date.now() - 60_000), noInvalidDate: true }),
    fc.date({ min: new Date(Date.now() + 400 * 24 * 3600_000), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }),
    fc
      .tuple(fc.integer({ min: 0, max: 60 * 24 * 40 }), fc.integer({ min: 1, max: 59_999 }))
      .map(([minutes, ms]) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + minutes * 60_000 + ms)),
  )
  .map((date) => date.toISOString());

const wellFormedBadSlotFrom = (holders: fc.Arbitrary<boolean>) =>
  fc
    .record({
      slotStart: badSlot,
      holder: holders,
      contactMethod: fc.constantFrom("EMAIL", "PHONE", "TEXT"),
      timeZone: fc.constantFrom("UTC", "Asia/Kolkata", "Pacific/Chatham"),
    })
    .map(({ holder, ...rest }) => JSON.stringify(validBody({ ...rest, email: holder ? HOLDER : uniqueEmail() })));
/** Sometimes from an address that already holds a slot. */
const wellFormedBadSlot = wellFormedBadSlotFrom(fc.boolean());
/** Always from a fresh address. */
const wellFormedBadSlotFresh = wellFormedBadSlotFrom(fc.constant(false));

// ---------------------------------------------------------------------------------------

/** HOLDER's pending hold, active again before every generated request. */
async function refreshHolderHold() {
  await prisma.booking.updateMany({
    where: { email: HOLDER },
    data: { status: "HOLD", cancelledAt: null, holdExpiresAt: new Date(Date.now() + 15 * 60_000) },
  });
}

beforeAll(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Booking" CASCADE');
  await prisma.$executeRawUnsafe("DELETE FROM rate_limit");
  const { slots } = await getOpenSlots();
  const answer = await post(JSON.stringify(validBody({ slotStart: slots.at(-1)!.start.toISOString(), email: HOLDER })));
  expect(answer.status, answer.text).toBe(201);
});

beforeEach(async () => {
  await prisma.$executeRawUnsafe("DELETE FROM rate_limit");
});

afterAll(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Booking" CASCADE');
  await prisma.$executeRawUnsafe("DELETE FROM rate_limit");
  await prisma.$disconnect();
});

describe("POST /api/bookings/hold", () => {
  test("control: a genuinely valid request for an offered slot is held (201), once", async () => {
    const { slots } = await getOpenSlots();
    expect(slots.length).toBeGreaterThan(1);
    const before = await prisma.booking.count();
    const answer = await post(JSON.stringify(validBody({ slotStart: slots[0]!.start.toISOString() })));
    expect(answer.status, answer.text).toBe(201);
    expect(answer.json).toMatchObject({ ok: true, bookingId: expect.any(String) });
    expect(await prisma.booking.count()).toBe(before + 1);
    // …and the same body with one field broken is refused.
    expectClientError(await post(JSON.stringify(validBody({ slotStart: slots[1]!.start.toISOString(), consent: false }))), "");
    expect(await prisma.booking.count()).toBe(before + 1);
  });

  test("a body that is not JSON: 400, nothing stored", async () => {
    await fc.assert(
      fc.asyncProperty(bodies(notJson), async ({ text: body }) => {
        const before = await bookingState();
        expectClientError(await post(body), body);
        expect(await bookingState()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  test("JSON that is not a valid booking request (wrong types, missing fields, huge values): 4xx, nothing stored", async () => {
    await fc.assert(
      fc.asyncProperty(bodies(wrongJson), async ({ text: body }) => {
        const before = await bookingState();
        expectRefused(await post(body), body);
        expect(await bookingState()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  test("a well-formed request for a time that is not offered: 4xx, and no booking is created or changed", async () => {
    await fc.assert(
      fc.asyncProperty(bodies(wellFormedBadSlot), async ({ text: body }) => {
        await refreshHolderHold();
        const before = await bookingState();
        const answer = await post(body);
        expectClientError(answer, body);
        expect(await bookingState(), `${answer.status} for ${body.slice(0, 200)}`).toBe(before);
      }),
      { numRuns: RUNS, examples: [[new Body(JSON.stringify(validBody({ email: HOLDER })))]] },
    );
  });

  test("odd headers (origin, content type, forwarded address): 4xx, nothing stored", async () => {
    const headerText = fc
      .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 600 })
      .map((s) => s.trim());
    const headers = fc.record(
      {
        origin: fc.oneof(
          fc.constantFrom(ORIGIN, "null", "https://evil.example", "http://localhost:3000.evil.example", "http://LOCALHOST:3000"),
          headerText,
        ),
        "content-type": fc.oneof(
          fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"),
          headerText,
        ),
        // The first X-Forwarded-For entry is whatever the client sent: any length.
        "x-forwarded-for": fc
          .oneof(
            fc.constantFrom("", " , ", "unknown", "::1", "1.2.3.4, 5.6.7.8"),
            headerText,
            fc.integer({ min: 200, max: 400 }).map((n) => "9".repeat(n)),
          )
          .map((v) => `${uniqueIp()}${v}`),
        host: fc.oneof(fc.constantFrom("localhost:3000", "evil.example"), headerText),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(headers, bodies(fc.oneof(wellFormedBadSlotFresh, wrongJson)), async (extra, { text: body }) => {
        await refreshHolderHold();
        const before = await bookingState();
        const answer = await post(body, extra);
        expectRefused(answer, body, Object.values(extra).join("\n"));
        expect(await bookingState()).toBe(before);
      }),
      { numRuns: RUNS, examples: [[{ "x-forwarded-for": `${uniqueIp()}${"9".repeat(300)}` }, new Body(JSON.stringify(validBody()))]] },
    );
  });

  test("too many attempts from one address are answered 429 with a clear message, not an error", async () => {
    const ip = uniqueIp();
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i++) answers.push(await post(JSON.stringify(validBody({ consent: false })), { "x-forwarded-for": ip }));
    for (const answer of answers) expectClientError(answer, "");
    expect(answers.at(-1)!.status).toBe(429);
  });
});
