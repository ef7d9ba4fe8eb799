/** Machine details, the results JSON in bench/results/ and the markdown tables. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { MemoryReading } from "./memory";
import type { Summary } from "./measure";

export type Result = {
  id: string;
  name: string;
  /** closed loop, paced users, burst (all at once, one request each) or sequential. */
  shape: "closed" | "paced" | "burst" | "sequential";
  summary: Summary;
  /** Scenario-specific counts (winners, successes, ...). */
  counts: Record<string, number>;
  ok: boolean;
  notes: string[];
  memory?: MemoryReading;
  /** The target for this row, and whether it was met, when there is one. */
  target?: { text: string; met: boolean };
};

export function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: loadAverage(),
  };
}

export function printResult(r: Result) {
  const s = r.summary;
  console.log(`\n${r.id}: ${r.name} [${r.shape}]`);
  console.log(`  ${s.count} requests; ${JSON.stringify(r.counts)}; statuses ${JSON.stringify(s.statuses)}`);
  console.log(`  min ${s.min} ms, p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms, max ${s.max} ms, ${s.perSecond} req/s`);
  if (r.memory) console.log(`  server RSS ${r.memory.beforeMiB} → peak ${r.memory.peakMiB} MiB`);
  if (r.target) console.log(`  target: ${r.target.text}: ${r.target.met ? "met" : "MISSED"}`);
  for (const note of r.notes) console.log(`  note: ${note}`);
}

const SHAPES = { closed: "closed loop", paced: "paced users", burst: "burst", sequential: "1 client" } as const;

export function table(results: Result[]): string {
  const rows = results.map((r) => {
    const statuses = Object.entries(r.summary.statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(", ");
    const counts = Object.entries(r.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    const target = r.target ? `${r.target.met ? "met" : "**missed**"}: ${r.target.text}` : "";
    return `| ${r.id} | ${r.name} | ${SHAPES[r.shape]} | ${r.summary.count} | ${statuses} | ${counts} | ${r.summary.p50} | ${r.summary.p95} | ${r.summary.p99} | ${r.summary.max} | ${r.summary.perSecond} | ${r.memory?.peakMiB ?? ""} | ${r.ok ? "pass" : "FAIL"} | ${target} |`;
  });
  return [
    "| | Scenario | Load | Requests | Statuses | Result | p50 ms | p95 ms | p99 ms | max ms | req/s | peak RSS MiB | | Target |",
    "| --- | --- | --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ...rows,
  ].join("\n");
}

export function writeResults(name: string, startedAt: Date, report: Record<string, unknown>): string {
  mkdirSync("bench/results", { recursive: true });
  const file = path.join("bench/results", `${name}-${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  return file;
}
