/**
 * What her calendars' busy times add to a /book view: the open times with 500 busy intervals
 * against the same with none, measured in-process on a real PostgreSQL (an embedded one of its
 * own) through the code /book runs (getOpenSlots: rules, bookings and busy times read, slots
 * computed). The target (issue 12): under 5 ms added. See bench/README.md.
 *
 *   npm run bench:busy
 */
import { performance } from "node:perf_hooks";
import { ensureDatabase, startEmbeddedPostgres } from "../scripts/embedded-pg";
import { prismaCli } from "../scripts/prisma-cli";
import { loadAverage, machine, writeResults } from "./lib/report";

const RUNS = 200;
const BUSY = 500;
const TARGET_MS = 5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

async function main() {
  const startedAt = new Date();
  const server = await startEmbeddedPostgres({
    dataDir: ".data/postgres-bench-busy",
    port: Number(process.env.HAVEN_BENCH_BUSY_PG_PORT ?? 54359),
    fast: true,
  });
  try {
    await ensureDatabase(server, "haven_bench_busy", { recreate: true });
    const url = server.urlFor("haven_bench_busy");
    prismaCli(["migrate", "deploy"], url);
    Object.assign(process.env, { DATABASE_URL: url, NODE_ENV: "development", LOG_LEVEL: "warn" });
    const { prisma } = await import("../lib/platform/db");
    const { getOpenSlots } = await import("../lib/booking/queries");
    const { computeSlots } = await import("../lib/booking/slots");
    const { getBookingRules, DEFAULT_BOOKING_SETTINGS } = await import("../lib/booking/rules");
    await prisma.bookingSettings.create({ data: { id: 1, ...DEFAULT_BOOKING_SETTINGS } });

    const now = new Date();
    const measure = async (fn: () => Promise<unknown> | unknown) => {
      for (let i = 0; i < 20; i++) await fn(); // warm up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await fn();
        times.push(performance.now() - t);
      }
      return times;
    };

    const without = await measure(() => getOpenSlots(now));
    // 500 busy intervals over the 30-day horizon, as a busy practice calendar has: 45-minute
    // sessions at random times, some inside her booking hours.
    const source = await prisma.calendarSource.create({ data: { label: "bench", urlEnc: "x" } });
    const horizonMs = 32 * 24 * 60 * 60 * 1000;
    await prisma.calendarBusy.createMany({
      data: Array.from({ length: BUSY }, (_, i) => {
        const start = new Date(now.getTime() + Math.floor(((i + 0.5) / BUSY) * horizonMs));
        return { sourceId: source.id, startsAt: start, endsAt: new Date(start.getTime() + 45 * 60_000) };
      }),
    });
    const withBusy = await measure(() => getOpenSlots(now));

    const rules = await getBookingRules();
    const busy = (await prisma.calendarBusy.findMany()).map((b) => ({ start: b.startsAt, end: b.endsAt }));
    const computeNone = await measure(() => computeSlots(rules, [], now));
    const computeBusy = await measure(() => computeSlots(rules, busy, now));
    await prisma.$disconnect();

    const added = median(withBusy) - median(without);
    const report = {
      machine: machine(),
      loadAverage: loadAverage(),
      runs: RUNS,
      busyIntervals: BUSY,
      getOpenSlots: {
        withoutMs: { median: median(without), p95: p95(without) },
        withBusyMs: { median: median(withBusy), p95: p95(withBusy) },
        addedMedianMs: added,
      },
      computeSlots: { withoutMs: median(computeNone), withBusyMs: median(computeBusy), addedMs: median(computeBusy) - median(computeNone) },
      target: { text: `under ${TARGET_MS} ms added`, met: added < TARGET_MS },
    };
    const f = (n: number) => n.toFixed(2);
    console.log(`\n/book's open times (getOpenSlots), median of ${RUNS}:`);
    console.log(`  no busy intervals      ${f(median(without))} ms (p95 ${f(p95(without))})`);
    console.log(`  ${BUSY} busy intervals    ${f(median(withBusy))} ms (p95 ${f(p95(withBusy))})`);
    console.log(`  added                  ${f(added)} ms  → target ${report.target.text}: ${report.target.met ? "met" : "NOT met"}`);
    console.log(`computeSlots alone: ${f(median(computeNone))} ms → ${f(median(computeBusy))} ms with ${BUSY} intervals`);
    console.log(`\nWrote ${writeResults("busy-times", startedAt, report)}`);
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
