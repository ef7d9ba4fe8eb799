/**
 * Property-based fuzzing of every server action in lib/actions/, called as the right kind of
 * signed-in user against the real PostgreSQL test database. With generated bad FormData or
 * arguments an action must answer with an error state (or the mocked redirect where that is
 * its answer), never an unexpected exception, and must not write: every table an action can
 * touch is fingerprinted before and after.
 *
 * next/cache and next/navigation only work inside Next, and the session needs a request:
 * all three are mocked. redirect() throws a recognisable RedirectSignal.
 */
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

const mocks = vi.hoisted(() => {
  class RedirectSignal extends Error {
    constructor(readonly url: string) {
      super(`NEXT_REDIRECT;${url}`);
    }
  }
  const users = {
    client: { id: "fuzz-client", email: "fuzz-client@example.test", role: "CLIENT" as const, sessionId: "fuzz-client-session" },
    clinician: {
      id: "fuzz-clinician",
      email: "fuzz-clinician@practice.test",
      role: "CLINICIAN" as const,
      sessionId: "fuzz-clinician-session",
    },
  };
  return { RedirectSignal, users };
});

vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new mocks.RedirectSignal(url);
  },
  permanentRedirect: (url: string) => {
    throw new mocks.RedirectSignal(url);
  },
  notFound: () => {
    throw new mocks.RedirectSignal("/404");
  },
}));
// The booking form's action reads the client IP and its hold cookie.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "192.0.2.77" }),
  cookies: async () => ({ get: () => undefined, set: () => undefined }),
}));
vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: vi.fn(async () => null),
  requireClient: vi.fn(async () => mocks.users.client),
  requireClinician: vi.fn(async () => mocks.users.clinician),
  endCurrentSession: vi.fn(async () => undefined),
  sessionCookieName: () => "next-auth.session-token",
}));

const { prisma } = await import("@/lib/platform/db");
const articleActions = await import("@/lib/actions/articles");
const authActions = await import("@/lib/actions/auth");
const bookingActions = await import("@/lib/actions/booking");
const { clinicianBookingAction } = bookingActions;
const { completeSetupAction } = authActions;
const intakeActions = await import("@/lib/actions/intake");
const { markReviewedAction, markUrgentFollowedUpAction, releaseNoteAction } = intakeActions;
const { retryEmailAction } = await import("@/lib/actions/email");
const settingsActions = { ...bookingActions, ...intakeActions, ...(await import("@/lib/actions/practice")) };
const { articleFormInput, articleFormSchema } = await import("@/lib/articles/schema");
const { formValues } = await import("@/lib/platform/action");
const { clinicianSignInSchema, emailSignInSchema } = await import("@/lib/auth/schema");
const { DEFAULT_BOOKING_SETTINGS } = await import("@/lib/booking/rules");
const { epdsSchema, reviewNoteSchema } = await import("@/lib/intake/schema");
const { profileSchema } = await import("@/lib/practice/schema");
const { sniffImageType } = await import("@/lib/practice/photo");
const { draftSchema } = await import("@/lib/intake/schema");
const intakeService = await import("@/lib/intake/service");
const { PLACEHOLDER_SETTINGS } = await import("@/lib/practice/defaults");

const fingerprint = await import("../support/fingerprint");
type State = import("../support/fingerprint").State;
const state = () => fingerprint.state(prisma);
const expectUnchanged = (before: State, options?: { deniedAudit?: boolean }) => fingerprint.expectUnchanged(prisma, before, options);

const RUNS = 40;
const { RedirectSignal, users } = mocks;
const CLIENT = users.client;
const CLINICIAN = users.clinician;

// ---------------------------------------------------------------------------------------
// Running an action and judging its answer

type Outcome = { kind: "returned"; value: unknown } | { kind: "redirect"; url: string } | { kind: "threw"; error: unknown };

async function run(action: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { kind: "returned", value: await action() };
  } catch (error) {
    if (error instanceof RedirectSignal) return { kind: "redirect", url: error.url };
    return { kind: "threw", error };
  }
}

function describeOutcome(outcome: Outcome): string {
  if (outcome.kind === "threw") {
    const error = outcome.error as { name?: string; code?: string; message?: string };
    return `threw ${error?.name ?? typeof error}${error?.code ? ` (${error.code})` : ""}: ${String(error?.message).slice(0, 300)}`;
  }
  return JSON.stringify(outcome).slice(0, 300);
}

const STACK_FRAGMENTS = [/(^|\n)\s*at\s/, /\bat \S+ \(/, /\.tsx?:\d*/, /\.m?js:\d+/, /\bError:/, /node_modules/, /prisma/i, /postgres/i];

/** Every string in an error state is a human sentence, never a stack or a database error. */
function expectHumanMessages(value: unknown, sent: string) {
  const strings: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  for (const text of strings) {
    for (const fragment of STACK_FRAGMENTS) {
      if (fragment.test(text)) expect(fragment.test(sent), `stack-like message: ${text.slice(0, 300)}`).toBe(true);
    }
  }
}

/** An error state: returned (not thrown), not a success, with a non-empty message. */
function expectErrorState(outcome: Outcome, sent: unknown, messageKeys: string[] = ["message", "error"]) {
  expect(outcome.kind, describeOutcome(outcome)).toBe("returned");
  const value = (outcome as { value: unknown }).value as Record<string, unknown> | undefined;
  expect(value, "an action answered nothing").toBeTypeOf("object");
  expect(value!.ok, describeOutcome(outcome)).not.toBe(true);
  // A sentence under one of the message keys, or else at least one per-field message.
  const fieldMessages = Object.values((value!.fieldErrors ?? {}) as Record<string, unknown>).flat();
  const message = [...messageKeys.map((key) => value![key]), ...fieldMessages].find((m) => typeof m === "string" && m.trim() !== "");
  expect(message, `no message in ${describeOutcome(outcome)}`).toBeTypeOf("string");
  expectHumanMessages(value, textOf(sent));
}

function textOf(value: unknown): string {
  if (value instanceof FormData) return [...value.entries()].map(([k, v]) => `${k}\n${typeof v === "string" ? v : v.name}`).join("\n");
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

// ---------------------------------------------------------------------------------------
// Generated bad input

const hugeString = fc
  .tuple(fc.integer({ min: 1_000, max: 120_000 }), fc.constantFrom("a", "\u0000", "😀", " ", "\u202e", "-"))
  .map(([n, c]) => c.repeat(n));
const controlString = fc.string({
  unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 40,
});
const trickyString = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uFEFF",
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "NaN",
  "../../etc/passwd",
  "' OR 1=1 --",
  "%00",
  "2030-02-30T10:00:00Z",
  "2020-01-07T14:00:00.000Z",
  "9999-12-31T23:59:59.999Z",
  "<img src=x onerror=alert(1)>",
  "x".repeat(41),
  "x".repeat(65),
);
const anyString = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  controlString,
  trickyString,
  hugeString,
);

const pollutingObject = fc
  .constantFrom(
    () => JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
    () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
    () => Object.create(null) as unknown,
  )
  .map((make) => make());

/** What React can deliver as a server action argument, and then some. */
const anyArg: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    stringUnit: "binary",
  }),
  anyString,
  pollutingObject,
  fc.constantFrom(undefined, null, NaN, Infinity, -0, true, 1e308),
  fc.constant(new FormData()),
);

/** A generated file: random bytes (never a real image), an empty file, or an oversized one. */
const anyFile = fc.oneof(
  fc
    .tuple(
      fc.uint8Array({ maxLength: 2_000 }),
      fc.string({ maxLength: 30 }),
      fc.constantFrom("", "image/png", "image/jpeg", "text/plain", "application/x-msdownload"),
    )
    .filter(([bytes]) => sniffImageType(bytes) === null)
    .map(([bytes, name, type]) => new File([bytes], name || "file", { type })),
  fc.constant(new File([], "empty.png", { type: "image/png" })),
  fc.constant(new File([new Uint8Array(2 * 1024 * 1024 + 1)], "huge.jpg", { type: "image/jpeg" })),
  // PNG bytes in the first 7 only: a truncated signature.
  fc.constant(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a])], "short.png", { type: "image/png" })),
);

const formValue: fc.Arbitrary<string | File> = fc.oneof({ weight: 4, arbitrary: anyString }, { weight: 1, arbitrary: anyFile });

/** Values for id fields: anything, with extra weight on what a database refuses (NUL) or truncates. */
const idValue: fc.Arbitrary<string | File> = fc.oneof(
  formValue,
  controlString,
  fc.constantFrom("a\u0000b", "\u0000", "x".repeat(64), "id\uD800"),
);

/**
 * FormData with each of the action's own fields usually present (with its own generator, or
 * any value), sometimes repeated, plus junk fields such as "__proto__".
 */
function formData(fields: string[], overrides: Record<string, fc.Arbitrary<string | File>> = {}) {
  const own = fields.map((name) =>
    fc
      .option(fc.array(Object.hasOwn(overrides, name) ? overrides[name]! : formValue, { minLength: 1, maxLength: 2 }), { freq: 5 })
      .map((values) => (values ?? []).map((value) => [name, value] as const)),
  );
  const junkName = fc.oneof(fc.constantFrom("__proto__", "constructor", "$ACTION_ID_x", "$ACTION_REF_1"), fc.string({ maxLength: 12 }));
  const junk = fc.array(fc.tuple(junkName, formValue), { maxLength: 3 });
  return fc.tuple(fc.tuple(...own), junk).map(([ownEntries, junkEntries]) => {
    const data = new FormData();
    for (const [name, value] of [...ownEntries.flat(), ...junkEntries]) data.append(name, value);
    // A readable counterexample when a property fails.
    Object.defineProperty(data, fc.toStringMethod, {
      value: () =>
        `FormData ${textOf([...data.entries()].map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 200) : `File(${v.name}, ${v.size} bytes, ${v.type})`]))}`,
    });
    return data;
  });
}

/** Strings a schema happily accepts but that are hostile further down: NUL, control characters, lone surrogates. */
const hostileText = fc.oneof(
  controlString,
  fc.string({ unit: "binary", minLength: 1, maxLength: 60 }),
  fc.constantFrom("a\u0000b", "\u0000", "x\uD800y", "\u202eevil"),
);

// ---------------------------------------------------------------------------------------
// Fixtures

let seq = 0;
async function makeBooking(clientId: string | null, startsAt: Date, status: "CONFIRMED" | "HOLD" = "CONFIRMED") {
  seq += 1;
  const end = new Date(startsAt.getTime() + 20 * 60_000);
  return prisma.booking.create({
    data: {
      id: randomUUID(),
      icsUid: `${randomUUID()}@haven`,
      status,
      startsAt,
      endsAt: end,
      blockedUntil: new Date(end.getTime() + 10 * 60_000),
      holdExpiresAt: status === "HOLD" ? new Date(Date.now() + 15 * 60_000) : null,
      clientId,
      email: `fuzz-booking-${seq}@example.test`,
      firstNameEnc: "not-read-here",
      contactMethod: "EMAIL",
      consentAt: new Date(),
      clientTimeZone: "America/New_York",
    },
    select: { id: true },
  });
}

const DAY = 24 * 3600_000;
let ownBookingId = "";
let otherBookingId = "";
let articleId = "";
let draftIntakeId = "";
let submittedIntakeId = "";
const OTHER_CLIENT = { id: "fuzz-other-client", email: "fuzz-other@example.test" };
const THIRD_CLIENT = { id: "fuzz-third-client", email: "fuzz-third@example.test" };

const VALID_ARTICLE = {
  title: "Sleep",
  slug: "fuzz-sleep",
  summary: "Why sleep matters.",
  body: "## Rest\n\nYes.",
  tags: "Postpartum, Sleep",
};
const VALID_PROFILE: Record<string, string> = { ...PLACEHOLDER_SETTINGS, telehealthStates: "Virginia, Texas" };
const VALID_EPDS = { enabled: "on", confirmPermission: "on" };

async function resetClientIntake() {
  await prisma.intake.deleteMany({ where: { clientId: CLIENT.id } });
}

beforeAll(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Booking", "Intake" CASCADE');
  await prisma.article.deleteMany({ where: { slug: { startsWith: "fuzz-" } } });
  for (const user of [CLIENT, CLINICIAN, OTHER_CLIENT, THIRD_CLIENT]) {
    const role = user === CLINICIAN ? "CLINICIAN" : "CLIENT";
    await prisma.user.upsert({ where: { id: user.id }, create: { id: user.id, email: user.email, role }, update: {} });
  }
  await prisma.bookingSettings.upsert({ where: { id: 1 }, create: { id: 1, ...DEFAULT_BOOKING_SETTINGS }, update: {} });
  await prisma.practiceSettings.upsert({ where: { id: 1 }, create: { id: 1, ...PLACEHOLDER_SETTINGS }, update: {} });
  // Ten days ahead, at an hour the rules never offer: outside every cutoff, never a valid target.
  const base = new Date(Math.floor((Date.now() + 10 * DAY) / 3600_000) * 3600_000);
  ownBookingId = (await makeBooking(CLIENT.id, new Date(base.getTime() + 3 * 60_000))).id;
  otherBookingId = (await makeBooking(OTHER_CLIENT.id, new Date(base.getTime() + 2 * 3600_000 + 3 * 60_000))).id;
  const article = await prisma.article.create({ data: { ...VALID_ARTICLE, tags: ["postpartum"] } });
  articleId = article.id;
  draftIntakeId = (await prisma.intake.create({ data: { id: randomUUID(), clientId: OTHER_CLIENT.id } })).id;
  submittedIntakeId = (
    await prisma.intake.create({ data: { id: randomUUID(), clientId: THIRD_CLIENT.id, status: "SUBMITTED", submittedAt: new Date() } })
  ).id;
});

beforeEach(async () => {
  await prisma.$executeRawUnsafe("DELETE FROM rate_limit");
});

afterAll(async () => {
  await prisma.$executeRawUnsafe('TRUNCATE "OutboxEmail", "Booking", "Intake" CASCADE');
  await prisma.article.deleteMany({ where: { slug: { startsWith: "fuzz-" } } });
  await prisma.user.deleteMany({ where: { id: { in: [CLIENT.id, CLINICIAN.id, OTHER_CLIENT.id, THIRD_CLIENT.id] } } });
  await prisma.$disconnect();
});

/** Runs one generated case: fingerprint, act, judge, fingerprint again. */
async function refused(action: () => Promise<unknown>, sent: unknown, options: { deniedAudit?: boolean; messageKeys?: string[] } = {}) {
  const before = await state();
  const outcome = await run(action);
  expectErrorState(outcome, sent, options.messageKeys);
  await expectUnchanged(before, options);
  return outcome;
}

/** Runs a property; `examples` are always tried first (known hostile cases, so a regression is never left to chance). */
const property = <T>(arb: fc.Arbitrary<T>, check: (value: T) => Promise<void>, numRuns = RUNS, examples: T[] = []) =>
  fc.assert(fc.asyncProperty(arb, check), { numRuns, examples: examples.map((example) => [example] as [T]) });

/** A FormData with exactly these fields. */
function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  Object.defineProperty(data, fc.toStringMethod, { value: () => `FormData ${textOf(fields)}`, configurable: true });
  return data;
}

/**
 * A valid form with one field broken (removed, repeated, or replaced with any value or a
 * file), kept only when the action's own parse refuses it.
 */
function brokenForm(valid: Record<string, string>, refuses: (data: FormData) => boolean) {
  return fc
    .tuple(fc.constantFrom(...Object.keys(valid), "__proto__"), fc.option(formValue, { freq: 4 }), fc.boolean())
    .map(([name, value, repeat]) => {
      const data = form(valid);
      if (value === null) data.delete(name);
      else if (repeat) data.append(name, value);
      else data.set(name, value);
      Object.defineProperty(data, fc.toStringMethod, {
        value: () =>
          `FormData ${textOf([...data.entries()].map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 200) : `File(${v.size})`]))}`,
      });
      return data;
    })
    .filter(refuses);
}

/** Refused by a schema that parses the form's plain values. */
const refusedBy =
  (schema: { safeParse(input: unknown): { success: boolean } }, input: (values: ReturnType<typeof formValues>) => unknown = (v) => v) =>
  (data: FormData) =>
    !schema.safeParse(input(formValues(data))).success;

/** What a crafted call could pass instead of the form React sends. */
const notAForm = anyArg.filter((value) => !(value instanceof FormData));

// ---------------------------------------------------------------------------------------

describe("controls: valid input still works, so these properties can fail", () => {
  test("a valid article is created; a valid draft is saved", async () => {
    const created = await run(() => articleActions.saveArticleAction(null, form({ ...VALID_ARTICLE, slug: "fuzz-control" })));
    expect(created).toMatchObject({ kind: "redirect", url: expect.stringMatching(/^\/dashboard\/articles\/[\w-]+\?created=draft$/) });
    expect(await prisma.article.count({ where: { slug: "fuzz-control" } })).toBe(1);
    await resetClientIntake();
    const saved = await intakeActions.saveIntakeDraftAction("about-you", { legalName: "Jo" });
    expect(saved).toMatchObject({ ok: true });
    expect((await prisma.intake.findUniqueOrThrow({ where: { clientId: CLIENT.id } })).draftEnc).not.toBeNull();
    await resetClientIntake();
    await prisma.article.deleteMany({ where: { slug: "fuzz-control" } });
  });

  test("the fingerprint notices a change", async () => {
    const before = await state();
    await prisma.article.update({ where: { id: articleId }, data: { summary: "Changed." } });
    expect(await state()).not.toEqual(before);
    await prisma.article.update({ where: { id: articleId }, data: { summary: VALID_ARTICLE.summary } });
  });
});

describe("lib/actions/articles.ts (clinician)", () => {
  const NEW = { ...VALID_ARTICLE, intent: "save" };
  const refuses = refusedBy(articleFormSchema, articleFormInput);

  test("saveArticleAction: an invalid form, new or existing article, any button → field errors, nothing stored", async () => {
    const valid = fc.constantFrom(
      NEW,
      { ...NEW, intent: "publish" },
      { ...NEW, id: articleId },
      { ...NEW, id: articleId, intent: "publish" },
    );
    await property(
      fc.oneof(
        valid.chain((v) => brokenForm(v, refuses)),
        notAForm,
      ),
      async (data) => {
        const outcome = await refused(() => articleActions.saveArticleAction(null, data as FormData), data);
        expect((outcome as { value: { fieldErrors?: unknown } }).value.fieldErrors).toBeTypeOf("object");
      },
    );
  });

  test("saveArticleAction: text the schema accepts but that is hostile (NUL, control characters, lone surrogates)", async () => {
    let n = 0;
    const input = fc
      .tuple(fc.constantFrom("title", "summary", "body", "tags"), hostileText)
      .map(([field, text]) =>
        form({ ...VALID_ARTICLE, slug: `fuzz-hostile-${++n}`, [field]: `${VALID_ARTICLE[field as keyof typeof VALID_ARTICLE]} ${text}` }),
      )
      .filter((data) => !refuses(data));
    await property(input, async (data) => {
      const before = await state();
      const outcome = await run(() => articleActions.saveArticleAction(null, data));
      if (outcome.kind === "redirect") return; // a legitimate save moves to the new article's page
      expectErrorState(outcome, data);
      await expectUnchanged(before);
    });
    await prisma.article.deleteMany({ where: { slug: { startsWith: "fuzz-hostile-" } } });
  });

  test("saveArticleAction: an id that names no article, with any button → error, nothing changed", async () => {
    const data = fc
      .tuple(idValue, fc.constantFrom("save", "publish", "unpublish"))
      .filter(([id]) => id !== articleId)
      .map(([id, intent]) => {
        const data = form({ ...VALID_ARTICLE, intent });
        data.set("id", id);
        return data;
      });
    await property(data, async (data) => {
      await refused(() => articleActions.saveArticleAction(null, data), data);
    });
  });

  test("previewMarkdownAction: anything → HTML or an error, never an exception or a write", async () => {
    await property(fc.oneof(anyArg, anyString, fc.string({ unit: "binary", maxLength: 2_000 })), async (markdown) => {
      const before = await state();
      const outcome = await run(() => articleActions.previewMarkdownAction(markdown));
      expect(outcome.kind, describeOutcome(outcome)).toBe("returned");
      const value = (outcome as { value: { ok: boolean; data?: { html?: unknown } } }).value;
      if (value.ok) expect(value.data?.html).toBeTypeOf("string");
      else expectErrorState(outcome, markdown);
      await expectUnchanged(before);
    });
  });
});

describe("lib/actions/auth.ts", () => {
  test("requestSignInLinkAction / clinicianSignInAction: a form their schemas refuse → error, nothing sent or stored", async () => {
    const link = fc.oneof(brokenForm({ email: "someone@example.test", callbackUrl: "/portal" }, refusedBy(emailSignInSchema)), notAForm);
    const clinician = fc.oneof(
      brokenForm({ email: CLINICIAN.email, password: "a long enough passphrase", code: "123456" }, refusedBy(clinicianSignInSchema)),
      notAForm,
    );
    await property(
      fc.oneof(
        link.map((d) => ["link", d] as const),
        clinician.map((d) => ["clinician", d] as const),
      ),
      async ([which, data]) => {
        const action = which === "link" ? authActions.requestSignInLinkAction : authActions.clinicianSignInAction;
        const outcome = await refused(() => action(null, data as FormData), data);
        // A password or code is never sent back into the page.
        const values = (outcome as { value: { values: Record<string, unknown> } }).value.values;
        expect(Object.keys(values)).not.toEqual(expect.arrayContaining(["password"]));
        expect(Object.keys(values)).not.toEqual(expect.arrayContaining(["code"]));
      },
    );
  });
});

describe("lib/actions/booking.ts (client)", () => {
  test("requestBookingAction: bad booking requests → error with what was typed, nothing held or emailed", async () => {
    const data = formData(["slotStart", "firstName", "email", "phone", "contactMethod", "note", "consent", "timeZone"], {
      slotStart: fc.oneof(formValue, fc.constantFrom("2020-01-07T14:00:00.000Z", "2999-01-05T14:00:00.000Z")),
      firstName: formValue,
      email: fc.oneof(formValue, fc.constant("a@b")),
      phone: formValue,
      contactMethod: fc.oneof(formValue, fc.constantFrom("EMAIL", "TEXT")),
      note: formValue,
      consent: fc.oneof(formValue, fc.constant("on")),
      timeZone: fc.oneof(formValue, fc.constant("Mars/Base")),
    });
    await property(
      data,
      async (fd) => {
        await prisma.$executeRawUnsafe("DELETE FROM rate_limit");
        const outcome = await refused(() => bookingActions.requestBookingAction(null, fd), fd);
        // What was typed comes back, so a form posted without JavaScript shows it again.
        expect((outcome as { value: { values?: unknown } }).value.values).toBeTypeOf("object");
      },
      RUNS,
      [
        form({
          slotStart: "2020-01-07T14:00:00.000Z",
          firstName: "Jo\u0000",
          email: "jo@example.test",
          contactMethod: "EMAIL",
          consent: "on",
          timeZone: "UTC",
        }),
      ],
    );
  });

  test("rescheduleAction: bad booking id or time → error, no booking changed", async () => {
    const data = formData(["bookingId", "slotStart"], {
      bookingId: fc.oneof(fc.constantFrom(ownBookingId, otherBookingId), idValue),
      slotStart: fc.oneof(
        formValue,
        // Well-formed, but past, off the minute grid, or beyond the horizon.
        fc.constantFrom("2020-01-07T14:00:00.000Z", new Date(Date.now() + 3 * DAY + 17_000).toISOString(), "2999-01-05T14:00:00.000Z"),
      ),
    });
    await property(
      data,
      async (fd) => {
        await refused(() => bookingActions.rescheduleAction(null, fd), fd);
      },
      RUNS,
      [form({ bookingId: "a\u0000b", slotStart: "2020-01-07T14:00:00.000Z" })],
    );
  });

  test("cancelAction: an id that is not one of hers → error, nothing cancelled", async () => {
    const data = formData(["bookingId"], { bookingId: fc.oneof(fc.constant(otherBookingId), idValue) });
    await property(
      data,
      async (fd) => {
        fc.pre(fd.get("bookingId") !== ownBookingId);
        await refused(() => bookingActions.cancelAction(null, fd), fd);
      },
      RUNS,
      [form({ bookingId: "\u0000" })],
    );
  });
});

describe("lib/actions/bookings.ts (clinician)", () => {
  test("clinicianBookingAction: bad id or action → error; at most a 'denied' audit entry", async () => {
    const data = formData(["bookingId", "action"], {
      bookingId: idValue,
      action: fc.oneof(fc.constantFrom("cancel", "COMPLETED", "NO_SHOW", "CANCEL", "completed", "delete"), formValue),
    });
    await property(
      data,
      async (fd) => {
        await refused(() => clinicianBookingAction(null, fd), fd, { deniedAudit: true });
      },
      RUNS,
      [form({ bookingId: "\u0000", action: "cancel" }), form({ bookingId: "a\u0000b", action: "COMPLETED" })],
    );
  });
});

describe("lib/actions/clinician-setup.ts (public)", () => {
  test("completeSetupAction: any form → error, no credential or session changed", async () => {
    const data = formData(["token", "password", "confirm", "code"], {
      token: idValue,
      code: fc.oneof(fc.constantFrom("123456", "000000", " 123456 "), formValue),
      password: fc.oneof(fc.constant("a long enough passphrase"), formValue),
      confirm: fc.oneof(fc.constant("a long enough passphrase"), formValue),
    });
    await property(data, async (fd) => {
      await refused(() => completeSetupAction(null, fd), fd);
    });
  });
});

describe("lib/actions/intake.ts (client)", () => {
  test("saveIntakeDraftAction: a step or answers the draft schema refuses → error, no answers stored", async () => {
    const steps = fc.oneof(fc.constantFrom("about-you", "screening", "consent", "review"), anyArg);
    const values = fc.oneof(
      anyArg,
      fc.dictionary(fc.string({ maxLength: 50 }), anyArg, { maxKeys: 6 }),
      fc.constant(Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`field${i}`, "x"]))),
      fc.constant({ legalName: "x".repeat(5_001) }),
      fc.constant({ nested: { deep: true } }),
      fc.constant({ list: Array.from({ length: 21 }, () => 1) }),
      fc.constant({ score: Infinity }),
    );
    await property(fc.tuple(steps, values), async ([step, answers]) => {
      fc.pre(!draftSchema.safeParse({ step, values: answers }).success || step === "review");
      await resetClientIntake();
      const before = await state();
      const outcome = await run(() => intakeActions.saveIntakeDraftAction(step as string, answers));
      expectErrorState(outcome, [step, answers]);
      // getOrCreate may create an empty intake; it must hold no answers.
      const row = await prisma.intake.findUnique({ where: { clientId: CLIENT.id } });
      expect(row?.draftEnc ?? null).toBeNull();
      expect(row?.draftVersion ?? 0).toBe(0);
      if (!row) await expectUnchanged(before);
    });
    await resetClientIntake();
  });

  test("saveIntakeStepAction: any posted form → a step page or a message, never an error; anything but a form changes nothing", async () => {
    const stepNames = ["about-you", "pregnancy-and-postpartum", "what-brings-you", "history", "screening", "consent", "review"];
    const data = formData(
      ["step", "intent", "legalName", "phone", "dateOfBirth", "state", "concerns", "consentTherapy", "phq9.8", "epds.9"],
      {
        step: fc.oneof(fc.constantFrom(...stepNames), formValue),
        intent: fc.oneof(fc.constantFrom("continue", "back"), formValue),
      },
    );
    await property(data, async (fd) => {
      await resetClientIntake();
      const outcome = await run(() => intakeActions.saveIntakeStepAction(null, fd));
      if (outcome.kind === "redirect") expect(outcome.url).toMatch(/^\/portal\/intake(\/[a-z-]+)?$/);
      else expectErrorState(outcome, fd);
    });
    for (const arg of [undefined, null, "about-you", { step: "about-you", legalName: "Jo" }, new Map()]) {
      await resetClientIntake();
      const before = await state();
      const outcome = await run(() => (intakeActions.saveIntakeStepAction as (...a: unknown[]) => Promise<unknown>)(null, arg));
      expectErrorState(outcome, arg);
      await expectUnchanged(before);
    }
    await resetClientIntake();
  });

  test("submitIntakeAction: an incomplete or garbled draft → the list of issues, nothing submitted or sent", async () => {
    const stepNames = ["about-you", "pregnancy-and-postpartum", "what-brings-you", "history", "screening", "consent"] as const;
    const draftValue = fc.oneof(
      fc.string({ maxLength: 40 }),
      hostileText,
      fc.boolean(),
      fc.integer({ min: -5, max: 10 }),
      fc.constant(null),
      fc.array(fc.oneof(fc.integer({ min: -1, max: 4 }), fc.constant(null), fc.string({ maxLength: 5 })), { maxLength: 12 }),
    );
    const draft = fc.dictionary(fc.constantFrom(...stepNames), fc.dictionary(fc.string({ maxLength: 20 }), draftValue, { maxKeys: 10 }), {
      maxKeys: 6,
    });
    await property(fc.tuple(draft, fc.array(anyArg, { maxLength: 2 })), async ([answers, args]) => {
      await resetClientIntake();
      for (const [step, values] of Object.entries(answers)) {
        const saved = await intakeService.saveDraft(CLIENT.id, step as (typeof stepNames)[number], values);
        expect(saved.ok).toBe(true);
      }
      const before = await state();
      const outcome = await run(() => (intakeActions.submitIntakeAction as (...a: unknown[]) => Promise<unknown>)(...args));
      expectErrorState(outcome, answers);
      // Each step that still needs answers, under its name.
      const value = (outcome as { value: { fieldErrors?: Record<string, string> } }).value;
      expect(Object.keys(value.fieldErrors ?? {}).length).toBeGreaterThan(0);
      await expectUnchanged(before);
    });
    await resetClientIntake();
  });
});

describe("lib/actions/intakes.ts (clinician)", () => {
  test("markReviewedAction: a bad id or note → error; at most a 'denied' audit entry", async () => {
    const data = formData(["intakeId", "note"], {
      intakeId: fc.oneof(fc.constantFrom(draftIntakeId, submittedIntakeId), idValue),
      note: fc.oneof(formValue, hugeString),
    });
    await property(
      data,
      async (fd) => {
        // The action's own parse of the posted form (files in a text field are not text).
        const validNote = reviewNoteSchema.safeParse(formValues(fd)).success;
        // Reviewing the submitted intake with a valid note is a legitimate write.
        fc.pre(!validNote || fd.getAll("intakeId").join() !== submittedIntakeId);
        await refused(() => markReviewedAction(null, fd), fd, { deniedAudit: true });
      },
      RUNS,
      [form({ intakeId: "a\u0000b", note: "" })],
    );
  });

  test("markUrgentFollowedUpAction: any form on a non-urgent intake → error; at most a 'denied' audit entry", async () => {
    // Neither fixture intake is urgent, so every call is refused.
    const data = formData(["intakeId", "note"], {
      intakeId: fc.oneof(fc.constantFrom(draftIntakeId, submittedIntakeId), idValue),
      note: fc.oneof(formValue, hugeString),
    });
    await property(
      data,
      async (fd) => {
        await refused(() => markUrgentFollowedUpAction(null, fd), fd, { deniedAudit: true });
      },
      RUNS,
      [form({ intakeId: "a\u0000b", note: "" }), form({ intakeId: draftIntakeId, note: "" })],
    );
  });

  test("markReviewedAction / markUrgentFollowedUpAction: an argument that is not a form → a clear refusal, not an exception", async () => {
    await property(
      fc.tuple(notAForm, fc.boolean()),
      async ([arg, followUp]) => {
        const action = followUp ? markUrgentFollowedUpAction : markReviewedAction;
        await refused(() => action(null, arg as FormData), arg);
      },
      RUNS,
      [
        [{ intakeId: submittedIntakeId, note: "" }, false],
        ["intakeId=x", true],
      ],
    );
  });
});

describe("lib/actions/intake.ts: sharing a note", () => {
  test("releaseNoteAction: any form, or no form, on intakes without a note → a clear refusal; at most a 'denied' audit entry", async () => {
    // No fixture intake has a note (the review test above never writes one), so every call is refused.
    const data = formData(["intakeId", "note", "intent"], {
      intakeId: fc.oneof(fc.constantFrom(draftIntakeId, submittedIntakeId), idValue),
      note: fc.oneof(fc.constantFrom("review", "follow-up"), formValue),
      intent: fc.oneof(fc.constantFrom("share", "withdraw"), formValue),
    });
    await property(
      data,
      async (fd) => {
        await refused(() => releaseNoteAction(null, fd), fd, { deniedAudit: true });
      },
      RUNS,
      [
        form({ intakeId: submittedIntakeId, note: "review", intent: "share" }),
        form({ intakeId: "a\u0000b", note: "review", intent: "share" }),
      ],
    );
    await property(
      notAForm,
      async (arg) => {
        await refused(() => releaseNoteAction(null, arg as FormData), arg);
      },
      RUNS,
    );
  });
});

describe("lib/actions/records.ts (clinician)", () => {
  test("retryEmailAction: any form → the 'invalid' or 'unchanged' redirect, nothing retried", async () => {
    await property(formData(["id"], { id: idValue }), async (fd) => {
      const before = await state();
      const outcome = await run(() => retryEmailAction(fd));
      expect(outcome.kind, describeOutcome(outcome)).toBe("redirect");
      expect(["/dashboard/emails?status=invalid", "/dashboard/emails?status=unchanged"]).toContain((outcome as { url: string }).url);
      await expectUnchanged(before);
    });
  });
});

describe("lib/actions/settings.ts (clinician)", () => {
  test("saveAvailabilityAction: a garbled availability form → field errors, nothing stored", async () => {
    const fields = [
      "timeZone",
      "slotMinutes",
      "bufferMinutes",
      "minNoticeHours",
      "horizonDays",
      "cancelCutoffHours",
      "hours.2.0.start",
      "hours.2.0.end",
      "off.0.from",
      "off.0.to",
    ];
    await property(
      formData(fields, {
        slotMinutes: fc.oneof(formValue, fc.constantFrom("0", "-1", "1e9", "20.5")),
        "off.0.from": fc.oneof(formValue, fc.constant("2030-02-30")),
      }),
      async (fd) => {
        await refused(() => settingsActions.saveAvailabilityAction(null, fd), fd);
      },
    );
  });

  test("the clinician's booking actions: garbled forms → an error state, nothing changed, nobody emailed", async () => {
    const cases = [
      [bookingActions.setBookingConsultationAction, ["bookingId", "consultationMode", "videoUrl"]],
      [bookingActions.bookForClientAction, ["slotStart", "firstName", "email", "phone", "contactMethod", "note", "timeZone"]],
      [bookingActions.moveBookingAction, ["bookingId", "slotStart", "message"]],
      [bookingActions.cancelBookingByClinicianAction, ["bookingId", "confirm", "reason", "message"]],
      [
        bookingActions.saveConsultationSettingsAction,
        ["consultationMode", "videoRoomUrl", "firstReminder", "secondReminder", "quietStart", "quietEnd"],
      ],
    ] as const;
    for (const [action, fields] of cases) {
      await property(
        formData([...fields], {
          bookingId: idValue,
          videoUrl: fc.oneof(formValue, fc.constant("javascript:alert(1)")),
          videoRoomUrl: fc.oneof(formValue, fc.constant("http://not-https.example")),
        }),
        async (fd) => {
          await refused(() => action(null, fd), fd, { deniedAudit: true });
        },
        20,
      );
    }
  });

  test("saveProfileAction: an invalid profile form → field errors, nothing stored", async () => {
    await property(fc.oneof(brokenForm(VALID_PROFILE, refusedBy(profileSchema)), notAForm), async (data) => {
      await refused(() => settingsActions.saveProfileAction(null, data as FormData), data);
    });
  });

  test("saveProfileAction: text the schema accepts but that is hostile (NUL, control characters, lone surrogates)", async () => {
    const fields = [
      "practiceName",
      "clinicianName",
      "credentials",
      "tagline",
      "bio",
      "location",
      "telehealthStates",
      "contactPhone",
      "sessionFee",
      "consultationFee",
      "feeNotes",
    ];
    const input = fc
      .tuple(fc.constantFrom(...fields), hostileText)
      .map(([field, text]) => form({ ...VALID_PROFILE, [field]: `${VALID_PROFILE[field as keyof typeof VALID_PROFILE]}${text}` }))
      .filter((data) => !refusedBy(profileSchema)(data));
    const original = await prisma.practiceSettings.findUniqueOrThrow({ where: { id: 1 } });
    try {
      await property(
        input,
        async (data) => {
          const before = await state();
          const outcome = await run(() => settingsActions.saveProfileAction(null, data));
          expect(outcome.kind, describeOutcome(outcome)).toBe("returned");
          if ((outcome as { value: { ok: boolean } }).value.ok) return; // a legitimate save
          expectErrorState(outcome, data);
          await expectUnchanged(before);
        },
        RUNS,
        [form({ ...VALID_PROFILE, practiceName: "Haven\u0000" })],
      );
    } finally {
      const restore: Partial<typeof original> = { ...original };
      delete restore.id;
      delete restore.updatedAt;
      await prisma.practiceSettings.update({ where: { id: 1 }, data: restore });
    }
  });

  test("savePhotoAction: no file, a non-image, an empty or an oversized file → error, nothing stored", async () => {
    const data = formData(["photo", "intent"], {
      photo: fc.oneof(anyFile, anyString),
      intent: fc.oneof(fc.constantFrom("upload", ""), anyString),
    });
    await property(
      fc.oneof(
        data.filter((d) => d.get("intent") !== "remove"),
        notAForm,
      ),
      async (fd) => {
        await refused(() => settingsActions.savePhotoAction(null, fd as FormData), fd);
      },
    );
  });

  test("savePhotoAction: 'Remove photo', whatever else is posted with it, answers without an exception", async () => {
    await property(
      formData(["photo"]).map((fd) => (fd.set("intent", "remove"), fd)),
      async (fd) => {
        const outcome = await run(() => settingsActions.savePhotoAction(null, fd));
        expect(outcome, describeOutcome(outcome)).toEqual({ kind: "returned", value: { ok: true, message: "Photo removed." } });
      },
      10,
    );
  });

  test("saveEpdsAction: turning it on without the confirmation, or anything that is not a form → error, nothing stored or audited", async () => {
    await property(fc.oneof(brokenForm(VALID_EPDS, refusedBy(epdsSchema)), notAForm), async (data) => {
      await refused(() => settingsActions.saveEpdsAction(null, data as FormData), data);
    });
  });
});
