/**
 * Calling a server action over HTTP the way the browser's React runtime does: a POST to the
 * page that renders the form, with the action's id in the `Next-Action` header and the
 * arguments as a JSON array (React's encodeReply for plain JSON values).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { timed } from "./measure";

type Manifest = { node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }> };

/** The id of `exportedName` from `file` (relative to the repo), read from the build's manifest. */
export function actionId(distDir: string, file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as Manifest;
  const matches = Object.entries(manifest.node).filter(
    ([, entry]) =>
      entry.exportedName === exportedName && (entry.filename === undefined || path.normalize(entry.filename) === path.normalize(file)),
  );
  if (matches.length !== 1) throw new Error(`expected one server action ${file}#${exportedName} in the manifest, found ${matches.length}`);
  return matches[0]![0];
}

export function callAction(baseUrl: string, pagePath: string, id: string, args: unknown[], cookie: string) {
  return timed(`${baseUrl}${pagePath}`, {
    method: "POST",
    headers: {
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      "Next-Action": id,
      Origin: new URL(baseUrl).origin,
      Cookie: cookie,
    },
    body: JSON.stringify(args),
  });
}
