import { describe, expect, test } from "vitest";
import {
  DecryptionError,
  decryptField,
  decryptJson,
  encryptField,
  encryptJson,
  generateKeySpec,
  needsReencryption,
  parseKeyRing,
  type KeyRing,
} from "@/lib/platform/crypto";

// Fixed, recognisable keys so tests can assert they never leak into messages.
const KEY_A = Buffer.alloc(32, 0xa1).toString("base64");
const KEY_B = Buffer.alloc(32, 0xb2).toString("base64");
const AAD = "Booking.note:bk_123";
const SECRET = "Patient disclosed a miscarriage at 11 weeks";

const ringK1 = parseKeyRing(`k1:${KEY_A}`);
const ringK2 = parseKeyRing(`k2:${KEY_B},k1:${KEY_A}`);

function parts(ciphertext: string): [string, string, string, string] {
  const split = ciphertext.split(".");
  expect(split).toHaveLength(4);
  return split as [string, string, string, string];
}

function expectDecryptionError(fn: () => unknown): DecryptionError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(DecryptionError);
  return caught as DecryptionError;
}

describe("encryptField / decryptField", () => {
  test.each([
    ["plain ASCII", SECRET],
    ["empty string", ""],
    ["unicode incl. astral characters", "Ünïcödé — 産後うつ 🤱🏽 naïve café\n\ttabs"],
    ["long text", "x".repeat(100_000)],
    ["text that looks like a ciphertext", "v1.k1.AAAA.BBBB"],
  ])("round-trips %s", (_name, plaintext) => {
    const ciphertext = encryptField(ringK1, plaintext, AAD);
    expect(decryptField(ringK1, ciphertext, AAD)).toBe(plaintext);
  });

  test("produces the documented self-describing format under the current key", () => {
    const ciphertext = encryptField(ringK2, SECRET, AAD);
    expect(ciphertext).toMatch(/^v1\.k2\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    const [, , iv, body] = parts(ciphertext);
    expect(Buffer.from(iv, "base64url")).toHaveLength(12);
    // ciphertext is as long as the UTF-8 plaintext, plus the 16-byte tag
    expect(Buffer.from(body, "base64url")).toHaveLength(Buffer.byteLength(SECRET) + 16);
    expect(ciphertext).not.toContain(SECRET);
    expect(ciphertext).not.toContain(Buffer.from(SECRET).toString("base64url"));
  });

  test("uses a fresh IV every call, so equal plaintexts give unrelated ciphertexts", () => {
    const samples = Array.from({ length: 50 }, () => encryptField(ringK1, SECRET, AAD));
    expect(new Set(samples).size).toBe(samples.length);
    expect(new Set(samples.map((c) => parts(c)[2])).size).toBe(samples.length);
    for (const sample of samples) expect(decryptField(ringK1, sample, AAD)).toBe(SECRET);
  });

  test("binds the associated data: a value copied to another row or field fails", () => {
    const ciphertext = encryptField(ringK1, SECRET, "Booking.note:bk_123");
    expectDecryptionError(() => decryptField(ringK1, ciphertext, "Booking.note:bk_124"));
    expectDecryptionError(() => decryptField(ringK1, ciphertext, "Client.notes:bk_123"));
    expectDecryptionError(() => decryptField(ringK1, ciphertext, ""));
    expectDecryptionError(() => decryptField(ringK1, encryptField(ringK1, SECRET, ""), "x"));
  });

  test("refuses strings that cannot round-trip through UTF-8", () => {
    expect(() => encryptField(ringK1, "broken \ud83d surrogate", AAD)).toThrow(/surrogate/);
  });
});

describe("tampering", () => {
  const ciphertext = encryptField(ringK1, SECRET, AAD);
  const [version, keyId, iv, body] = parts(ciphertext);

  function flipBitInPart(partIndex: 2 | 3, byteIndex: number): string {
    const split = parts(ciphertext);
    const bytes = Buffer.from(split[partIndex], "base64url");
    bytes[byteIndex] = (bytes[byteIndex] ?? 0) ^ 0x01;
    split[partIndex] = bytes.toString("base64url");
    return split.join(".");
  }

  test("flipping any single bit of the IV fails", () => {
    for (let i = 0; i < 12; i++) {
      expectDecryptionError(() => decryptField(ringK1, flipBitInPart(2, i), AAD));
    }
  });

  test("flipping any single bit of the ciphertext or tag fails", () => {
    const length = Buffer.from(body, "base64url").length;
    for (let i = 0; i < length; i++) {
      expectDecryptionError(() => decryptField(ringK1, flipBitInPart(3, i), AAD));
    }
  });

  test("changing the version fails", () => {
    expectDecryptionError(() => decryptField(ringK1, ["v2", keyId, iv, body].join("."), AAD));
    expectDecryptionError(() => decryptField(ringK1, ["V1", keyId, iv, body].join("."), AAD));
  });

  test("relabelling the key id fails even when both ids hold the same key material", () => {
    // Only the authenticated header can catch this: the key itself is identical.
    const aliased = parseKeyRing(`k1:${KEY_A},alias:${KEY_A}`);
    const original = encryptField(aliased, SECRET, AAD);
    const [v, , i, b] = parts(original);
    expect(decryptField(aliased, original, AAD)).toBe(SECRET);
    expectDecryptionError(() => decryptField(aliased, [v, "alias", i, b].join("."), AAD));
  });

  test("an edit that base64url-decodes to the same bytes is still rejected", () => {
    // 4 chars + 16-byte tag = 20 bytes -> 27 base64url chars; the last char carries 2 unused bits.
    const short = encryptField(ringK1, "abcd", AAD);
    const split = parts(short);
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const last = split[3].at(-1) ?? "";
    const sibling = alphabet[alphabet.indexOf(last) ^ 0x01] ?? "";
    const edited = split[3].slice(0, -1) + sibling;
    expect(Buffer.from(edited, "base64url").equals(Buffer.from(split[3], "base64url"))).toBe(true);
    split[3] = edited;
    expectDecryptionError(() => decryptField(ringK1, split.join("."), AAD));
  });

  test.each([
    ["empty string", ""],
    ["plaintext stored by mistake", SECRET],
    ["missing body", [version, keyId, iv].join(".")],
    ["extra part", [version, keyId, iv, body, "x"].join(".")],
    ["truncated body", [version, keyId, iv, body.slice(0, -4)].join(".")],
    ["body shorter than a tag", [version, keyId, iv, "AAAA"].join(".")],
    ["empty body", [version, keyId, iv, ""].join(".")],
    ["short IV", [version, keyId, iv.slice(0, 8), body].join(".")],
    ["padding in base64url", [version, keyId, iv, `${body}==`].join(".")],
    ["standard base64 characters", [version, keyId, iv, body.replace(/[-_]/g, "+") + "+/"].join(".")],
    ["malformed key id", [version, "bad id!", iv, body].join(".")],
  ])("malformed input fails with DecryptionError: %s", (_name, input) => {
    expectDecryptionError(() => decryptField(ringK1, input, AAD));
  });

  test("non-string input fails with DecryptionError rather than a TypeError", () => {
    expectDecryptionError(() => decryptField(ringK1, null as unknown as string, AAD));
  });
});

describe("error messages", () => {
  test("never contain the plaintext, the aad or key material", () => {
    const ciphertext = encryptField(ringK1, SECRET, AAD);
    const [v, k, i, b] = parts(ciphertext);
    const bytes = Buffer.from(b, "base64url");
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    const failures = [
      expectDecryptionError(() => decryptField(ringK1, [v, k, i, bytes.toString("base64url")].join("."), AAD)),
      expectDecryptionError(() => decryptField(ringK1, ciphertext, "Booking.note:other")),
      expectDecryptionError(() => decryptField(ringK2, encryptField(parseKeyRing(`k9:${KEY_B}`), SECRET, AAD), AAD)),
      expectDecryptionError(() => decryptField(ringK1, SECRET, AAD)),
    ];
    for (const error of failures) {
      const text = `${error.message}\n${error.stack ?? ""}`;
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain("miscarriage");
      expect(text).not.toContain(KEY_A);
      expect(text).not.toContain(KEY_B);
      expect(error.cause).toBeUndefined();
      expect(error.name).toBe("DecryptionError");
    }
  });
});

describe("key rotation", () => {
  test("a ring whose current key is k2 still decrypts k1 ciphertexts", () => {
    const old = encryptField(ringK1, SECRET, AAD);
    expect(decryptField(ringK2, old, AAD)).toBe(SECRET);
  });

  test("new ciphertexts use the current key and old-key rings cannot read them", () => {
    const fresh = encryptField(ringK2, SECRET, AAD);
    expect(parts(fresh)[1]).toBe("k2");
    const error = expectDecryptionError(() => decryptField(ringK1, fresh, AAD));
    expect(error.message).toMatch(/unknown key id "k2"/);
  });

  test("needsReencryption is true only for values not under the current key", () => {
    const old = encryptField(ringK1, SECRET, AAD);
    expect(needsReencryption(ringK2, old)).toBe(true);
    expect(needsReencryption(ringK1, old)).toBe(false);
    const rotated = encryptField(ringK2, decryptField(ringK2, old, AAD), AAD);
    expect(needsReencryption(ringK2, rotated)).toBe(false);
    expect(decryptField(ringK2, rotated, AAD)).toBe(SECRET);
  });

  test("needsReencryption refuses values that are not ciphertexts", () => {
    expectDecryptionError(() => needsReencryption(ringK2, SECRET));
  });

  test("a key id that is not in the ring fails with DecryptionError", () => {
    const other: KeyRing = parseKeyRing(`k3:${KEY_A}`);
    // Same key material, different id: the ring must not guess.
    expectDecryptionError(() => decryptField(ringK1, encryptField(other, SECRET, AAD), AAD));
  });
});

describe("encryptJson / decryptJson", () => {
  test("round-trips structured values", () => {
    const value = { answers: [0, 1, 2, 3], note: "über", nested: { ok: true, n: null } };
    const ciphertext = encryptJson(ringK2, value, "IntakeResponse.answers:ir_1");
    expect(decryptJson<typeof value>(ringK2, ciphertext, "IntakeResponse.answers:ir_1")).toEqual(value);
  });

  test("binds the aad like encryptField", () => {
    const ciphertext = encryptJson(ringK2, { a: 1 }, "IntakeResponse.answers:ir_1");
    expectDecryptionError(() => decryptJson(ringK2, ciphertext, "IntakeResponse.answers:ir_2"));
  });

  test("rejects values JSON cannot represent instead of storing an unreadable row", () => {
    expect(() => encryptJson(ringK1, undefined, AAD)).toThrow(/JSON/);
    expect(() => encryptJson(ringK1, () => 1, AAD)).toThrow(/JSON/);
  });

  test("a non-JSON plaintext fails with DecryptionError", () => {
    const ciphertext = encryptField(ringK1, "not json {", AAD);
    expectDecryptionError(() => decryptJson(ringK1, ciphertext, AAD));
  });
});

describe("parseKeyRing", () => {
  test("uses the first entry as the current key and keeps the others for decryption", () => {
    const ring = parseKeyRing(` k2:${KEY_B} , k1:${KEY_A} `);
    expect(ring.currentKeyId).toBe("k2");
    expect([...ring.keys.keys()]).toEqual(["k2", "k1"]);
    expect(ring.keys.get("k1")?.equals(Buffer.alloc(32, 0xa1))).toBe(true);
    expect(ring.keys.get("k2")?.equals(Buffer.alloc(32, 0xb2))).toBe(true);
  });

  test("accepts ids at the edges of the allowed pattern", () => {
    expect(parseKeyRing(`A:${KEY_A}`).currentKeyId).toBe("A");
    expect(parseKeyRing(`key_2025-01-abcd:${KEY_A}`).currentKeyId).toBe("key_2025-01-abcd");
  });

  test.each([
    ["empty spec", "", /empty/],
    ["blank spec", "   ", /empty/],
    ["trailing comma", `k1:${KEY_A},`, /entry 2 is empty/],
    ["missing colon", KEY_A, /id:base64key/],
    ["empty id", `:${KEY_A}`, /invalid key id/],
    ["id with a space", `k 1:${KEY_A}`, /invalid key id/],
    ["id with a dot", `k.1:${KEY_A}`, /invalid key id/],
    ["17-character id", `abcdefghijklmnopq:${KEY_A}`, /invalid key id/],
    ["key and id swapped", `${KEY_A}:k1`, /invalid key id/],
    ["16-byte key", `k1:${Buffer.alloc(16, 1).toString("base64")}`, /32 bytes.*got 16/],
    ["33-byte key", `k1:${Buffer.alloc(33, 1).toString("base64")}`, /32 bytes.*got 33/],
    ["empty key", "k1:", /32 bytes/],
    ["not base64", `k1:${"!".repeat(44)}`, /not valid base64/],
    ["duplicate id", `k1:${KEY_A},k1:${KEY_B}`, /duplicate key id "k1"/],
  ])("rejects %s with a clear message", (_name, spec, message) => {
    expect(() => parseKeyRing(spec)).toThrow(message);
  });

  test("error messages never echo key material", () => {
    const specs = [KEY_A, `${KEY_A}:k1`, `k1:${KEY_A},k1:${KEY_B}`, `k1:${KEY_A.slice(0, 20)}`];
    for (const spec of specs) {
      let message = "";
      try {
        parseKeyRing(spec);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).not.toBe("");
      expect(message).not.toContain(KEY_A.slice(0, 20));
      expect(message).not.toContain(KEY_B.slice(0, 20));
    }
  });
});

describe("generateKeySpec", () => {
  test("produces a random 32-byte key that parseKeyRing accepts", () => {
    const spec = generateKeySpec();
    const ring = parseKeyRing(spec);
    expect(ring.currentKeyId).toBe("k1");
    expect(ring.keys.get("k1")).toHaveLength(32);
    expect(generateKeySpec()).not.toBe(spec);
    expect(decryptField(ring, encryptField(ring, SECRET, AAD), AAD)).toBe(SECRET);
  });

  test("uses the given id and validates it", () => {
    expect(parseKeyRing(generateKeySpec("k7")).currentKeyId).toBe("k7");
    expect(() => generateKeySpec("no good")).toThrow(/Key id/);
  });
});
