import { describe, expect, test } from "vitest";
import { isDatabaseUnavailable, isExclusionViolation, isUniqueViolation } from "@/lib/platform/db-errors";

describe("isDatabaseUnavailable", () => {
  test("recognises an unreachable or restarting database in its different shapes", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("Can't reach database server"), { code: "P1001" }))).toBe(true);
    // Prisma wraps the driver adapter's error: found through the cause chain.
    expect(isDatabaseUnavailable(new Error("query failed", { cause: { kind: "DatabaseNotReachable" } }))).toBe(true);
  });

  test("leaves other failures alone", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});

describe("constraint violations", () => {
  test("are found however deep Prisma wraps them", () => {
    const wrapped = new Error("insert failed", {
      cause: { driverAdapterError: { code: "23P01", message: 'violates exclusion constraint "Booking_no_overlap"' } },
    });
    expect(isExclusionViolation(wrapped, "Booking_no_overlap")).toBe(true);
    expect(isUniqueViolation(wrapped)).toBe(false);
    expect(isUniqueViolation(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(true);
    expect(isUniqueViolation({ meta: { originalCode: "23505" } })).toBe(true);
    expect(isExclusionViolation(new Error("other"), "Booking_no_overlap")).toBe(false);
  });
});
