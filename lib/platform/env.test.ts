import { describe, expect, test } from "vitest";
import { DEV_ENCRYPTION_KEYS, parseEnv, smtpSecurity } from "@/lib/platform/env";

const DB = "postgresql://u:p@localhost:5432/haven";
const REAL_KEY = "cmVhbC1rZXktcmVhbC1rZXktcmVhbC1rZXktcmVhbCE=";
const OLD_KEY = "b2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleSE=";
const DEV_KEY = DEV_ENCRYPTION_KEYS.split(":")[1]!;
const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: DB,
  SITE_URL: "https://practice.example",
  NEXTAUTH_SECRET: "a-real-secret-that-is-long-enough-123456",
  ENCRYPTION_KEYS: `k1:${REAL_KEY}`,
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
    expect(smtpSecurity(env.SMTP_URL)).toBe("plain");
  });

  test("production with every variable set starts", () => {
    expect(parseEnv(PRODUCTION).CLINICIAN_NOTIFY_EMAIL).toBe("dr@practice.example");
    expect(parseEnv({ ...PRODUCTION, ENCRYPTION_KEYS: `k2:${REAL_KEY},k1:${OLD_KEY}` }).ENCRYPTION_KEYS).toContain("k2:");
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
    expect(() => parseEnv({ ...PRODUCTION, SMTP_URL: "http://x" })).toThrow(/SMTP_URL: must be an smtps:\/\/ or smtp/);
  });

  test("a production build needs the database and site URL but not the secrets", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build", DATABASE_URL: DB, SITE_URL: "https://x.example" }),
    ).not.toThrow();
  });
});

describe("production requires TLS for mail", () => {
  test("Found: plain smtp:// to a mail server is refused, naming SMTP_URL and what to write instead", () => {
    expect(() => parseEnv({ ...PRODUCTION, SMTP_URL: "smtp://user:pass@smtp.example:587" })).toThrow(
      /SMTP_URL: sends mail without TLS[\s\S]*requireTLS=true/,
    );
  });

  test("smtps://, and smtp:// with STARTTLS required, are accepted", () => {
    expect(smtpSecurity(parseEnv(PRODUCTION).SMTP_URL)).toBe("tls");
    const starttls = parseEnv({ ...PRODUCTION, SMTP_URL: "smtp://user:pass@smtp.example:587?requireTLS=true" });
    expect(smtpSecurity(starttls.SMTP_URL)).toBe("starttls");
  });

  test("options that weaken TLS are refused", () => {
    for (const weak of [
      "smtps://smtp.example:465?tls.rejectUnauthorized=false",
      "smtp://smtp.example:587?ignoreTLS=true",
      "smtps://smtp.example?secure=false",
    ]) {
      expect(() => parseEnv({ ...PRODUCTION, SMTP_URL: weak }), weak).toThrow(/SMTP_URL: option "[^"]+" is not accepted/);
    }
    expect(() => parseEnv({ ...PRODUCTION, SMTP_URL: "smtp://smtp.example:587?requireTLS=false" })).toThrow(
      /requireTLS may only be "true"/,
    );
  });

  test("plain SMTP to this machine needs, in production, the named allowance; never to another host", () => {
    const loopback = { ...PRODUCTION, SMTP_URL: "smtp://127.0.0.1:2526" };
    expect(() => parseEnv(loopback)).toThrow(/SMTP_URL: is plain SMTP[\s\S]*SMTP_ALLOW_PLAINTEXT_LOOPBACK/);
    expect(smtpSecurity(parseEnv({ ...loopback, SMTP_ALLOW_PLAINTEXT_LOOPBACK: "true" }).SMTP_URL)).toBe("plain");
    expect(() => parseEnv({ ...PRODUCTION, SMTP_URL: "smtp://mail.example:25", SMTP_ALLOW_PLAINTEXT_LOOPBACK: "true" })).toThrow(
      /SMTP_URL: sends mail without TLS to another machine/,
    );
    // Development and tests: a local sink needs no allowance, a remote server still needs TLS.
    expect(() => parseEnv({ NODE_ENV: "test", DATABASE_URL: DB, SMTP_URL: "smtp://localhost:2525" })).not.toThrow();
    expect(() => parseEnv({ NODE_ENV: "development", DATABASE_URL: DB, SMTP_URL: "smtp://mail.example:25" })).toThrow(/SMTP_URL/);
  });
});

describe("production checks every encryption key at start-up", () => {
  test("Found: a 3-byte key is refused at start, not at the first booking", () => {
    expect(() => parseEnv({ ...PRODUCTION, ENCRYPTION_KEYS: "k1:YWJj" })).toThrow(/ENCRYPTION_KEYS: Encryption key "k1" must be 32 bytes/);
    expect(() => parseEnv({ ...PRODUCTION, ENCRYPTION_KEYS: `k2:${REAL_KEY},k1:YWJj` })).toThrow(/ENCRYPTION_KEYS: Encryption key "k1"/);
  });

  test("Found: the development key under another id, or as an older key, is refused", () => {
    expect(() => parseEnv({ ...PRODUCTION, ENCRYPTION_KEYS: `prod:${DEV_KEY}` })).toThrow(
      /ENCRYPTION_KEYS: key "prod" is a development key/,
    );
    expect(() => parseEnv({ ...PRODUCTION, ENCRYPTION_KEYS: `k2:${REAL_KEY},dev:${DEV_KEY}` })).toThrow(/key "dev" is a development key/);
    // And this checkout's own generated development key, when it is passed in.
    const local = Buffer.from(OLD_KEY, "base64");
    expect(() => parseEnv({ ...PRODUCTION, ENCRYPTION_KEYS: `k9:${OLD_KEY}` }, { devKeys: [local] })).toThrow(
      /key "k9" is a development key/,
    );
  });

  test("a key id used twice is refused", () => {
    expect(() => parseEnv({ ...PRODUCTION, ENCRYPTION_KEYS: `k1:${REAL_KEY},k1:${OLD_KEY}` })).toThrow(
      /ENCRYPTION_KEYS: .*duplicate key id "k1"/,
    );
  });

  test("no key material appears in the message", () => {
    let message = "";
    try {
      parseEnv({ ...PRODUCTION, ENCRYPTION_KEYS: `k2:${DEV_KEY},k1:YWJj` });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/ENCRYPTION_KEYS/);
    expect(message).not.toContain(DEV_KEY);
    expect(message).not.toContain("YWJj");
  });
});

describe("production requires an https SITE_URL", () => {
  test("Found: an http:// address is refused unless it is this machine", () => {
    expect(() => parseEnv({ ...PRODUCTION, SITE_URL: "http://practice.example" })).toThrow(
      /SITE_URL: must be the public https:\/\/ address/,
    );
    for (const local of ["http://localhost:3100", "http://127.0.0.1:3000", "http://[::1]:3000"]) {
      expect(parseEnv({ ...PRODUCTION, SITE_URL: local }).SITE_URL, local).toBe(local);
    }
  });
});
