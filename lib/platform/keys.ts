import { parseKeyRing, type KeyRing } from "@/lib/platform/crypto";
import { env } from "@/lib/platform/env";

let ring: KeyRing | undefined;

/** The field-encryption key ring from ENCRYPTION_KEYS (parsed once). */
export function keyRing(): KeyRing {
  ring ??= parseKeyRing(env().ENCRYPTION_KEYS);
  return ring;
}
