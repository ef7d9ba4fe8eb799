/**
 * Article page throughput: `next start` against a plain static file server that serves the
 * same HTML bytes, in the same run, with the same load generator (autocannon) at the same
 * concurrency. See bench/README.md.
 *
 *   npm run bench:article                          # build, then run
 *   BENCH_SKIP_BUILD=1 npm run bench:article       # reuse .next-bench/ when a build exists
 */
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { Nginx } from "../e2e/faults/nginx";
import { timed } from "./lib/measure";
import { idleMemory, sampleMemory, type MemoryReading } from "./lib/memory";
import { loadAverage, machine, writeResults } from "./lib/report";
import { BENCH, withStack, type Stack } from "./lib/stack";

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_ARTICLE_SECONDS ?? 10);
const WARMUP_S = 2;
const STATIC_FILE = ".data/bench-static/article.html";

export type ArticleRun = {
  server: "next" | "nginx" | "static";
  url: string;
  requestsPerSecond: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  memory?: MemoryReading;
};

export type ArticleResult = {
  path: string;
  htmlBytes: number;
  connections: number;
  durationSeconds: number;
  runs: ArticleRun[];
  /** next ÷ static requests per second (`next start` alone; the issue's target is at least 0.14). */
  ratio: number;
  /** nginx with its 1 s cache in front of next ÷ static (as deployed; the target is at least 1/3). */
  nginxRatio: number;
  target: { text: string; met: boolean };
  loadAverageAtStart: string;
};

async function load(url: string, seconds: number) {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 30 });
}

async function measure(server: ArticleRun["server"], url: string, memoryPid?: number): Promise<ArticleRun> {
  await load(url, WARMUP_S);
  const sampler = memoryPid ? sampleMemory(memoryPid) : undefined;
  const r = await load(url, DURATION_S);
  const memory = sampler?.stop();
  return {
    server,
    url,
    requestsPerSecond: Math.round(r.requests.average),
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    ...(memory ? { memory } : {}),
  };
}

async function firstArticlePath(baseUrl: string): Promise<string> {
  const list = await timed(`${baseUrl}/articles`);
  const slug = /href="(\/articles\/[a-z0-9-]+)"/.exec(list.body)?.[1];
  if (list.status !== 200 || !slug) throw new Error(`no article link on /articles (status ${list.status || list.error})`);
  return slug;
}

export async function runArticle(stack: Stack): Promise<ArticleResult> {
  const articlePath = await firstArticlePath(stack.baseUrl);
  const page = await timed(`${stack.baseUrl}${articlePath}`);
  if (page.status !== 200) throw new Error(`GET ${articlePath} answered ${page.status || page.error}`);
  mkdirSync(path.dirname(STATIC_FILE), { recursive: true });
  writeFileSync(STATIC_FILE, page.body);

  const staticServer = fork(path.resolve("bench/lib/static-server.ts"), [String(BENCH.staticPort), STATIC_FILE], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      staticServer.once("message", () => resolve());
      staticServer.once("exit", (code) => reject(new Error(`static server exited with ${code}`)));
    });
    const loadAverageAtStart = loadAverage();
    console.log(
      `\nArticle ${articlePath} (${Buffer.byteLength(page.body)} bytes), ${CONNECTIONS} connections, ${DURATION_S}s each after ${WARMUP_S}s warm-up`,
    );
    const next = await measure("next", `${stack.baseUrl}${articlePath}`, stack.serverPid);
    console.log(
      `  next:   ${next.requestsPerSecond} req/s, p50 ${next.p50} ms, p99 ${next.p99} ms, non-2xx ${next.non2xx}, errors ${next.errors}, RSS peak ${next.memory?.peakMiB} MiB`,
    );
    // As deployed (docs/DEPLOY.md): nginx in front, keeping the public pages for 1 s.
    const nginx = new Nginx({ port: BENCH.nginxPort, upstreams: [BENCH.appPort], cacheSeconds: 1 });
    await nginx.start();
    let proxied: ArticleRun;
    try {
      proxied = await measure("nginx", `${nginx.url}${articlePath}`);
    } finally {
      await nginx.stop();
    }
    console.log(`  nginx:  ${proxied.requestsPerSecond} req/s, p50 ${proxied.p50} ms, p99 ${proxied.p99} ms, non-2xx ${proxied.non2xx}`);
    const plain = await measure("static", `http://127.0.0.1:${BENCH.staticPort}/`);
    console.log(
      `  static: ${plain.requestsPerSecond} req/s, p50 ${plain.p50} ms, p99 ${plain.p99} ms, non-2xx ${plain.non2xx}, errors ${plain.errors}`,
    );
    const ratio = Math.round((next.requestsPerSecond / plain.requestsPerSecond) * 1000) / 1000;
    const nginxRatio = Math.round((proxied.requestsPerSecond / plain.requestsPerSecond) * 1000) / 1000;
    const target = { text: "nginx ≥ 1/3 and next alone ≥ 0.14 of static req/s", met: nginxRatio >= 1 / 3 && ratio >= 0.14 };
    console.log(`  ratio next/static ${ratio}, nginx/static ${nginxRatio} (${target.met ? "target met" : "target MISSED"})`);
    return {
      path: articlePath,
      htmlBytes: Buffer.byteLength(page.body),
      connections: CONNECTIONS,
      durationSeconds: DURATION_S,
      runs: [next, proxied, plain],
      ratio,
      nginxRatio,
      target,
      loadAverageAtStart,
    };
  } finally {
    staticServer.kill();
  }
}

export function articleTable(a: ArticleResult): string {
  const row = (r: ArticleRun) =>
    `| ${{ next: "`next start` (page cache)", nginx: "nginx (1 s cache) → `next start`", static: "node:http static file" }[r.server]} | ${r.requestsPerSecond} | ${r.p50} | ${r.p97_5} | ${r.p99} | ${r.max} | ${r.non2xx + r.errors + r.timeouts} | ${r.memory?.peakMiB ?? ""} |`;
  return [
    `Article \`${a.path}\` (${a.htmlBytes} bytes of HTML), ${a.connections} connections, closed loop, ${a.durationSeconds} s each. **Ratio next/static: ${a.ratio}** (target ≥ 0.14), **nginx/static: ${a.nginxRatio}** (target ≥ 0.333): ${a.target.met ? "met" : "**missed**"}.`,
    "",
    "| Server | req/s | p50 ms | p97.5 ms | p99 ms | max ms | errors | peak RSS MiB |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...a.runs.map(row),
  ].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  withStack(async (stack) => {
    const startedAt = new Date();
    const machineInfo = machine();
    const idle = await idleMemory(stack.serverPid);
    const result = await runArticle(stack);
    const markdown = articleTable(result);
    console.log(`\n${markdown}\n`);
    console.log(
      `Results written to ${writeResults("article", startedAt, { startedAt, machine: machineInfo, stack, idleMemory: idle, result, markdown })}`,
    );
  });
}
