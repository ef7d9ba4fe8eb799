/** Timing, percentiles and the two load shapes (closed loop and paced users) every bench uses. */
import { performance } from "node:perf_hooks";

export const REQUEST_TIMEOUT_MS = 30_000;

export type Sample = { ms: number; status: number; error?: string };
export type Timed = Sample & { body: string; headers: Headers };

export async function timed(url: string, init: RequestInit = {}): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, body, headers: response.headers };
  } catch (error) {
    return { ms: performance.now() - started, status: 0, error: (error as Error).message, body: "", headers: new Headers() };
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export type Summary = {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  wallMs: number;
  perSecond: number;
  statuses: Record<string, number>;
};

export const round1 = (n: number) => Math.round(n * 10) / 10;

export function summarise(samples: Sample[], wallMs: number): Summary {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples) {
    const key = s.status === 0 ? "network-error" : String(s.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  return {
    count: samples.length,
    min: round1(sorted[0] ?? NaN),
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    max: round1(sorted.at(-1) ?? NaN),
    wallMs: Math.round(wallMs),
    perSecond: round1(samples.length / (wallMs / 1000)),
    statuses,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Closed loop (saturation): `clients` workers, each firing its next request as soon as the
 * last one returned, `perClient` requests each. `fn` gets the client index and iteration.
 */
export async function closedLoop(clients: number, perClient: number, fn: (client: number, i: number) => Promise<Sample>) {
  const samples: Sample[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) samples.push(await fn(c, i));
    }),
  );
  return { samples, summary: summarise(samples, performance.now() - started) };
}

/** How the simulated users of `paced` behave; printed with the results. */
export const PACING = { thinkMs: 1000, jitterMs: 200, rampMs: 1000 };
export const pacingText = `each user sends a request, waits for the answer, then thinks ${PACING.thinkMs} ± ${PACING.jitterMs} ms; users start spread over the first ${PACING.rampMs} ms`;

/**
 * Simulated users with think time: each of `users` starts at a random moment in the first
 * second, then loops request → wait for the answer → think ~1 s, `perUser` times.
 */
export async function paced(users: number, perUser: number, fn: (user: number, i: number) => Promise<Sample>) {
  const samples: Sample[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      await sleep(Math.random() * PACING.rampMs);
      for (let i = 0; i < perUser; i++) {
        samples.push(await fn(u, i));
        if (i < perUser - 1) await sleep(PACING.thinkMs + (Math.random() * 2 - 1) * PACING.jitterMs);
      }
    }),
  );
  return { samples, summary: summarise(samples, performance.now() - started) };
}

export const sec = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)}s`;
