/**
 * Fetching an address someone pasted (her calendars' secret ICS addresses) without letting it
 * reach inside the network: https only, public addresses only (checked on the address actually
 * connected to, so DNS rebinding cannot slip past), a few redirects each checked again, a
 * deadline and a size cap. `allowLocal` (development and tests) permits http and private hosts.
 */
import "server-only";
import { lookup } from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

export class FetchRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FetchRefused";
  }
}

// Loopback, private, link-local, carrier-grade NAT, unspecified, multicast and reserved ranges.
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 3],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["::ffff:0:0", 96],
  ["64:ff9b::", 96],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

export type SafeFetchOptions = { allowLocal: boolean; timeoutMs?: number; maxBytes?: number; maxRedirects?: number };

export type Fetched = { status: number; contentType: string; body: string };

/** Parses and checks a pasted address; webcal:// (what calendar apps often show) is read as https://. */
export function checkAddress(raw: string, { allowLocal }: { allowLocal: boolean }): URL {
  let url: URL;
  try {
    url = new URL(raw.trim().replace(/^webcals?:\/\//i, "https://"));
  } catch {
    throw new FetchRefused("That is not a web address. Paste the calendar's full secret iCal address, starting with https://.");
  }
  if (url.protocol !== "https:" && !(allowLocal && url.protocol === "http:")) {
    throw new FetchRefused("Only https:// calendar addresses can be used.");
  }
  if (url.username || url.password) throw new FetchRefused("Calendar addresses with a user name or password in them cannot be used.");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowLocal && (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal"))) {
    throw new FetchRefused("That address points inside a private network; only public calendar addresses can be used.");
  }
  if (!allowLocal && isIP(host) && !isPublicAddress(host)) {
    throw new FetchRefused("That address points inside a private network; only public calendar addresses can be used.");
  }
  return url;
}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, "", 4);
    const list = addresses as unknown as { address: string; family: number }[];
    const bad = list.find((a) => !isPublicAddress(a.address));
    if (bad || list.length === 0) {
      return callback(new FetchRefused("That address points inside a private network; only public calendar addresses can be used."), "", 4);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

function once(
  url: URL,
  options: Required<SafeFetchOptions>,
  deadline: number,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const remaining = Math.max(1, deadline - Date.now());
    const req = client.request(
      url,
      {
        method: "GET",
        headers: { Accept: "text/calendar, text/plain;q=0.5, */*;q=0.1", "User-Agent": "Haven calendar sync" },
        lookup: options.allowLocal ? undefined : guardedLookup,
        timeout: remaining,
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          return resolve({ status, headers: res.headers, body: "" });
        }
        const declared = Number(res.headers["content-length"] ?? 0);
        if (declared > options.maxBytes) {
          req.destroy();
          return reject(new FetchRefused(tooLarge(options.maxBytes)));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            req.destroy(new FetchRefused(tooLarge(options.maxBytes)));
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () => resolve({ status, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    const timer = setTimeout(() => req.destroy(new FetchRefused("The calendar did not answer in time.")), remaining);
    req.on("timeout", () => req.destroy(new FetchRefused("The calendar did not answer in time.")));
    req.on("error", (error) => reject(error instanceof FetchRefused ? error : new FetchRefused(connectMessage(error))));
    req.on("close", () => clearTimeout(timer));
    req.end();
  });
}

const tooLarge = (max: number) => `The calendar is larger than ${Math.round(max / 1024 / 1024)} MB, more than Haven reads.`;

function connectMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "That calendar's server could not be found. Check the address.";
  if (code === "ECONNREFUSED" || code === "ECONNRESET") return "That calendar's server refused the connection.";
  if ((typeof code === "string" && code.startsWith("ERR_TLS")) || code === "CERT_HAS_EXPIRED" || code === "DEPTH_ZERO_SELF_SIGNED_CERT") {
    return "That calendar's server has an invalid certificate.";
  }
  return "The calendar could not be reached.";
}

/** GETs a checked address, following at most `maxRedirects` redirects (each checked again). */
export async function safeFetchText(raw: string, opts: SafeFetchOptions): Promise<Fetched> {
  const options: Required<SafeFetchOptions> = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 3, ...opts };
  const deadline = Date.now() + options.timeoutMs;
  let url = checkAddress(raw, options);
  for (let hop = 0; ; hop++) {
    const res = await once(url, options, deadline);
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.location;
      if (!location || hop >= options.maxRedirects) throw new FetchRefused("The calendar address redirects too many times.");
      url = checkAddress(new URL(location, url).toString(), options);
      continue;
    }
    if (res.status === 401 || res.status === 403)
      throw new FetchRefused(`The calendar refused access (${res.status}): the secret address may have been reset. Copy it again.`);
    if (res.status === 404 || res.status === 410)
      throw new FetchRefused(`The calendar was not found (${res.status}): the address may have been reset or removed.`);
    if (res.status < 200 || res.status >= 300) throw new FetchRefused(`The calendar's server answered with an error (${res.status}).`);
    return { status: res.status, contentType: String(res.headers["content-type"] ?? ""), body: res.body };
  }
}
