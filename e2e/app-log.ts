/** The e2e app server's output (e2e/serve.ts writes it to E2E.serverLog), for "nothing typed is logged" checks. */
import { readFileSync, statSync } from "node:fs";
import { E2E } from "./config";

/** Where the log ends now: pass it to appLogSince() to read only what a test caused. */
export function appLogMark(): number {
  try {
    return statSync(E2E.serverLog).size;
  } catch {
    return 0;
  }
}

export function appLogSince(mark: number): string {
  try {
    return readFileSync(E2E.serverLog).subarray(mark).toString("utf8");
  } catch {
    return "";
  }
}
