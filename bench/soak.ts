/**
 * Memory soak: mixed public-page load in rounds, reading the server's RSS after each, to
 * tell a leak (RSS keeps climbing under a heap limit, or the process dies) from V8 simply
 * keeping the heap it grew. Run it with a heap limit, e.g.
 *
 *   BENCH_SERVER_NODE_ARGS="--max-old-space-size=192" npm run bench:soak
 */
import { rssOf } from "./lib/memory";
import { closedLoop, timed } from "./lib/measure";
import { withStack } from "./lib/stack";

const ROUNDS = Number(process.env.BENCH_SOAK_ROUNDS ?? 8);
const PATHS = ["/book", "/articles/a-difficult-connection", "/about", "/", "/articles"];

withStack(async (stack) => {
  console.log(`server node args: ${process.env.BENCH_SERVER_NODE_ARGS ?? "(none)"}`);
  console.log(`start rss ${JSON.stringify(rssOf(stack.serverPid))}`);
  for (let round = 0; round < ROUNDS; round++) {
    const { samples } = await closedLoop(20, 40, (client, i) => timed(stack.baseUrl + PATHS[(client + i) % PATHS.length]));
    const errors = samples.filter((s) => s.status !== 200).length;
    console.log(
      `round ${round + 1}/${ROUNDS}: ${samples.length} requests, ${errors} errors, rss ${JSON.stringify(rssOf(stack.serverPid))}`,
    );
    if (errors > 0) process.exitCode = 1;
  }
  await new Promise((resolve) => setTimeout(resolve, 5000));
  console.log(`idle after 5 s: rss ${JSON.stringify(rssOf(stack.serverPid))}`);
});
