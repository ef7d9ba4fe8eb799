/**
 * The field-encryption key ring (ENCRYPTION_KEYS) and the one way a stored value is bound
 * to its place. Every ciphertext is bound to its row and field ("Intake.answers:<id>"), so a
 * value copied into another row or column fails to decrypt. Each domain declares its
 * encrypted fields once with sealedText/sealedJson and uses them for both reading and
 * writing; the label format exists only here.
 */
import "server-only";
import { decryptField, decryptJson, encryptField, encryptJson, parseKeyRing, type KeyRing } from "@/lib/platform/crypto";
import { env } from "@/lib/platform/env";

let ring: KeyRing | undefined;

/** The field-encryption key ring from ENCRYPTION_KEYS (parsed once). */
export function keyRing(): KeyRing {
  ring ??= parseKeyRing(env().ENCRYPTION_KEYS);
  return ring;
}

/** "Model.field:id", or "Model:id" for a row encrypted as a whole (the outbox's payloads). */
function bindingLabel(model: string, field: string | undefined, id: string): string {
  return field ? `${model}.${field}:${id}` : `${model}:${id}`;
}

export type SealedText = { seal(id: string, value: string): string; open(id: string, ciphertext: string): string };
export type SealedJson<T> = { seal(id: string, value: T): string; open(id: string, ciphertext: string): T };

export function sealedText(model: string, field?: string): SealedText {
  return {
    seal: (id, value) => encryptField(keyRing(), value, bindingLabel(model, field, id)),
    open: (id, ciphertext) => decryptField(keyRing(), ciphertext, bindingLabel(model, field, id)),
  };
}

/** The type parameter is a promise, not a check: validate what `open` returns where it matters. */
export function sealedJson<T>(model: string, field?: string): SealedJson<T> {
  return {
    seal: (id, value) => encryptJson(keyRing(), value, bindingLabel(model, field, id)),
    open: (id, ciphertext) => decryptJson<T>(keyRing(), ciphertext, bindingLabel(model, field, id)),
  };
}
