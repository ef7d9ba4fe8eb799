/**
 * Every benchmark against one production stack (one build): article vs static, Lighthouse,
 * booking, intake, and the server's memory idle and under each load. Prints one markdown
 * report and writes the JSON to bench/results/all-<time>.json. See bench/README.md.
 *
 *   npm run bench:all                              # build, then run (under 10 minutes on 2 cores)
 *   BENCH_SKIP_BUILD=1 npm run bench:all           # reuse .next-bench/ when a build exists
 */
import { performance } from "node:perf_hooks";
import { articleTable, runArticle } from "./article";
import { bookingFailed, runBooking } from "./booking";
import { runIntake } from "./intake";
import { lighthouseTable, runLighthouse } from "./lighthouse";
import { pacingText, sec, timed } from "./lib/measure";
import { idleMemory } from "./lib/memory";
import { machine, table, writeResults } from "./lib/report";
import { withStack } from "./lib/stack";

withStack(async (stack) => {
  const startedAt = new Date();
  const runStarted = performance.now();
  const machineInfo = machine();
  // Warm the pages every benchmark uses, then let the server settle before reading its memory.
  for (const p of ["/", "/articles", "/book"]) await timed(`${stack.baseUrl}${p}`);
  const idle = await idleMemory(stack.serverPid);
  console.log(`Idle server RSS after warm-up: ${idle?.rssMiB} MiB; load average ${machineInfo.loadAverageAtStart}`);

  let t = performance.now();
  const article = await runArticle(stack);
  console.log(`(article ${sec(t)})`);
  t = performance.now();
  const lighthousePages = await runLighthouse(stack);
  console.log(`(lighthouse ${sec(t)})`);
  t = performance.now();
  const booking = await runBooking(stack);
  console.log(`(booking ${sec(t)})`);
  t = performance.now();
  const intake = await runIntake(stack);
  console.log(`(intake ${sec(t)})`);
  const idleAfter = await idleMemory(stack.serverPid);

  const memoryRows = [
    `| idle after warm-up | ${idle?.rssMiB} |`,
    ...article.runs.filter((r) => r.memory).map((r) => `| article, ${article.connections} connections (peak) | ${r.memory!.peakMiB} |`),
    ...[...booking, ...intake]
      .filter((r) => r.memory && !/^B5[a-e]$/.test(r.id))
      .map((r) => `| ${r.id} ${r.name} (peak) | ${r.memory!.peakMiB} |`),
    `| idle at the end | ${idleAfter?.rssMiB} (kernel high-water mark ${idleAfter?.hwmMiB}) |`,
  ];
  const totalSeconds = Math.round((performance.now() - runStarted) / 1000);
  const markdown = [
    `Run ${startedAt.toISOString()}: ${machineInfo.cpus} × ${machineInfo.cpuModel}, ${machineInfo.memoryGiB} GiB, ${machineInfo.platform}, Node ${machineInfo.node}. Load average at start: ${machineInfo.loadAverageAtStart}. Build ${stack.skippedBuild ? "reused" : `${stack.buildSeconds} s`}; benchmarks ${totalSeconds} s. The load generator, the app and PostgreSQL share the same CPUs.`,
    "",
    "### Article page vs static file server",
    "",
    articleTable(article),
    "",
    "### Lighthouse (mobile preset)",
    "",
    lighthouseTable(lighthousePages),
    "",
    "### Booking and intake",
    "",
    `Closed loop: every client sends its next request as soon as the last returns (saturation). Paced users: ${pacingText}. Burst: every client sends one request at the same moment.`,
    "",
    table([...booking, ...intake]),
    "",
    "### Memory of the server process (RSS, MiB)",
    "",
    "| When | RSS MiB |",
    "| --- | ---: |",
    ...memoryRows,
  ].join("\n");
  console.log(`\n${markdown}\n`);
  const file = writeResults("all", startedAt, {
    startedAt,
    machine: machineInfo,
    stack,
    memory: { idle, idleAfter },
    article,
    lighthouse: lighthousePages,
    booking,
    intake,
    pacing: pacingText,
    totalSeconds,
    markdown,
  });
  console.log(`Results written to ${file}`);
  const failure = bookingFailed(booking) ?? (intake.some((r) => !r.ok) ? "an intake scenario failed; see above." : null);
  if (failure) {
    console.error(`FAIL: ${failure}`);
    process.exitCode = 1;
  }
});
