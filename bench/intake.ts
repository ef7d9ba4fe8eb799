/**
 * Intake load benchmark: the draft-save and submit server actions under 50 concurrent
 * signed-in clients, called over HTTP as the browser calls them. See bench/README.md.
 *
 *   npm run bench:intake                           # build, then run
 *   BENCH_SKIP_BUILD=1 npm run bench:intake        # reuse .next-bench/ when a build exists
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { actionId, callAction } from "./lib/actions";
import { closedLoop, paced, pacingText, PACING, summarise, timed, type Sample, type Timed } from "./lib/measure";
import { idleMemory, sampleMemory } from "./lib/memory";
import { machine, printResult, table, writeResults, type Result } from "./lib/report";
import { createClients, type BenchClient } from "./lib/sessions";
import { BENCH, withStack, type Stack } from "./lib/stack";

const CLIENTS = 50;
const CLOSED_SAVES_PER_CLIENT = 12;
const PACED_SAVES_PER_USER = 10;
const P95_TARGET_MS = 150;
const ACTIONS_FILE = "lib/actions/intake.ts";

/** One complete, valid intake (fictional answers), step by step, in the order the form saves them. */
const ANSWERS: [string, Record<string, unknown>][] = [
  [
    "about-you",
    {
      legalName: "Bench Client",
      preferredName: "",
      pronouns: "",
      dateOfBirth: "1990-01-15",
      phone: "(555) 010-2000",
      state: "New York",
      emergencyName: "Sam Contact",
      emergencyRelationship: "Partner",
      emergencyPhone: "(555) 010-3000",
    },
  ],
  [
    "pregnancy-and-postpartum",
    {
      situation: "postpartum",
      dueDate: "",
      babyBirthDate: "2026-09-01",
      situationOther: "",
      children: "1",
      birthExperience: "A long labour.",
      feeding: null,
      sleep: null,
      support: "",
      deployment: null,
    },
  ],
  ["what-brings-you", { concerns: ["anxiety"], concernsOther: "", whatBrings: "Worrying a lot since the birth.", goals: "" }],
  [
    "history",
    {
      previousCare: null,
      previousCareDetails: "",
      diagnoses: "",
      hospitalizations: null,
      hospitalizationDetails: "",
      medications: "",
      substanceUse: null,
      substanceDetails: "",
      trauma: null,
      traumaDetails: "",
    },
  ],
  ["screening", { phq9: [0, 0, 1, 0, 1, 0, 0, 0, 0], phq9Difficulty: null, gad7: [1, 1, 0, 0, 0, 0, 0] }],
  [
    "consent",
    { consentTherapy: true, consentTelehealth: true, privacyNotice: true, voicemailOk: false, emailOk: false, signature: "Bench Client" },
  ],
];

const p95Target = (p95: number) => ({ text: `p95 < ${P95_TARGET_MS} ms`, met: p95 < P95_TARGET_MS });

function savedOk(r: Timed): Sample {
  const ok = r.status === 200 && r.body.includes('"ok":true');
  return { ms: r.ms, status: r.status, error: ok ? r.error : (r.error ?? `not saved: ${r.body.slice(0, 120)}`) };
}

function submittedOk(r: Timed): Sample {
  // The action redirects to /portal/intake?submitted=1: Next answers 303 with the target in a header.
  const target = r.headers.get("x-action-redirect") ?? r.headers.get("location") ?? "";
  const ok = target.includes("submitted=1");
  return { ms: r.ms, status: r.status, error: ok ? r.error : (r.error ?? `not submitted: ${r.status} ${target} ${r.body.slice(0, 120)}`) };
}

function failures(samples: Sample[]) {
  const bad = samples.filter((s) => s.error);
  return { count: bad.length, notes: [...new Set(bad.map((s) => s.error!))].slice(0, 3) };
}

export async function runIntake(stack: Stack): Promise<Result[]> {
  const saveId = actionId(BENCH.distDir, ACTIONS_FILE, "saveIntakeDraftAction");
  const submitId = actionId(BENCH.distDir, ACTIONS_FILE, "submitIntakeAction");
  const closedGroup = await createClients(stack.databaseUrl, CLIENTS, "intake-closed");
  const pacedGroup = await createClients(stack.databaseUrl, CLIENTS, "intake-paced");

  const save = (client: BenchClient, i: number) => {
    const [step, values] = ANSWERS[i % ANSWERS.length]!;
    return callAction(stack.baseUrl, `/portal/intake/${step}`, saveId, [step, values], client.cookie).then(savedOk);
  };
  const submit = (client: BenchClient) => callAction(stack.baseUrl, "/portal/intake/review", submitId, [], client.cookie).then(submittedOk);

  // Warm-up: the page and both actions' modules, on a client of its own.
  const [warm] = await createClients(stack.databaseUrl, 1, "intake-warm");
  for (let i = 0; i < ANSWERS.length; i++) {
    const r = await save(warm!, i);
    if (r.error) throw new Error(`warm-up draft save failed: ${r.status} ${r.error}`);
  }
  const w = await submit(warm!);
  if (w.error) throw new Error(`warm-up submit failed: ${w.error}`);

  const results: Result[] = [];
  const record = (r: Result) => {
    printResult(r);
    results.push(r);
  };

  let sampler = sampleMemory(stack.serverPid);
  const closed = await closedLoop(CLIENTS, CLOSED_SAVES_PER_CLIENT, (c, i) => save(closedGroup[c]!, i));
  let f = failures(closed.samples);
  record({
    id: "I1",
    name: `draft save, ${CLIENTS} clients × ${CLOSED_SAVES_PER_CLIENT} (saveIntakeDraftAction)`,
    shape: "closed",
    summary: closed.summary,
    counts: { errors: f.count },
    ok: f.count === 0,
    notes: f.notes,
    memory: sampler.stop(),
    target: p95Target(closed.summary.p95),
  });

  sampler = sampleMemory(stack.serverPid);
  const pacedSaves = await paced(CLIENTS, PACED_SAVES_PER_USER, (u, i) => save(pacedGroup[u]!, i));
  f = failures(pacedSaves.samples);
  record({
    id: "I2",
    name: `draft save, ${CLIENTS} users × ${PACED_SAVES_PER_USER} (saveIntakeDraftAction)`,
    shape: "paced",
    summary: pacedSaves.summary,
    counts: { errors: f.count },
    ok: f.count === 0,
    notes: [pacingText, ...f.notes],
    memory: sampler.stop(),
    target: p95Target(pacedSaves.summary.p95),
  });

  // Submitting locks the intake, so each client submits once: all 50 at the same moment...
  sampler = sampleMemory(stack.serverPid);
  let started = performance.now();
  const burst = await Promise.all(closedGroup.map(submit));
  let summary = summarise(burst, performance.now() - started);
  f = failures(burst);
  record({
    id: "I3",
    name: `submit, ${CLIENTS} clients at once (submitIntakeAction)`,
    shape: "burst",
    summary,
    counts: { submitted: burst.length - f.count, errors: f.count },
    ok: f.count === 0,
    notes: ["the answer includes the /portal/intake page the action redirects to, rendered in the same response", ...f.notes],
    memory: sampler.stop(),
    target: p95Target(summary.p95),
  });

  // ... and spread at random over the think time of 50 users, as if they pressed Submit
  // at about the same rate as the paced saves.
  sampler = sampleMemory(stack.serverPid);
  started = performance.now();
  const spread = await Promise.all(
    pacedGroup.map(async (client) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * PACING.thinkMs * 5));
      return submit(client);
    }),
  );
  summary = summarise(spread, performance.now() - started);
  f = failures(spread);
  record({
    id: "I4",
    name: `submit, ${CLIENTS} users spread over ${(PACING.thinkMs * 5) / 1000} s (submitIntakeAction)`,
    shape: "paced",
    summary,
    counts: { submitted: spread.length - f.count, errors: f.count },
    ok: f.count === 0,
    notes: [`each user submits once, at a uniformly random moment in the first ${(PACING.thinkMs * 5) / 1000} s`, ...f.notes],
    memory: sampler.stop(),
    target: p95Target(summary.p95),
  });
  // A self-harm answer, sent by the step form the moment it is given: 50 clients at once, each
  // the first positive answer of a draft, so each request also raises the urgent flag and
  // queues the clinician's notice in its transaction.
  const riskGroup = await createClients(stack.databaseUrl, CLIENTS, "intake-risk");
  for (const client of riskGroup) {
    const r = await save(client, 0);
    if (r.error) throw new Error(`risk group draft save failed: ${r.error}`);
  }
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  const ids = new Map(
    (
      await db.query<{ id: string; clientId: string }>(`SELECT id, "clientId" FROM "Intake" WHERE "clientId" = ANY($1)`, [
        riskGroup.map((c) => c.id),
      ])
    ).rows.map((row) => [row.clientId, row.id]),
  );
  await db.end();
  const risk = (client: BenchClient, answer: number, key: string, first: boolean) =>
    timed(`${stack.baseUrl}/api/intake/risk-answers`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: new URL(stack.baseUrl).origin, Cookie: client.cookie },
      body: JSON.stringify({
        intakeId: ids.get(client.id),
        source: "answer",
        answers: [{ key, measure: "phq9", item: 9, answer, answeredAt: Date.now() }],
      }),
    }).then((r): Sample => {
      const ok = r.status === 200 && r.body.includes('"recorded":1') && (!first || r.body.includes('"notified":true'));
      return { ms: r.ms, status: r.status, error: ok ? r.error : (r.error ?? `not recorded: ${r.status} ${r.body.slice(0, 120)}`) };
    });
  // I5a first: one client, answers one after another (each a change, so each is recorded), for
  // the latency of the answer alone, without queueing behind others.
  const [single] = await createClients(stack.databaseUrl, 1, "intake-risk-single");
  await save(single!, 0);
  const singleDb = new pg.Client({ connectionString: stack.databaseUrl });
  await singleDb.connect();
  ids.set(single!.id, (await singleDb.query<{ id: string }>(`SELECT id FROM "Intake" WHERE "clientId" = $1`, [single!.id])).rows[0]!.id);
  await singleDb.end();
  const sequential: Sample[] = [];
  started = performance.now();
  for (let i = 0; i < 20; i++) sequential.push(await risk(single!, i % 2 === 0 ? 1 : 0, `bench-single-${i}`, i === 0));
  summary = summarise(sequential, performance.now() - started);
  f = failures(sequential);
  record({
    id: "I5a",
    name: "risk answer, 1 client × 20 one after another (POST /api/intake/risk-answers)",
    shape: "sequential",
    summary,
    counts: { errors: f.count },
    ok: f.count === 0,
    notes: ["alternating 'Several days' / 'Not at all': every answer is a change and is recorded", ...f.notes],
    target: p95Target(summary.p95),
  });

  sampler = sampleMemory(stack.serverPid);
  started = performance.now();
  const risks = await Promise.all(riskGroup.map((client) => risk(client, 1, `bench-${client.id}`, true)));
  summary = summarise(risks, performance.now() - started);
  f = failures(risks);
  record({
    id: "I5",
    name: `risk answer, ${CLIENTS} clients at once (POST /api/intake/risk-answers)`,
    shape: "burst",
    summary,
    counts: { recorded: risks.length - f.count, errors: f.count },
    ok: f.count === 0,
    notes: ["each the first positive answer of its intake: records the event, raises the urgent flag, queues the notice", ...f.notes],
    memory: sampler.stop(),
    target: p95Target(summary.p95),
  });
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  withStack(async (stack) => {
    const startedAt = new Date();
    const machineInfo = machine();
    const idle = await idleMemory(stack.serverPid);
    const results = await runIntake(stack);
    const markdown = table(results);
    console.log(`\n${markdown}\n`);
    console.log(
      `Results written to ${writeResults("intake", startedAt, { startedAt, machine: machineInfo, stack, idleMemory: idle, pacing: pacingText, results, markdown })}`,
    );
    if (results.some((r) => !r.ok)) process.exitCode = 1;
  });
}
