/**
 * The practice's profile photo: what is accepted (a real JPEG, PNG or WebP of at most 2 MB,
 * judged by its content and by decoding it), stored and served.
 */
import "server-only";
import { createHash } from "node:crypto";
import sharp from "sharp";
import { PLACEHOLDER_SETTINGS } from "@/lib/practice/defaults";
import { prisma } from "@/lib/platform/db";
import { photoSizeError } from "@/lib/practice/schema";

const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image type the file's own first bytes declare, whatever its name or declared type says. */
export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  return null;
}

export type PhotoResult = { ok: true; type: PhotoType } | { ok: false; message: string };

// Large enough for any portrait the About page shows, small enough to serve quickly on a phone.
const MAX_EDGE_PIXELS = 1600;
// Refuses a "decompression bomb" (a small file that decodes to billions of pixels) unread.
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Decodes the image and encodes it again in its own format: what is stored is an image sharp
 * (libvips) wrote, never the bytes that were sent, so a file that only starts like an image,
 * or hides something after its image data, is refused or left behind. Turned upright from its
 * EXIF orientation, then stripped of all metadata (a phone photo's EXIF can hold where it was
 * taken), and scaled down to at most MAX_EDGE_PIXELS on its longer side.
 */
async function reencode(bytes: Uint8Array, type: PhotoType): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    const image = sharp(bytes, { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .rotate()
      .resize({ width: MAX_EDGE_PIXELS, height: MAX_EDGE_PIXELS, fit: "inside", withoutEnlargement: true });
    const encoded =
      type === "image/jpeg"
        ? image.jpeg({ quality: 85, mozjpeg: true })
        : type === "image/png"
          ? image.png({ compressionLevel: 9 })
          : image.webp({ quality: 85 });
    return new Uint8Array(await encoded.toBuffer());
  } catch {
    return null;
  }
}

/**
 * Stores the profile photo if it really is a JPEG, PNG or WebP image of at most 2 MB. The
 * stored type comes from the file's content, never from its name or the browser's claim.
 */
export async function savePhoto(bytes: Uint8Array, declaredType = ""): Promise<PhotoResult> {
  const sizeError = photoSizeError(bytes.length);
  if (sizeError) return { ok: false, message: sizeError };
  const type = sniffImageType(bytes);
  if (!type) {
    const claimed = (PHOTO_TYPES as readonly string[]).includes(declaredType) ? " even though its name says it is one" : "";
    return {
      ok: false,
      message: `That file is not a JPEG, PNG or WebP image${claimed}. Please choose a photo saved as .jpg, .png or .webp.`,
    };
  }
  const photo = await reencode(bytes, type);
  if (!photo) {
    return {
      ok: false,
      message: "That file could not be opened as a picture: it may be damaged or only partly uploaded. Please choose another photo.",
    };
  }
  await prisma.practiceSettings.upsert({
    where: { id: 1 },
    create: { id: 1, ...PLACEHOLDER_SETTINGS, photo, photoType: type },
    update: { photo, photoType: type },
  });
  return { ok: true, type };
}

export async function removePhoto(): Promise<void> {
  await prisma.practiceSettings.updateMany({ where: { id: 1 }, data: { photo: null, photoType: null } });
}

/**
 * The stored photo with its type, a strong ETag of its content, and the version that
 * photoUrl() puts in its URL, or null.
 */
export async function getPhoto(): Promise<{ bytes: Uint8Array<ArrayBuffer>; type: string; etag: string; version: string } | null> {
  const row = await prisma.practiceSettings.findUnique({ where: { id: 1 }, select: { photo: true, photoType: true, updatedAt: true } });
  if (!row?.photo || !row.photoType) return null;
  const bytes = new Uint8Array(row.photo);
  const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 32)}"`;
  return { bytes, type: row.photoType, etag, version: String(row.updatedAt.getTime()) };
}
