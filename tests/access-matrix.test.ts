/**
 * Who may use what, checked by what the code does. Every protected route file and every
 * exported server action has an entry in e2e/access-matrix.ts (adding one without deciding
 * who may use it fails here), and each guarded action, called as a visitor without a session
 * and as the wrong kind of user, sends them to the right sign-in page and changes nothing.
 *
 * The session code is the real one (lib/auth/session.ts), reading real Session rows through a
 * cookie jar that stands in for next/headers; redirect() is next/navigation's own.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { ACTIONS, GUARDED_ROUTE_DIRS, ROUTES } from "../e2e/access-matrix";

const browser = vi.hoisted(() => ({ cookies: new Map<string, string>() }));

vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (browser.cookies.has(name) ? { name, value: browser.cookies.get(name)! } : undefined),
    getAll: () => [...browser.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => browser.cookies.has(name),
    set: (name: string, value: string) => void browser.cookies.set(name, value),
    delete: (name: string) => void browser.cookies.delete(name),
  }),
  headers: async () => new Headers({ host: "localhost:3000", origin: "http://localhost:3000" }),
}));
// Only reached if a guard let someone through; it needs Next's request scope.
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), updateTag: vi.fn() }));

const { prisma } = await import("@/lib/platform/db");
const { env } = await import("@/lib/platform/env");
const { sessionCookieName } = await import("@/lib/auth/session");
const fingerprint = await import("./support/fingerprint");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

type Action = (...args: unknown[]) => Promise<unknown>;

/** Every function each lib/actions module exports, as `lib/actions/<file>.ts#<name>`. */
async function exportedActions(): Promise<Map<string, Action>> {
  const found = new Map<string, Action>();
  for (const file of files("lib/actions").filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))) {
    const exports = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) if (typeof value === "function") found.set(`${file}#${name}`, value as Action);
  }
  return found;
}

/**
 * What each action is called with: a plausible form, so that an action reached without its
 * guard would have something to act on. An action that must read its input before its guard
 * (to send her back to the page she was on) gets input that passes that first parse.
 */
function argumentsFor(key: string): unknown[] {
  const form = new FormData();
  const fields: Record<string, string> = {
    "lib/actions/booking.ts#rescheduleAction": "bookingId=b-matrix&slotStart=2030-01-08T14:00:00.000Z",
  };
  for (const [name, value] of new URLSearchParams(fields[key] ?? "id=x-matrix&intakeId=x-matrix&note=n&intent=remove"))
    form.set(name, value);
  return [null, form];
}

/** The sign-in page a visitor is sent to, or what else happened. */
async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    const value = await run();
    return `returned ${JSON.stringify(value)?.slice(0, 200)}`;
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;"))
      return `redirect ${new URL(digest.split(";")[2]!, "http://x").pathname}`;
    return `threw ${String(error)}`;
  }
}

const SIGN_IN = { requireClient: "redirect /signin", requireClinician: "redirect /dashboard/signin" } as const;

const people = {
  client: { id: `matrix-client-${randomUUID()}`, role: "CLIENT" as const },
  clinician: { id: `matrix-clinician-${randomUUID()}`, role: "CLINICIAN" as const },
};
const sessionCookies: Record<keyof typeof people, string> = { client: "", clinician: "" };

beforeAll(async () => {
  for (const [kind, person] of Object.entries(people) as [keyof typeof people, (typeof people)[keyof typeof people]][]) {
    await prisma.user.create({ data: { id: person.id, email: `${person.id}@example.test`, role: person.role } });
    const sid = randomBytes(32).toString("base64url");
    await prisma.session.create({ data: { id: sid, userId: person.id, expiresAt: new Date(Date.now() + 3600_000) } });
    sessionCookies[kind] = await encode({ token: { sub: person.id, sid }, secret: env().NEXTAUTH_SECRET });
  }
});

afterAll(async () => {
  await prisma.session.deleteMany({ where: { userId: { in: [people.client.id, people.clinician.id] } } });
  await prisma.user.deleteMany({ where: { id: { in: [people.client.id, people.clinician.id] } } });
  await prisma.$disconnect();
});

function signedInAs(kind: keyof typeof people | null) {
  browser.cookies.clear();
  if (kind) browser.cookies.set(sessionCookieName(), sessionCookies[kind]);
}

describe("access matrix", () => {
  test("lists every page and route handler outside the public site", () => {
    const routes = GUARDED_ROUTE_DIRS.flatMap(files).filter((f) => /(page\.tsx|route\.ts)$/.test(f));
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((f) => !(f in ROUTES));
    expect(missing, "add these to ROUTES in e2e/access-matrix.ts").toEqual([]);
    const stale = Object.keys(ROUTES).filter((f) => !routes.includes(f));
    expect(stale, "these ROUTES entries no longer exist").toEqual([]);
  });

  test("lists every exported server action, and nothing that is not one", async () => {
    const found = [...(await exportedActions()).keys()];
    expect(found.length).toBeGreaterThan(10);
    expect(
      found.filter((key) => !(key in ACTIONS)),
      "add these to ACTIONS in e2e/access-matrix.ts",
    ).toEqual([]);
    expect(
      Object.keys(ACTIONS).filter((key) => !found.includes(key)),
      "these ACTIONS entries no longer exist",
    ).toEqual([]);
  });

  test("the session stand-in is real enough: the right person gets past each guard", async () => {
    const { requireClient, requireClinician } = await import("@/lib/auth/session");
    signedInAs("client");
    expect(await requireClient()).toMatchObject({ id: people.client.id });
    signedInAs("clinician");
    expect(await requireClinician()).toMatchObject({ id: people.clinician.id });
  });

  test("every guarded action sends a visitor and the wrong kind of user to sign in, and changes nothing", async () => {
    const actions = await exportedActions();
    const failures: string[] = [];
    for (const [key, action] of actions) {
      const guard = ACTIONS[key];
      if (!guard || guard === "public") continue;
      const wrong = guard === "requireClient" ? "clinician" : "client";
      for (const who of [null, wrong] as const) {
        signedInAs(who);
        const before = await fingerprint.state(prisma);
        const result = await outcome(() => action(...argumentsFor(key)));
        if (result !== SIGN_IN[guard]) failures.push(`${key} as ${who ?? "a visitor"}: expected ${SIGN_IN[guard]}, got ${result}`);
        const after = await fingerprint.state(prisma);
        if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${key} as ${who ?? "a visitor"} changed the database`);
      }
    }
    expect(failures).toEqual([]);
  });
});
