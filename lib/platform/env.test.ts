import { describe, expect, test } from "vitest";
import { DEV_ENCRYPTION_KEYS, parseEnv } from "@/lib/platform/env";

const DB = "postgresql://u:p@localhost:5432/haven";
const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: DB,
  SITE_URL: "https://practice.example",
  NEXTAUTH_SECRET: "a-real-secret-that-is-long-enough-123456",
  ENCRYPTION_KEYS: "k1:cmVhbC1rZXktcmVhbC1rZXktcmVhbC1rZXktcmVhbCE=",
  SMTP_URL: "smtps://user:pass@smtp.example:465",
  MAIL_FROM: "Practice <hello@practice.example>",
  CLINICIAN_NOTIFY_EMAIL: "dr@practice.example",
};

describe("parseEnv", () => {
  test("development runs with safe defaults", () => {
    const env = parseEnv({ NODE_ENV: "development", DATABASE_URL: DB });
    expect(env.SITE_URL).toBe("http://localhost:3000");
    expect(env.ENCRYPTION_KEYS).toBe(DEV_ENCRYPTION_KEYS);
    expect(env.OUTBOX_WORKER).toBe("inline");
  });

  test("production with every variable set starts", () => {
    expect(parseEnv(PRODUCTION).CLINICIAN_NOTIFY_EMAIL).toBe("dr@practice.example");
  });

  test("production refuses to start without its secrets and names each missing one", () => {
    const missing = { NODE_ENV: "production", DATABASE_URL: DB };
    expect(() => parseEnv(missing)).toThrow(
      /SITE_URL[\s\S]*NEXTAUTH_SECRET[\s\S]*ENCRYPTION_KEYS[\s\S]*SMTP_URL[\s\S]*MAIL_FROM[\s\S]*CLINICIAN_NOTIFY_EMAIL/,
    );
  });

  test("production refuses the development defaults", () => {
    expect(() => parseEnv({ ...PRODUCTION, ENCRYPTION_KEYS: DEV_ENCRYPTION_KEYS })).toThrow(/ENCRYPTION_KEYS: is the development default/);
    expect(() => parseEnv({ ...PRODUCTION, NEXTAUTH_SECRET: "haven-development-secret-do-not-use-in-production" })).toThrow(
      /NEXTAUTH_SECRET/,
    );
  });

  test("a malformed value gets a specific message", () => {
    expect(() => parseEnv({ ...PRODUCTION, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must be a postgresql:\/\/ connection URL/);
    expect(() => parseEnv({ ...PRODUCTION, SMTP_URL: "http://x" })).toThrow(/SMTP_URL: must be an smtp/);
  });

  test("a production build needs the database and site URL but not the secrets", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build", DATABASE_URL: DB, SITE_URL: "https://x.example" }),
    ).not.toThrow();
  });
});
