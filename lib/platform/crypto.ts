import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Field-level encryption for sensitive columns (clinical notes, intake answers).
 *
 * Ciphertext format: `v1.<keyId>.<base64url iv>.<base64url ciphertext||tag>`.
 * The version and key id travel with every value so keys can be rotated without a
 * flag day: new writes use the current key, old rows stay readable until re-encrypted.
 */

export type KeyRing = { currentKeyId: string; keys: Map<string, Buffer> };

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptionError";
  }
}

const VERSION = "v1";
const ALGORITHM = "aes-256-gcm";
const KEY_BYTES = 32;
// 96-bit IVs are the size GCM is designed for; other sizes go through an extra GHASH step.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

/**
 * Parses `"k2:BASE64KEY,k1:BASE64KEY"`; the first entry is the current key.
 * Error messages never echo key material, because they end up in logs.
 */
export function parseKeyRing(spec: string): KeyRing {
  if (typeof spec !== "string" || spec.trim() === "") {
    throw new Error('Encryption key ring is empty: expected "id:base64key[,id:base64key...]"');
  }
  const keys = new Map<string, Buffer>();
  let currentKeyId: string | undefined;
  const entries = spec.split(",");
  entries.forEach((rawEntry, index) => {
    const position = `Encryption key ring entry ${index + 1}`;
    const entry = rawEntry.trim();
    if (entry === "") throw new Error(`${position} is empty`);
    const colon = entry.indexOf(":");
    if (colon === -1) throw new Error(`${position} must look like "id:base64key"`);
    const id = entry.slice(0, colon).trim();
    const encodedKey = entry.slice(colon + 1).trim();
    // The id is not echoed: a swapped "key:id" entry would otherwise leak the key.
    if (!KEY_ID_PATTERN.test(id)) {
      throw new Error(`${position} has an invalid key id (allowed: 1-16 of A-Z a-z 0-9 _ -)`);
    }
    if (keys.has(id)) throw new Error(`Encryption key ring has duplicate key id "${id}"`);
    const key = BASE64_PATTERN.test(encodedKey) ? Buffer.from(encodedKey, "base64") : undefined;
    if (key === undefined || key.length !== KEY_BYTES) {
      throw new Error(
        `Encryption key "${id}" must be ${KEY_BYTES} bytes encoded as base64` +
          (key === undefined ? " (not valid base64)" : ` (got ${key.length} bytes)`),
      );
    }
    keys.set(id, key);
    currentKeyId ??= id;
  });
  // Unreachable with a non-empty spec, but keeps the type honest without a cast.
  if (currentKeyId === undefined) throw new Error("Encryption key ring is empty");
  return { currentKeyId, keys };
}

/** A fresh single-key spec for local development, e.g. for `.env`. */
export function generateKeySpec(id = "k1"): string {
  if (!KEY_ID_PATTERN.test(id)) {
    throw new Error("Key id must be 1-16 characters of A-Z a-z 0-9 _ -");
  }
  return `${id}:${randomBytes(KEY_BYTES).toString("base64")}`;
}

// The header is authenticated too, so the version/key-id prefix cannot be rewritten
// independently of the body. Key ids cannot contain ".", so the join is unambiguous.
function associatedData(keyId: string, aad: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}.${aad}`, "utf8");
}

export function encryptField(ring: KeyRing, plaintext: string, aad: string): string {
  if (typeof plaintext !== "string") throw new TypeError("encryptField expects a string plaintext");
  if (typeof aad !== "string") throw new TypeError("encryptField expects a string aad");
  // A lone surrogate would be silently replaced by U+FFFD during UTF-8 encoding,
  // so the value read back would differ from the value written.
  if (!plaintext.isWellFormed() || !aad.isWellFormed()) {
    throw new Error("encryptField cannot encrypt a string with unpaired UTF-16 surrogates");
  }
  const keyId = ring.currentKeyId;
  const key = ring.keys.get(keyId);
  if (key === undefined) throw new Error(`Current encryption key "${keyId}" is not in the key ring`);

  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(keyId, aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, keyId, iv.toString("base64url"), body.toString("base64url")].join(".");
}

type ParsedCiphertext = { keyId: string; iv: Buffer; body: Buffer };

// Node's base64url decoder skips invalid characters and ignores unused trailing bits,
// so an edited character could decode to the same bytes. Requiring the canonical
// encoding makes every character of the stored string significant.
function decodeBase64Url(text: string): Buffer | undefined {
  if (!BASE64URL_PATTERN.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}

function parseCiphertext(ciphertext: string): ParsedCiphertext {
  if (typeof ciphertext !== "string") throw new DecryptionError("Ciphertext is not a string");
  const parts = ciphertext.split(".");
  if (parts.length !== 4) throw new DecryptionError("Ciphertext is malformed");
  const [version, keyId, ivText, bodyText] = parts as [string, string, string, string];
  if (version !== VERSION) throw new DecryptionError("Ciphertext has an unsupported format version");
  if (!KEY_ID_PATTERN.test(keyId)) throw new DecryptionError("Ciphertext has a malformed key id");
  const iv = decodeBase64Url(ivText);
  if (iv === undefined || iv.length !== IV_BYTES) throw new DecryptionError("Ciphertext has a malformed IV");
  const body = decodeBase64Url(bodyText);
  if (body === undefined || body.length < TAG_BYTES) throw new DecryptionError("Ciphertext body is malformed");
  return { keyId, iv, body };
}

export function decryptField(ring: KeyRing, ciphertext: string, aad: string): string {
  const { keyId, iv, body } = parseCiphertext(ciphertext);
  const key = ring.keys.get(keyId);
  if (key === undefined) throw new DecryptionError(`Ciphertext uses unknown key id "${keyId}"`);
  // Mirrors encryptField: a lone surrogate would encode to U+FFFD and match a different aad.
  if (typeof aad !== "string" || !aad.isWellFormed()) {
    throw new DecryptionError("Associated data must be a well-formed string");
  }

  const tag = body.subarray(body.length - TAG_BYTES);
  const encrypted = body.subarray(0, body.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId, aad));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(encrypted), decipher.final()]);
    return new TextDecoder("utf-8", { fatal: true }).decode(plain);
  } catch {
    // One message for every failure: telling a tampered body from a wrong aad helps
    // nobody but an attacker, and the underlying errors are not meant for users.
    throw new DecryptionError("Ciphertext failed authentication (tampered, wrong key or wrong associated data)");
  }
}

export function encryptJson(ring: KeyRing, value: unknown, aad: string): string {
  const json = JSON.stringify(value);
  // JSON.stringify returns undefined for undefined, functions and symbols; storing
  // that would make the row undecryptable later rather than failing now.
  if (json === undefined) throw new TypeError("encryptJson: value is not JSON-serialisable");
  return encryptField(ring, json, aad);
}

/** The type parameter is a promise, not a check: validate the result (e.g. with zod) where it matters. */
export function decryptJson<T>(ring: KeyRing, ciphertext: string, aad: string): T {
  const json = decryptField(ring, ciphertext, aad);
  try {
    return JSON.parse(json) as T;
  } catch {
    throw new DecryptionError("Decrypted value is not valid JSON");
  }
}

/**
 * True when a stored value was written under an older key and should be rewritten
 * by a rotation job. Throws DecryptionError for values that are not ciphertexts at all,
 * so a rotation job surfaces corrupt rows instead of skipping them.
 */
export function needsReencryption(ring: KeyRing, ciphertext: string): boolean {
  return parseCiphertext(ciphertext).keyId !== ring.currentKeyId;
}
