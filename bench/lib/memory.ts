/**
 * Resident memory of the Next.js server. `next start` is a small launcher that forks the
 * process that actually serves requests, so the readings come from that child's
 * /proc/PID/status, not from the pid `spawn` returned.
 */
import { readdirSync, readFileSync } from "node:fs";

function ppidOf(pid: number): number | null {
  try {
    // The command name (field 2) may contain spaces; fields after its closing paren are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).slice(0, 3).join(" ");
  } catch {
    return "?";
  }
}

/** VmRSS (now) and VmHWM (the kernel's peak since start) in MiB, or null once the process is gone. */
export function rssOf(pid: number): { rssMiB: number; hwmMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rssMiB: Math.round(kb("VmRSS") / 102.4) / 10, hwmMiB: Math.round(kb("VmHWM") / 102.4) / 10 };
  } catch {
    return null;
  }
}

/** The descendant of `rootPid` (or itself) with the largest RSS: the request-serving process. */
export function serverProcess(rootPid: number): { pid: number; tree: string } {
  const all = readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const family = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const pid of all) {
      const parent = ppidOf(pid);
      if (parent !== null && family.has(parent) && !family.has(pid)) {
        family.add(pid);
        grew = true;
      }
    }
  }
  const members = [...family].map((pid) => ({ pid, rss: rssOf(pid)?.rssMiB ?? 0, cmd: commandOf(pid) }));
  members.sort((a, b) => b.rss - a.rss);
  const tree = members.map((m) => `${m.pid}${m.pid === rootPid ? " (launcher)" : ""}: ${m.cmd} ${m.rss} MiB`).join("; ");
  return { pid: members[0]!.pid, tree };
}

/** Samples the RSS every `intervalMs` while a load runs; `stop` gives the peak seen. */
export function sampleMemory(pid: number, intervalMs = 100) {
  let peak = rssOf(pid)?.rssMiB ?? NaN;
  const before = peak;
  const timer = setInterval(() => {
    const now = rssOf(pid)?.rssMiB;
    if (now !== undefined && !(now <= peak)) peak = now;
  }, intervalMs);
  return {
    stop(): MemoryReading {
      clearInterval(timer);
      const after = rssOf(pid)?.rssMiB ?? NaN;
      return { beforeMiB: before, peakMiB: Math.max(peak, after), afterMiB: after };
    },
  };
}

export type MemoryReading = { beforeMiB: number; peakMiB: number; afterMiB: number };

/** RSS once the server has been idle for `settleMs` (after warm-up). */
export async function idleMemory(pid: number, settleMs = 3000) {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return rssOf(pid);
}
