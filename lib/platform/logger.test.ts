import { afterEach, describe, expect, test, vi } from "vitest";
import {
  childLogger,
  createLogger,
  logger,
  logPath,
  requestId,
  routeConsoleToLogger,
  safeLogText,
  setLogDestination,
} from "@/lib/platform/logger";

function capture() {
  const lines: string[] = [];
  const destination = { write: (line: string) => void lines.push(line) };
  return { lines, destination, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

afterEach(() => {
  vi.unstubAllEnvs();
  setLogDestination();
});

describe("redaction", () => {
  test("sensitive keys are censored at the top level and in nested objects and arrays", () => {
    const out = capture();
    const log = createLogger({ destination: out.destination });
    log.info({
      event: "test.nested",
      bookingId: "bk_123",
      password: "pw-top",
      client: { email: "ann@example.org", phone: "+1 555 0100", firstName: "Ann", count: 2 },
      request: { headers: { cookie: "session=abc" }, body: { note: "note-text" } },
      deep: { a: { b: { c: { token: "tok-deep", answers: { phq9: [3] } } } } },
      list: [{ name: "Ann Smith", code: "123456" }],
    });
    const text = out.lines.join("");
    for (const secret of [
      "pw-top",
      "ann@example.org",
      "+1 555 0100",
      '"Ann"',
      "session=abc",
      "note-text",
      "tok-deep",
      "phq9",
      "Ann Smith",
      "123456",
    ]) {
      expect(text).not.toContain(secret);
    }
    const [line] = out.parsed();
    // Ids, counts and event names survive.
    expect(line).toMatchObject({ event: "test.nested", bookingId: "bk_123", client: { count: 2, email: "[Redacted]" }, level: "info" });
    expect(line?.request).toEqual({ headers: "[Redacted]", body: "[Redacted]" });
  });

  test("child bindings are redacted too", () => {
    const out = capture();
    const log = createLogger({ destination: out.destination }).child({ requestId: "req-12345678", email: "bob@example.org" });
    log.warn({ event: "test.child" }, "child line");
    expect(out.lines.join("")).not.toContain("bob@example.org");
    expect(out.parsed()[0]).toMatchObject({ requestId: "req-12345678", event: "test.child", level: "warn" });
  });

  test("the app logger and childLogger write to the test destination when one is set", () => {
    const out = capture();
    setLogDestination(out.destination);
    logger.error({ event: "test.app", secret: "s3cr3t" }, "app line");
    childLogger({ bookingId: "bk_9" }).error({ event: "test.app.child" }, "child line");
    expect(out.parsed().map((l) => l.event)).toEqual(["test.app", "test.app.child"]);
    expect(out.lines.join("")).not.toContain("s3cr3t");
  });
});

describe("errors", () => {
  function errorWithCode() {
    return Object.assign(new Error("connection refused"), { code: "ECONNREFUSED", response: "550 <ann@example.org> rejected" });
  }

  test("in production only the name, message and code are kept: no stack, no other fields", () => {
    vi.stubEnv("NODE_ENV", "production");
    const out = capture();
    createLogger({ destination: out.destination }).error({ event: "test.err", err: errorWithCode() }, "failed");
    const [line] = out.parsed();
    expect(line?.err).toEqual({ name: "Error", message: "connection refused", code: "ECONNREFUSED" });
    expect(out.lines.join("")).not.toMatch(/at .*logger\.test\.ts|stack|ann@example\.org/);
  });

  test("an error logged directly is serialized the same way", () => {
    vi.stubEnv("NODE_ENV", "production");
    const out = capture();
    createLogger({ destination: out.destination }).error(errorWithCode());
    expect(out.parsed()[0]?.err).toEqual({ name: "Error", message: "connection refused", code: "ECONNREFUSED" });
  });

  test("in development the stack is kept", () => {
    vi.stubEnv("NODE_ENV", "development");
    const out = capture();
    createLogger({ destination: out.destination }).error({ err: errorWithCode() });
    expect(out.parsed()[0]?.err).toMatchObject({ name: "Error", code: "ECONNREFUSED", stack: expect.stringContaining("logger.test.ts") });
  });
});

describe("requestId", () => {
  const headers = (value?: string) => new Headers(value === undefined ? {} : { "x-request-id": value });
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  test.each(["abcd1234", "0f8fad5b-d9cb-469f-a165-70867728950e", "REQ-2030-01-07-XYZ", "a".repeat(64)])("keeps the safe id %s", (id) => {
    expect(requestId(headers(id))).toBe(id);
  });

  test.each([
    ["missing", undefined],
    ["too short", "abc123"],
    ["too long", "a".repeat(65)],
    ["spaces", "abcd 1234"],
    ["JSON injection", 'abcd1234","level":"fatal'],
    ["a tab", "abcd1234\tforged"],
    ["non-ASCII", "abcd\u00e91234"],
    ["an email address", "ann@example.org-1234"],
    ["two values", "abcd1234, efgh5678"],
  ])("replaces an unsafe id (%s) with a new UUID", (_label, id) => {
    const result = requestId(headers(id));
    expect(result).toMatch(UUID);
    expect(result).not.toBe(id);
  });

  test("each new id is different", () => {
    expect(requestId(headers())).not.toBe(requestId(headers()));
  });
});

describe("paths and library output", () => {
  test("a logged path never carries its query string", () => {
    expect(logPath("/signin?email=ann%40example.org&password=hunter2")).toBe("/signin");
    expect(logPath("http://localhost:3000/api/auth/callback/email?token=abc#x")).toBe("/api/auth/callback/email");
    expect(logPath("/portal/confirm?booking=bk_1")).toBe("/portal/confirm");
    expect(safeLogText("Request body exceeded 10MB for /portal/intake/about-you?note=secret. More\nsecond line")).toBe(
      "Request body exceeded 10MB for /portal/intake/about-you?[query removed] More",
    );
  });

  /* eslint-disable no-console -- the console is what this test replaces and calls */
  test("Found: in production a library's error printed to the console is one JSON line: no stack, no database message", () => {
    vi.stubEnv("NODE_ENV", "production");
    const out = capture();
    setLogDestination(out.destination);
    const original = { error: console.error, warn: console.warn };
    try {
      routeConsoleToLogger();
      const prisma = Object.assign(new Error("Invalid `prisma.user.findUnique()` invocation: ann@example.org"), {
        name: "PrismaClientKnownRequestError",
        code: "P2039",
        digest: "1054955199",
      });
      console.error(prisma);
      console.error(
        "⨯",
        Object.assign(new Error("Body exceeded 3mb limit.\nTo configure it, see https://nextjs.org/docs"), { statusCode: 413 }),
      );
      console.warn("Failed to find Server Action for /dashboard/profile?email=ann%40example.org");
    } finally {
      console.error = original.error;
      console.warn = original.warn;
    }
    const text = out.lines.join("");
    expect(out.lines).toHaveLength(3);
    expect(text).not.toMatch(/\\n\s+at |logger\.test\.ts/);
    expect(text).not.toContain("ann@example.org");
    expect(text).not.toContain("ann%40example.org");
    const [prismaLine, bodyLine, warnLine] = out.parsed();
    expect(prismaLine).toMatchObject({
      level: "error",
      event: "library.error",
      errorName: "PrismaClientKnownRequestError",
      errorCode: "P2039",
      digest: "1054955199",
    });
    expect(prismaLine).not.toHaveProperty("detail");
    expect(bodyLine).toMatchObject({ event: "library.error", statusCode: 413, detail: "Body exceeded 3mb limit." });
    expect(warnLine).toMatchObject({
      level: "warn",
      event: "library.warn",
      msg: "Failed to find Server Action for /dashboard/profile?[query removed]",
    });
    /* eslint-enable no-console */
  });
});
