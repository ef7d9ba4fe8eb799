/**
 * Issue 16, "limits protect people instead of locking them out", against the production
 * build: sign-in link limits that a forged post cannot use up, a pending hold that can always
 * get its link, the clinician's address indistinguishable from any other, a session endpoint
 * that tells page scripts nothing they do not need, and a sign-out that leaves nothing behind.
 */
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { appLib } from "./app-lib";
import { E2E } from "./config";
import { expect, test } from "./fixtures";
import { allEmails, waitForEmails } from "./mail";

const unique = () => `${Date.now()}${Math.floor(Math.random() * 1000)}`;

test.beforeEach(async ({ db }) => {
  await db.query("DELETE FROM rate_limit");
});

/** A visitor of her own: her own cookies (next-auth's CSRF cookie) and her own address. */
async function visitor(ip: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL: E2E.baseUrl, extraHTTPHeaders: { "x-forwarded-for": ip, origin: E2E.baseUrl } });
}

/** next-auth's email sign-in, as its client posts it (`signIn("email")`). */
async function askForLink(context: APIRequestContext, email: string, csrfToken?: string) {
  const token = csrfToken ?? ((await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  const response = await context.post("/api/auth/signin/email", {
    form: { email, csrfToken: token, callbackUrl: `${E2E.baseUrl}/portal`, json: "true" },
    maxRedirects: 0,
  });
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  return { status: response.status(), url: body.url ?? "" };
}

const LINK_SENT = `${E2E.baseUrl}/api/auth/verify-request?provider=email&type=email`;

test("Found: posts with a forged CSRF token do not use up a person's sign-in links", async () => {
  const email = `forged-${unique()}@example.test`;
  const attacker = await visitor("203.0.113.50");
  for (let i = 0; i < 6; i++) {
    const forged = await askForLink(attacker, email, "forged-token");
    expect(forged.url).not.toBe(LINK_SENT);
  }
  const her = await visitor("198.51.100.20");
  expect(await askForLink(her, email)).toEqual({ status: 200, url: LINK_SENT });
  await waitForEmails((mail) => mail.to.includes(email) && /sign-in link/i.test(mail.subject));
  await attacker.dispose();
  await her.dispose();
});

test("Found: a person with a pending hold can always get the link that confirms it", async () => {
  const { booking } = await appLib();
  const held = `held-${unique()}@example.test`;
  const { slots } = await booking.getOpenSlots();
  const slot = slots.at(-3)!;
  const hold = await booking.createHold({
    slotStart: slot.start.toISOString(),
    firstName: "Held",
    email: held,
    phone: "",
    contactMethod: "EMAIL",
    note: "",
    consent: true,
    timeZone: "America/New_York",
    website: "",
  } as never);
  expect(hold.ok).toBe(true);

  // Five real requests for her address and five for another, from connections that are not hers…
  const other = `control-${unique()}@example.test`;
  for (let i = 0; i < 5; i++) {
    const someone = await visitor(`203.0.113.${60 + i}`);
    expect((await askForLink(someone, held)).url).toBe(LINK_SENT);
    expect((await askForLink(someone, other)).url).toBe(LINK_SENT);
    await someone.dispose();
  }
  // …and she still gets her link, while an address with no hold is limited as before.
  const her = await visitor("198.51.100.30");
  expect(await askForLink(her, held)).toEqual({ status: 200, url: LINK_SENT });
  const limited = await askForLink(her, other);
  expect(limited.status).toBe(429);
  expect(limited.url).toContain("/signin/problem?error=RateLimited");
  await her.dispose();
});

test("Found: the clinician's address gets the same answer from the client sign-in as any address, and no link", async ({
  db,
  signInAsClinician,
  page,
}) => {
  await signInAsClinician(page); // makes sure her account exists
  const { rows } = await db.query<{ role: string }>(`SELECT role FROM "User" WHERE email = $1`, [E2E.clinicianLoginEmail]);
  expect(rows[0]?.role).toBe("CLINICIAN");
  const before = (await allEmails()).filter((mail) => mail.to.includes(E2E.clinicianLoginEmail)).length;

  const stranger = `stranger-${unique()}@example.test`;
  const someone = await visitor("203.0.113.80");
  const forHer = await askForLink(someone, E2E.clinicianLoginEmail);
  const forStranger = await askForLink(someone, stranger);
  expect(forHer).toEqual(forStranger);
  expect(forHer).toEqual({ status: 200, url: LINK_SENT });
  // The stranger's link arrives; none is ever sent to her (she signs in with password and code).
  await waitForEmails((mail) => mail.to.includes(stranger));
  expect((await allEmails()).filter((mail) => mail.to.includes(E2E.clinicianLoginEmail))).toHaveLength(before);
  await someone.dispose();
});

test("the session endpoint shows page scripts no session id, and a revoked session is signed out", async ({ page, db, signInAsClient }) => {
  const client = await signInAsClient(page);
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Session" WHERE "userId" = $1`, [client.id]);
  const sessionId = rows[0]!.id;

  const signedIn = await page.request.get("/api/auth/session");
  const text = await signedIn.text();
  expect(JSON.parse(text)).toMatchObject({ user: { email: client.email } });
  expect(text).not.toContain(sessionId);
  expect(JSON.parse(text)).not.toHaveProperty("sid");

  await db.query(`UPDATE "Session" SET "revokedAt" = now() WHERE id = $1`, [sessionId]);
  const revoked = await page.request.get("/api/auth/session");
  expect(await revoked.json()).toEqual({});
  expect(revoked.headers()["set-cookie"]).toMatch(/next-auth\.session-token=;/);
});

test("signing out is a full page load that clears the site's data, for a client and for the clinician", async ({
  page,
  signInAsClient,
  signInAsClinician,
}) => {
  for (const who of ["client", "clinician"] as const) {
    await page.context().clearCookies();
    if (who === "client") await signInAsClient(page);
    else await signInAsClinician(page);
    await page.goto(who === "client" ? "/portal" : "/dashboard");
    // What a page keeps while it lives: a script variable, stored data, the inline payload.
    await page.evaluate(() => {
      (window as unknown as { __signedInPage?: boolean }).__signedInPage = true;
      localStorage.setItem("haven-test", "kept?");
      sessionStorage.setItem("haven-test", "kept?");
    });
    const signOut = page.waitForResponse((response) => response.url().endsWith("/api/auth/signout"));
    await page.getByRole("button", { name: "Sign out" }).click();
    const response = await signOut;
    expect(response.status()).toBe(303);
    expect((await response.allHeaders())["clear-site-data"]).toBe('"cache", "storage"');
    await expect(page).toHaveURL(who === "client" ? /\/\?signed-out=1$/ : /\/dashboard\/signin\?signed-out=1$/);
    const left = await page.evaluate(() => ({
      variable: (window as unknown as { __signedInPage?: boolean }).__signedInPage ?? null,
      local: localStorage.getItem("haven-test"),
      session: sessionStorage.getItem("haven-test"),
    }));
    expect(left, who).toEqual({ variable: null, local: null, session: null });
    expect(
      (await page.context().cookies()).find((c) => c.name === "next-auth.session-token"),
      who,
    ).toBeUndefined();
  }
});
