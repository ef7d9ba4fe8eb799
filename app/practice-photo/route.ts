/**
 * The practice's profile photo. Public on purpose: it is part of the public profile (for the
 * About page), so it needs no sign-in. The type served is the one detected from the file's
 * content on upload. A URL carrying the current version (?v=…) never changes and is cached
 * for a year; the bare URL is revalidated with its ETag.
 */
import { getPhoto } from "@/lib/practice/photo";

export const dynamic = "force-dynamic";

const VERSIONED = "public, max-age=31536000, immutable";
// An image needs nothing else: opened on its own it can run nothing and load nothing
// (proxy.ts leaves this route's policy alone).
const POLICY = "default-src 'none'; sandbox";
const UNVERSIONED = "public, max-age=0, must-revalidate";

export async function GET(request: Request): Promise<Response> {
  const photo = await getPhoto();
  if (!photo) {
    return new Response("No photo", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": POLICY },
    });
  }
  const version = new URL(request.url).searchParams.get("v");
  const headers = {
    ETag: photo.etag,
    "Cache-Control": version === photo.version ? VERSIONED : UNVERSIONED,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": POLICY,
  };
  const match = request.headers.get("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === photo.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(photo.bytes, {
    status: 200,
    headers: { ...headers, "Content-Type": photo.type, "Content-Length": String(photo.bytes.byteLength) },
  });
}
