import { expect, startSession, test } from "./fixtures";
import { ROUTES, type Actors, type Fixture, type Outcome } from "./access-matrix";
import { appLib } from "./app-lib";
import { COMPLETE_INTAKE } from "./data";

test("every guarded route answers each kind of visitor as the access matrix says", async ({
  page,
  db,
  signInAsClient,
  signInAsClinician,
}) => {
  test.setTimeout(120_000);
  const { intake, booking } = await appLib();

  // Client A: a confirmed consultation and a submitted intake. Client B: nothing.
  const clientA = await signInAsClient(page);
  const { slots } = await booking.getOpenSlots();
  const slot = slots[slots.length - 1]!;
  const hold = await booking.createHold({
    slotStart: slot.start.toISOString(),
    firstName: "Matrix",
    email: clientA.email,
    phone: "",
    contactMethod: "EMAIL",
    note: "",
    consent: true,
    timeZone: "America/New_York",
    website: "",
  });
  if (!hold.ok) throw new Error("no hold for the matrix fixture");
  await booking.confirmHold(hold.bookingId, clientA);
  for (const [step, values] of Object.entries(COMPLETE_INTAKE)) await intake.saveDraft(clientA.id, step as never, values);
  await intake.submitIntake(clientA.id);
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Intake" WHERE "clientId" = $1`, [clientA.id]);
  const fixture: Fixture = { bookingId: hold.bookingId, intakeId: rows[0]!.id, clientId: clientA.id };

  // Each round starts without cookies; client A gets a fresh session for the same account.
  const actors: Record<keyof Actors, () => Promise<unknown>> = {
    anonymous: async () => {},
    clientA: () => startSession(db, page, clientA.id),
    clientB: () => signInAsClient(page),
    clinician: () => signInAsClinician(page),
  };

  const failures: string[] = [];
  for (const actor of Object.keys(actors) as (keyof Actors)[]) {
    await page.context().clearCookies();
    await actors[actor]();
    for (const [file, entry] of Object.entries(ROUTES)) {
      if ("skip" in entry) continue;
      const path = entry.path(fixture);
      const expected: Outcome = entry.expect[actor];
      const response = await page.request.get(path);
      const final = new URL(response.url());
      const where = final.pathname + final.search;
      const ok =
        expected === "ok"
          ? response.status() === 200 && final.pathname === new URL(path, final.origin).pathname
          : expected === "not-found"
            ? response.status() === 404
            : expected === "client-signin"
              ? final.pathname === "/signin"
              : expected === "clinician-signin"
                ? final.pathname === "/dashboard/signin"
                : where.startsWith(expected.slice("redirect:".length));
      if (!ok) failures.push(`${actor} ${path} (${file}): expected ${expected}, got ${response.status()} at ${where}`);
    }
  }
  expect(failures).toEqual([]);
});
