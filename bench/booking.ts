/**
 * Booking load benchmark: the slot page, the hold request and a full booking (hold, then
 * confirming through the emailed sign-in link) under 50 concurrent clients, and one slot
 * raced by 50 clients (exactly one may win). See bench/README.md.
 *
 *   npm run bench:booking                          # build, then run
 *   BENCH_SKIP_BUILD=1 npm run bench:booking       # reuse .next-bench/ when a build exists
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { mailWatcher } from "./lib/mail";
import { closedLoop, paced, pacingText, summarise, timed, type Sample, type Timed } from "./lib/measure";
import { idleMemory, sampleMemory } from "./lib/memory";
import { machine, printResult, table, writeResults, type Result } from "./lib/report";
import { BENCH, withStack, type Stack } from "./lib/stack";

const CLIENTS = 50;
const LIST_REQUESTS_PER_CLIENT = 20;
const PACED_REQUESTS_PER_USER = 10;
const BASELINE_REQUESTS = 20;
const P95_TARGET_MS = 150;

const SLOT_ATTR = /data-slot="([^"]+)"/g;

/** The open slots /book lists, in page order, without duplicates. */
function slotsFrom(html: string): string[] {
  return [...new Set([...html.matchAll(SLOT_ATTR)].map((m) => m[1]!))];
}

async function openSlots(baseUrl: string): Promise<string[]> {
  const page = await timed(`${baseUrl}/book`);
  if (page.status !== 200) throw new Error(`GET /book answered ${page.status || page.error}`);
  return slotsFrom(page.body);
}

/** A hold request as the booking form sends it, from its own simulated client IP. */
function hold(baseUrl: string, slotStart: string, client: { email: string; ip: string }) {
  return timed(`${baseUrl}/api/bookings/hold`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: new URL(baseUrl).origin, "X-Forwarded-For": client.ip },
    body: JSON.stringify({
      slotStart,
      firstName: "Bench",
      email: client.email,
      phone: "",
      contactMethod: "EMAIL",
      note: "",
      consent: true,
      timeZone: "America/New_York",
      website: "",
    }),
  });
}

const p95Target = (p95: number) => ({ text: `p95 < ${P95_TARGET_MS} ms`, met: p95 < P95_TARGET_MS });

/** Runs `fn` while sampling the server's memory. */
async function withMemory<T extends Omit<Result, "memory">>(stack: Stack, fn: () => Promise<T>): Promise<T & Pick<Result, "memory">> {
  const sampler = sampleMemory(stack.serverPid);
  const result = await fn();
  return { ...result, memory: sampler.stop() };
}

async function baseline(stack: Stack): Promise<Result> {
  const samples: Sample[] = [];
  const started = performance.now();
  for (let i = 0; i < BASELINE_REQUESTS; i++) samples.push(await timed(`${stack.baseUrl}/book`));
  const errors = samples.filter((s) => s.status !== 200 || s.error).length;
  return {
    id: "B0",
    name: `GET /book, 1 client × ${BASELINE_REQUESTS}`,
    shape: "sequential",
    summary: summarise(samples, performance.now() - started),
    counts: { errors },
    ok: errors === 0,
    notes: [],
  };
}

async function listSlot(stack: Stack): Promise<Sample> {
  const r = await timed(`${stack.baseUrl}/book`);
  const ok = r.status === 200 && r.body.includes('data-slot="');
  return { ms: r.ms, status: r.status, error: ok ? r.error : (r.error ?? "no slots in page") };
}

async function listSlotsClosed(stack: Stack): Promise<Result> {
  const { samples, summary } = await closedLoop(CLIENTS, LIST_REQUESTS_PER_CLIENT, () => listSlot(stack));
  const errors = samples.filter((s) => s.status !== 200 || s.error).length;
  return {
    id: "B1",
    name: `GET /book, ${CLIENTS} clients × ${LIST_REQUESTS_PER_CLIENT}`,
    shape: "closed",
    summary,
    counts: { errors },
    ok: errors === 0,
    notes: errors ? [`${errors} requests failed or returned a page without slots`] : [],
    target: p95Target(summary.p95),
  };
}

async function listSlotsPaced(stack: Stack): Promise<Result> {
  const { samples, summary } = await paced(CLIENTS, PACED_REQUESTS_PER_USER, () => listSlot(stack));
  const errors = samples.filter((s) => s.status !== 200 || s.error).length;
  return {
    id: "B2",
    name: `GET /book, ${CLIENTS} users × ${PACED_REQUESTS_PER_USER}`,
    shape: "paced",
    summary,
    counts: { errors },
    ok: errors === 0,
    notes: [pacingText],
    target: p95Target(summary.p95),
  };
}

async function oneSlotRace(stack: Stack): Promise<Result> {
  const target = (await openSlots(stack.baseUrl))[0];
  if (!target) throw new Error("/book lists no open slots");
  const started = performance.now();
  const samples = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) => hold(stack.baseUrl, target, { email: `race-${i}@bench.test`, ip: `10.1.0.${i + 1}` })),
  );
  const summary = summarise(samples, performance.now() - started);
  const winners = samples.filter((s) => s.status === 201).length;
  const conflicts = samples.filter((s) => s.status === 409).length;
  // "taken": the exclusion constraint refused the insert; "unavailable": the slot check inside
  // the transaction already saw the winner's hold.
  const reasons: Record<string, number> = {};
  for (const s of samples.filter((x) => x.status === 409)) {
    let reason = "unparsable";
    try {
      reason = String((JSON.parse(s.body) as { reason?: string }).reason ?? "none");
    } catch {
      /* counted as unparsable */
    }
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  const stillListed = (await openSlots(stack.baseUrl)).includes(target);
  const notes = [`slot ${target}`];
  if (winners !== 1) notes.push(`expected exactly 1 winner, got ${winners}`);
  if (stillListed) notes.push("the held slot is still listed on /book afterwards");
  const firstOther = samples.find((s) => s.status !== 201 && s.status !== 409);
  if (firstOther) notes.push(`first unexpected answer: ${firstOther.status || firstOther.error} ${firstOther.body.slice(0, 200)}`);
  return {
    id: "B3",
    name: `one slot, ${CLIENTS} clients at once (POST /api/bookings/hold)`,
    shape: "burst",
    summary,
    counts: {
      winners,
      "409": conflicts,
      ...Object.fromEntries(Object.entries(reasons).map(([k, v]) => [`409 ${k}`, v])),
      other: samples.length - winners - conflicts,
    },
    ok: winners === 1 && !stillListed,
    notes,
  };
}

async function differentSlots(stack: Stack): Promise<Result> {
  const slots = (await openSlots(stack.baseUrl)).slice(0, CLIENTS);
  if (slots.length === 0) throw new Error("/book lists no open slots");
  const started = performance.now();
  const samples = await Promise.all(
    slots.map((slot, i) => hold(stack.baseUrl, slot, { email: `spread-${i}@bench.test`, ip: `10.2.0.${i + 1}` })),
  );
  const summary = summarise(samples, performance.now() - started);
  const successes = samples.filter((s) => s.status === 201).length;
  const left = new Set(await openSlots(stack.baseUrl));
  const stillListed = slots.filter((slot, i) => samples[i]!.status === 201 && left.has(slot)).length;
  const notes = [`${slots.length} distinct slots requested`];
  if (successes !== slots.length) notes.push(`${slots.length - successes} holds did not succeed`);
  if (stillListed) notes.push(`${stillListed} held slots are still listed on /book afterwards`);
  const firstOther = samples.find((s) => s.status !== 201);
  if (firstOther) notes.push(`first unexpected answer: ${firstOther.status || firstOther.error} ${firstOther.body.slice(0, 200)}`);
  // Withdraw these holds so the full booking below has 50 open slots too.
  const ids = samples.filter((s) => s.status === 201).map((s) => (JSON.parse(s.body) as { bookingId: string }).bookingId);
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  await db.query(`DELETE FROM "Booking" WHERE id = ANY($1) AND status = 'HOLD'`, [ids]).finally(() => db.end());
  return {
    id: "B4",
    name: `different slots, ${slots.length} clients at once (POST /api/bookings/hold)`,
    shape: "burst",
    summary,
    counts: { successes, failures: slots.length - successes },
    ok: successes === slots.length && stillListed === 0,
    notes,
    target: p95Target(summary.p95),
  };
}

/**
 * The whole booking as 50 people do it at the same time, each on a slot of their own, with
 * the requests the booking form makes: the hold, then next-auth's signIn("email") (a CSRF
 * token, then the sign-in request that sends the email), then the emailed link (next-auth
 * signs them in and sends them on to /portal/confirm), and the confirm request that turns the
 * hold into a booking. The wait for the email to arrive is not counted; the requests are.
 */
async function fullBooking(stack: Stack): Promise<Result[]> {
  const slots = (await openSlots(stack.baseUrl)).slice(0, CLIENTS);
  const mail = mailWatcher(BENCH.mailbox);
  const steps = { hold: [] as Sample[], csrf: [] as Sample[], signIn: [] as Sample[], link: [] as Sample[], confirm: [] as Sample[] };
  let confirmed = 0;
  const problems: string[] = [];
  const origin = new URL(stack.baseUrl).origin;
  const cookiesOf = (r: Timed) =>
    r.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  const started = performance.now();
  await Promise.all(
    slots.map(async (slot, i) => {
      const email = `full-${i}@bench.test`;
      const ip = `10.3.0.${i + 1}`;
      const h = await hold(stack.baseUrl, slot, { email, ip });
      steps.hold.push(h);
      if (h.status !== 201) return void problems.push(`hold ${h.status || h.error}`);
      const bookingId = (JSON.parse(h.body) as { bookingId: string }).bookingId;

      const c = await timed(`${stack.baseUrl}/api/auth/csrf`, { headers: { "X-Forwarded-For": ip } });
      steps.csrf.push(c);
      const csrfToken = c.status === 200 ? (JSON.parse(c.body) as { csrfToken: string }).csrfToken : "";
      const s = await timed(`${stack.baseUrl}/api/auth/signin/email`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, "X-Forwarded-For": ip, Cookie: cookiesOf(c) },
        body: new URLSearchParams({
          email,
          callbackUrl: `${stack.baseUrl}/portal/confirm?booking=${bookingId}`,
          csrfToken,
          json: "true",
        }).toString(),
      });
      steps.signIn.push(s);
      if (s.status !== 200 || s.body.includes("error="))
        return void problems.push(`sign-in request ${s.status || s.error} ${s.body.slice(0, 120)}`);

      const link = await mail.linkFor(email).catch((e: Error) => void problems.push(e.message));
      if (!link) return;
      // The link carries SITE_URL's origin, which is this stack's.
      const l = await timed(link, { headers: { "X-Forwarded-For": ip } });
      steps.link.push(l);
      const session = cookiesOf(l);
      const next = l.headers.get("location");
      if (l.status !== 302 || !next || !session.includes("session-token")) return void problems.push(`link ${l.status} → ${next}`);
      const f = await timed(new URL(next, stack.baseUrl).href, { headers: { Cookie: session, "X-Forwarded-For": ip } });
      steps.confirm.push(f);
      if (f.status === 303 && f.headers.get("location")?.includes("status=confirmed")) confirmed++;
      else problems.push(`confirm ${f.status} → ${f.headers.get("location")}`);
    }),
  );
  const wall = performance.now() - started;
  const ok = confirmed === slots.length;
  const step = (id: string, name: string, samples: Sample[]): Result => {
    const summary = summarise(samples, wall);
    return { id, name, shape: "burst", summary, counts: {}, ok, notes: [], target: p95Target(summary.p95) };
  };
  const total = summarise(Object.values(steps).flat(), wall);
  return [
    {
      id: "B5",
      name: `full booking, ${slots.length} clients at once (all its requests)`,
      shape: "burst",
      summary: total,
      counts: { bookings: slots.length, confirmed },
      ok,
      notes: [`wall time ${Math.round(wall)} ms includes waiting for the emails`, ...[...new Set(problems)].slice(0, 5)],
      target: p95Target(total.p95),
    },
    step("B5a", "… hold (POST /api/bookings/hold)", steps.hold),
    step("B5b", "… CSRF token (GET /api/auth/csrf)", steps.csrf),
    step("B5c", "… sign-in email request (POST /api/auth/signin/email)", steps.signIn),
    step("B5d", "… emailed link (GET /api/auth/callback/email)", steps.link),
    step("B5e", "… confirm (GET /portal/confirm)", steps.confirm),
  ];
}

/** A few untimed requests so that the first measured ones do not pay for module loading. */
async function warmUp(stack: Stack) {
  for (let i = 0; i < 5; i++) await timed(`${stack.baseUrl}/book`);
  // Invalid body: passes the origin check, loads the route, stores nothing (400).
  const r = await timed(`${stack.baseUrl}/api/bookings/hold`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: new URL(stack.baseUrl).origin, "X-Forwarded-For": "10.9.9.9" },
    body: "{}",
  });
  if (r.status !== 400) throw new Error(`warm-up hold request answered ${r.status || r.error} (expected 400): ${r.body.slice(0, 200)}`);
}

export async function runBooking(stack: Stack): Promise<Result[]> {
  await warmUp(stack);
  const results: Result[] = [];
  const run = async (fn: () => Promise<Omit<Result, "memory">>) => {
    const r = await withMemory(stack, fn);
    printResult(r);
    results.push(r);
  };
  await run(() => baseline(stack));
  await run(() => listSlotsClosed(stack));
  await run(() => listSlotsPaced(stack));
  await run(() => oneSlotRace(stack));
  await run(() => differentSlots(stack));
  const sampler = sampleMemory(stack.serverPid);
  const full = await fullBooking(stack);
  const memory = sampler.stop();
  for (const r of full) {
    r.memory = memory;
    printResult(r);
    results.push(r);
  }
  return results;
}

/** Exit code: 1 when the race had other than exactly one winner, or a scenario failed its check. */
export function bookingFailed(results: Result[]): string | null {
  const race = results.find((r) => r.id === "B3");
  if (race && race.counts.winners !== 1) return `${race.counts.winners} clients won the same slot (expected exactly 1).`;
  if (results.some((r) => !r.ok)) return "a booking scenario failed its check; see the notes above.";
  return null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  withStack(async (stack) => {
    const startedAt = new Date();
    const machineInfo = machine();
    const idle = await idleMemory(stack.serverPid);
    const results = await runBooking(stack);
    const markdown = table(results);
    console.log(`\n${markdown}\n`);
    const file = writeResults("booking", startedAt, {
      startedAt,
      machine: machineInfo,
      stack,
      idleMemory: idle,
      pacing: pacingText,
      results,
      markdown,
    });
    console.log(`Results written to ${file}`);
    const failure = bookingFailed(results);
    if (failure) {
      console.error(`FAIL: ${failure}`);
      process.exitCode = 1;
    }
  });
}
