/**
 * Every form posts before the page's scripts have loaded and without them, and nothing a
 * person typed reaches an address or a log line (issue 11). Each form is submitted in two
 * browsers: one with JavaScript turned off, and one whose app scripts (/_next/static/**)
 * hang until the test is over, as on a slow phone where the form is visible long before it is
 * hydrated. Every URL either browser requested and everything the server wrote meanwhile are
 * searched for what was typed; each submission must be saved, and a refusal must come back
 * with its message and what was typed.
 */
import { randomUUID } from "node:crypto";
import { devices, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { appLib } from "./app-lib";
import { appLogMark, appLogSince } from "./app-log";
import { E2E } from "./config";
import { COMPLETE_INTAKE } from "./data";
import { expect, test } from "./fixtures";
import { allEmails, waitForEmails } from "./mail";

type Mode = "without JavaScript" | "before its scripts load";
const MODES: Mode[] = ["without JavaScript", "before its scripts load"];

// A valid 1×1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");

/** A browser context in one of the two modes, recording every URL it requests. */
class FormBrowser {
  readonly visited: string[] = [];
  readonly errors: string[] = [];
  private releaseScripts: () => void = () => {};
  private readonly scriptsHeld: Promise<void>;
  private readonly logStart = appLogMark();

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly mode: Mode,
  ) {
    this.scriptsHeld = new Promise((resolve) => (this.releaseScripts = resolve));
    context.on("request", (request) => this.visited.push(request.url()));
    page.on("pageerror", (error) => this.errors.push(error.message));
  }

  static async open(browser: Browser, mode: Mode): Promise<FormBrowser> {
    const context = await browser.newContext({
      ...devices["Pixel 7"],
      baseURL: E2E.baseUrl,
      javaScriptEnabled: mode === "without JavaScript" ? false : true,
    });
    const form = new FormBrowser(context, await context.newPage(), mode);
    if (mode === "before its scripts load") {
      // Only the scripts: a held stylesheet would hold back the whole page, which is not what a
      // slow phone sees (it paints the form, then waits for the scripts).
      await context.route(/\/_next\/static\/.+\.js(\?|$)/, async (route) => {
        await form.scriptsHeld;
        await route.continue().catch(() => {});
      });
    }
    return form;
  }

  /** Opens a page without waiting for its scripts (they may never come). */
  async goto(path: string): Promise<void> {
    const response = await this.page.goto(path, { waitUntil: "domcontentloaded" });
    expect(response?.status(), path).toBe(200);
  }

  /** Submits with the browser's own form handling: it must be a POST, never a GET. */
  async submit(button: Locator): Promise<void> {
    const page = this.page;
    const navigation = page.waitForRequest((request) => request.isNavigationRequest() && request.frame() === page.mainFrame());
    const loaded = page.waitForEvent("domcontentloaded");
    await button.click();
    const request = await navigation;
    expect(request.method(), `the form was sent as a ${request.method()} to ${request.url()}`).toBe("POST");
    await loaded;
  }

  /** Nothing typed is in any URL the browser requested, nor in the server's output since this browser opened. */
  async expectNothingTyped(typed: string[]): Promise<void> {
    // The server writes its log lines as they happen; give the last ones a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log = appLogSince(this.logStart);
    const urls = this.visited.map((url) => `${url}\n${safeDecode(url)}`);
    for (const value of typed) {
      const forms = [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)];
      for (const url of urls) for (const form of forms) expect(url.includes(form), `typed text in a URL: ${url}`).toBe(false);
      for (const form of forms) expect(log.includes(form), `typed text in the server log: ${form}`).toBe(false);
    }
  }

  /** Lets the held scripts load and checks that the page hydrates without an error. */
  async hydrate(): Promise<void> {
    if (this.mode !== "before its scripts load") return;
    this.releaseScripts();
    await this.page.waitForLoadState("load");
    await expect
      .poll(() => this.page.evaluate(() => Object.keys(document.body).some((key) => key.startsWith("__react"))), {
        message: "the page hydrates once its scripts arrive",
      })
      .toBe(true);
    expect(this.errors, "errors in the page once its scripts ran").toEqual([]);
  }

  async close(): Promise<void> {
    await this.hydrate();
    await this.context.close();
  }
}

/** The field holds exactly this (long) text; compared without printing it all on failure. */
async function expectKept(field: Locator, text: string) {
  await expect
    .poll(async () => {
      const value = await field.inputValue();
      return value === text ? "kept" : `${value.length} characters: ${value.slice(0, 40)}…`;
    })
    .toBe("kept");
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url.replace(/\+/g, " "));
  } catch {
    return url;
  }
}

const tag = () => randomUUID().replace(/-/g, "").slice(0, 10);

test.beforeEach(async ({ db }) => {
  await db.query("DELETE FROM rate_limit");
});

for (const mode of MODES) {
  test.describe(`a form submitted ${mode}`, () => {
    test("the client sign-in form sends the link, and a bad address comes back as typed", async ({ browser }) => {
      const t = tag();
      const bad = `canary-${t}-not-an-address`;
      const email = `canary.signin.${t}@example.test`;
      const form = await FormBrowser.open(browser, mode);
      const { page } = form;

      await form.goto("/signin");
      await page.getByLabel("Email").fill(bad);
      await form.submit(page.getByRole("button", { name: "Email me a sign-in link" }));
      await expect(page.getByText("Please enter a valid email address")).toBeVisible();
      await expect(page.getByLabel("Email")).toHaveValue(bad);

      await page.getByLabel("Email").fill(email);
      await form.submit(page.getByRole("button", { name: "Email me a sign-in link" }));
      await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
      await waitForEmails((mail) => mail.to.includes(email) && /sign-in link/i.test(mail.subject));

      await form.expectNothingTyped([bad, email]);
      await form.close();
    });

    test("the clinician sign-in form signs her in; a wrong password is refused and the email kept", async ({ browser, db }) => {
      const { clinician, totp } = await appLib();
      const t = tag();
      const account = await clinician.ensureClinicianAccount(E2E.clinicianLoginEmail);
      const secret = totp.newTotpSecret();
      const password = `canary-password-${t} correct horse`;
      const wrong = `canary-wrong-${t}`;
      const wrongCode = `cc${t}`;
      await clinician.setDemoCredentials(account.id, password, secret);
      const form = await FormBrowser.open(browser, mode);
      const { page } = form;

      await form.goto("/dashboard/signin");
      await page.getByLabel("Email").fill(E2E.clinicianLoginEmail);
      await page.getByLabel("Password").fill(wrong);
      await page.getByLabel("Authentication code").fill(wrongCode);
      await form.submit(page.getByRole("button", { name: "Sign in" }));
      await expect(page.getByText("The email, password or code is not right. Please try again.")).toBeVisible();
      await expect(page.getByLabel("Email")).toHaveValue(E2E.clinicianLoginEmail);

      const code = totp.currentTotp(secret);
      await page.getByLabel("Password").fill(password);
      await page.getByLabel("Authentication code").fill(code);
      await form.submit(page.getByRole("button", { name: "Sign in" }));
      await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
      const sessions = await db.query(`SELECT 1 FROM "Session" WHERE "userId" = $1 AND "createdAt" > now() - interval '1 minute'`, [
        account.id,
      ]);
      expect(sessions.rowCount).toBeGreaterThan(0);

      await form.expectNothingTyped([password, wrong, wrongCode, code]);
      await form.close();
    });

    test("the setup form sets the password; mismatched passwords are refused", async ({ browser }) => {
      const { clinician, totp } = await appLib();
      const t = tag();
      const account = await clinician.ensureClinicianAccount(E2E.clinicianLoginEmail);
      const token = await clinician.createSetupToken(account.id);
      const password = `canary-setup-${t} a long passphrase`;
      const mismatch = `canary-mismatch-${t} another passphrase`;
      const form = await FormBrowser.open(browser, mode);
      const { page } = form;

      await form.goto(`/dashboard/setup?token=${token}`);
      const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
      await page.getByLabel("New password").fill(password);
      await page.getByLabel("Repeat the password").fill(mismatch);
      await page.getByLabel("Code from your authenticator app").fill(totp.currentTotp(secret));
      await form.submit(page.getByRole("button", { name: "Finish setup" }));
      await expect(page.getByText("The two passwords do not match.")).toBeVisible();
      expect(await clinician.hasCompletedSetup(account.id)).toBe(false);

      await page.getByLabel("New password").fill(password);
      await page.getByLabel("Repeat the password").fill(password);
      await page.getByLabel("Code from your authenticator app").fill(totp.currentTotp(secret));
      await form.submit(page.getByRole("button", { name: "Finish setup" }));
      await expect(page.getByRole("heading", { name: /Save these recovery codes/ })).toBeVisible();
      await expect(page.locator(".recovery-codes li")).toHaveCount(10);
      expect(await clinician.hasCompletedSetup(account.id)).toBe(true);

      await form.expectNothingTyped([password, mismatch]);
      await form.close();
    });

    test("the practice profile form saves; a missing name is refused with the rest kept", async ({ browser, db, signInAsClinician }) => {
      const t = tag();
      const feeNotes = `CANARYFEES ${t} superbills on request`;
      const { rows } = await db.query<{ feeNotes: string; clinicianName: string }>(
        `SELECT "feeNotes", "clinicianName" FROM "PracticeSettings" WHERE id = 1`,
      );
      const original = rows[0]!;
      const form = await FormBrowser.open(browser, mode);
      const { page } = form;
      await signInAsClinician(page);
      try {
        await form.goto("/dashboard/profile");
        await page.getByLabel("Your name").fill("");
        await page.getByLabel("Fee notes").fill(feeNotes);
        await form.submit(page.getByRole("button", { name: "Save profile" }));
        await expect(page.getByText("Please enter your name as clients should see it.")).toBeVisible();
        await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
        await expect(page.getByLabel("Fee notes")).toHaveValue(feeNotes);
        expect((await db.query(`SELECT "feeNotes" FROM "PracticeSettings" WHERE id = 1`)).rows[0].feeNotes).toBe(original.feeNotes);

        await page.getByLabel("Your name").fill(original.clinicianName);
        await form.submit(page.getByRole("button", { name: "Save profile" }));
        await expect(page.getByText("Saved. The public pages now show your changes.")).toBeVisible();
        expect((await db.query(`SELECT "feeNotes" FROM "PracticeSettings" WHERE id = 1`)).rows[0].feeNotes).toBe(feeNotes);
        await form.expectNothingTyped([feeNotes]);
      } finally {
        // Through the form, so the pre-rendered public pages are rebuilt as they were.
        await form.goto("/dashboard/profile");
        await page.getByLabel("Fee notes").fill(original.feeNotes);
        await form.submit(page.getByRole("button", { name: "Save profile" }));
        await expect(page.getByText("Saved. The public pages now show your changes.")).toBeVisible();
      }
      await form.close();
    });

    test("the photo form uploads and removes a photo, and refuses a file that is not one", async ({ browser, db, signInAsClinician }) => {
      const practice = (await db.query(`SELECT photo, "photoType" FROM "PracticeSettings" WHERE id = 1`)).rows[0];
      const form = await FormBrowser.open(browser, mode);
      const { page } = form;
      await signInAsClinician(page);
      try {
        await form.goto("/dashboard/profile");
        await page
          .getByLabel("Choose a photo")
          .setInputFiles({ name: "me.png", mimeType: "image/png", buffer: Buffer.from("not a photo\n") });
        await form.submit(page.getByRole("button", { name: "Upload photo" }));
        await expect(page.getByText("That file is not a JPEG, PNG or WebP image even though its name says it is one.")).toBeVisible();

        await page.getByLabel("Choose a photo").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: PNG });
        await form.submit(page.getByRole("button", { name: "Upload photo" }));
        await expect(page.getByText("Photo saved.")).toBeVisible();
        expect((await page.request.get("/practice-photo")).status()).toBe(200);

        await form.submit(page.getByRole("button", { name: "Remove photo" }));
        await expect(page.getByText("Photo removed.")).toBeVisible();
        expect((await page.request.get("/practice-photo")).status()).toBe(404);
      } finally {
        await db.query(`UPDATE "PracticeSettings" SET photo = $1, "photoType" = $2 WHERE id = 1`, [practice.photo, practice.photoType]);
      }
      await form.close();
    });

    test("the EPDS form saves, shows the saved choice before any script, and refuses without the confirmation", async ({
      browser,
      db,
      signInAsClinician,
    }) => {
      const clinical = (await db.query(`SELECT * FROM "ClinicalSettings" WHERE id = 1`)).rows[0];
      const form = await FormBrowser.open(browser, mode);
      const { page } = form;
      await signInAsClinician(page);
      const include = page.getByLabel("Include the EPDS in the intake questionnaire");
      const confirm = page.getByLabel("I confirm I hold written permission from the Royal College of Psychiatrists to use the EPDS online");
      try {
        await db.query(`DELETE FROM "ClinicalSettings" WHERE id = 1`);
        await form.goto("/dashboard/profile");
        await include.check();
        await form.submit(page.getByRole("button", { name: "Save EPDS setting" }));
        await expect(page.getByText(/can only be turned on once you confirm that you hold written permission/)).toBeVisible();
        await expect(include).toBeChecked();
        expect((await db.query(`SELECT 1 FROM "ClinicalSettings" WHERE id = 1 AND "epdsEnabled"`)).rowCount).toBe(0);

        await confirm.check();
        await form.submit(page.getByRole("button", { name: "Save EPDS setting" }));
        await expect(page.getByText("Saved. The EPDS is part of the intake questionnaire.")).toBeVisible();
        expect((await db.query(`SELECT 1 FROM "ClinicalSettings" WHERE id = 1 AND "epdsEnabled"`)).rowCount).toBe(1);

        // The saved state is in the page's HTML, not filled in by a script later.
        await form.goto("/dashboard/profile");
        await expect(include).toBeChecked();
        await include.uncheck();
        await form.submit(page.getByRole("button", { name: "Save EPDS setting" }));
        await expect(page.getByText("Saved. The EPDS is turned off.")).toBeVisible();
        expect((await db.query(`SELECT 1 FROM "ClinicalSettings" WHERE id = 1 AND "epdsEnabled"`)).rowCount).toBe(0);
      } finally {
        await restoreClinicalSettings(db, clinical);
      }
      await form.close();
    });

    test("the article editor saves, publishes and unpublishes; a taken address comes back with the text kept", async ({
      browser,
      db,
      signInAsClinician,
    }) => {
      const t = tag();
      const slug = `e2e-nojs-${t}`;
      const title = `CANARYTITLE ${t}`;
      const body = `## Nights\n\nCANARYBODY ${t} about the first weeks.`;
      const form = await FormBrowser.open(browser, mode);
      const { page } = form;
      await signInAsClinician(page);
      try {
        await form.goto("/dashboard/articles/new");
        if (mode === "without JavaScript") await expect(page.getByText(/The preview needs JavaScript/)).toBeVisible();
        await page.getByLabel("Title").fill(title);
        await page.getByLabel("Address").fill("a-difficult-connection");
        await page.getByLabel("Summary").fill("A short summary.");
        await page.getByLabel("Tags").fill("Postpartum");
        await page.getByLabel("Article text (Markdown)").fill(body);
        await form.submit(page.getByRole("button", { name: "Save draft" }));
        await expect(page.getByText("Another article already uses this address. Please choose a different one.")).toBeVisible();
        await expect(page.getByLabel("Article text (Markdown)")).toHaveValue(body);
        await expect(page.getByLabel("Title")).toHaveValue(title);

        await page.getByLabel("Address").fill(slug);
        await form.submit(page.getByRole("button", { name: "Save draft" }));
        await expect(page.getByText("Draft saved. It is not on the site yet.")).toBeVisible();
        await expect(page).toHaveURL(/\/dashboard\/articles\/[\w-]+\?created=draft$/);
        const saved = await db.query(`SELECT status, body FROM "Article" WHERE slug = $1`, [slug]);
        expect(saved.rows[0]).toEqual({ status: "DRAFT", body });

        await form.submit(page.getByRole("button", { name: "Publish" }));
        await expect(page.getByText("Published. The article is now on the site.")).toBeVisible();
        expect((await db.query(`SELECT status FROM "Article" WHERE slug = $1`, [slug])).rows[0].status).toBe("PUBLISHED");

        await form.submit(page.getByRole("button", { name: "Unpublish" }));
        await expect(page.getByText(/Unpublished\. The article is no longer on the site/)).toBeVisible();
        expect((await db.query(`SELECT status FROM "Article" WHERE slug = $1`, [slug])).rows[0].status).toBe("DRAFT");
        await form.expectNothingTyped([title, `CANARYBODY ${t}`]);
      } finally {
        await db.query(`DELETE FROM "Article" WHERE slug = $1`, [slug]);
      }
      await form.close();
    });

    test("the review note is saved; a note over 5,000 characters is refused and kept", async ({
      browser,
      db,
      signInAsClient,
      signInAsClinician,
    }) => {
      const { intake } = await appLib();
      const t = tag();
      const form = await FormBrowser.open(browser, mode);
      const { page } = form;
      const client = await signInAsClient(page);
      for (const [step, values] of Object.entries(COMPLETE_INTAKE)) await intake.saveDraft(client.id, step as never, values);
      expect((await intake.submitIntake(client.id)).ok).toBe(true);
      const intakeId = (await db.query<{ id: string }>(`SELECT id FROM "Intake" WHERE "clientId" = $1`, [client.id])).rows[0]!.id;
      await page.context().clearCookies();
      await signInAsClinician(page);

      const long = `CANARYLONG ${t} ${"x".repeat(5_001)}`;
      const note = `CANARYREVIEW ${t} call about sleep`;
      await form.goto(`/dashboard/intakes/${intakeId}`);
      const field = page.getByLabel("Private note");
      // As a browser that ignores maxlength (or a paste into an older one) would send it.
      await field.evaluate((element) => element.removeAttribute("maxlength"));
      await field.fill(long);
      await form.submit(page.getByRole("button", { name: "Mark as reviewed" }));
      await expect(page.getByText("Please keep the note under 5,000 characters.")).toBeVisible();
      await expectKept(page.getByLabel("Private note"), long);
      expect((await intake.getReviewInfo(intakeId))?.reviewedAt).toBeNull();

      await page.getByLabel("Private note").fill(note);
      await form.submit(page.getByRole("button", { name: "Mark as reviewed" }));
      await expect(page.getByText("Marked as reviewed.")).toBeVisible();
      const review = await intake.getReviewInfo(intakeId);
      expect(review?.reviewedAt).not.toBeNull();
      expect(review?.note).toBe(note);

      await form.expectNothingTyped([`CANARYLONG ${t}`, note]);
      await form.close();
    });

    test("the urgent follow-up note is saved; a note over 2,000 characters is refused and kept", async ({
      browser,
      db,
      signInAsClient,
      signInAsClinician,
    }) => {
      const { intake } = await appLib();
      const t = tag();
      const form = await FormBrowser.open(browser, mode);
      const { page } = form;
      const client = await signInAsClient(page);
      const saved = await intake.saveDraft(client.id, "screening", { phq9: [0, 0, 0, 0, 0, 0, 0, 0, 1] });
      expect(saved).toMatchObject({ ok: true, risk: true });
      const intakeId = (await db.query<{ id: string }>(`SELECT id FROM "Intake" WHERE "clientId" = $1`, [client.id])).rows[0]!.id;
      await page.context().clearCookies();
      await signInAsClinician(page);

      const long = `CANARYLONG ${t} ${"y".repeat(2_001)}`;
      const note = `CANARYFOLLOWUP ${t} reached her by phone`;
      await form.goto(`/dashboard/intakes/${intakeId}`);
      const field = page.getByLabel("Follow-up note (optional)");
      await field.evaluate((element) => element.removeAttribute("maxlength"));
      await field.fill(long);
      await form.submit(page.getByRole("button", { name: "I have followed up on this urgent flag" }));
      await expect(page.getByText("Please keep the note under 2,000 characters.")).toBeVisible();
      await expectKept(page.getByLabel("Follow-up note (optional)"), long);
      expect((await intake.getReviewInfo(intakeId))?.needsUrgentAttention).toBe(true);

      await page.getByLabel("Follow-up note (optional)").fill(note);
      await form.submit(page.getByRole("button", { name: "I have followed up on this urgent flag" }));
      await expect(page.getByText("Follow-up recorded. This intake no longer counts as urgent.")).toBeVisible();
      const review = await intake.getReviewInfo(intakeId);
      expect(review?.needsUrgentAttention).toBe(false);
      expect(review?.urgentFollowUp?.note).toBe(note);

      await form.expectNothingTyped([`CANARYLONG ${t}`, note]);
      await form.close();
    });

    test("the failed-email retry form puts the email back in the queue", async ({ browser, db, signInAsClinician }) => {
      const { outbox, prisma } = await appLib();
      const t = tag();
      const id = await outbox.enqueueEmail(prisma, {
        kind: "booking.confirmed.clinician",
        message: { to: E2E.clinicianEmail, subject: `Retry ${t}`, text: `Retry ${t}`, html: `<p>Retry ${t}</p>` },
        // Not due: the inline worker leaves it alone until it is marked failed below.
        sendAfter: new Date(Date.now() + 24 * 3600_000),
      });
      await db.query(`UPDATE "OutboxEmail" SET status = 'FAILED', attempts = 8, "lastError" = 'SMTP 550 (e2e)' WHERE id = $1`, [id]);
      const form = await FormBrowser.open(browser, mode);
      const { page } = form;
      await signInAsClinician(page);
      try {
        await form.goto("/dashboard/emails");
        await form.submit(page.locator(`tr[data-email-id="${id}"]`).getByRole("button", { name: /^Retry/ }));
        await expect(page.getByText(/The email is back in the queue/)).toBeVisible();
        await expect(page.locator(`tr[data-email-id="${id}"]`)).toHaveCount(0);
        const { rows } = await db.query<{ status: string }>(`SELECT status FROM "OutboxEmail" WHERE id = $1`, [id]);
        expect(rows[0]!.status).not.toBe("FAILED");
      } finally {
        await db.query(`DELETE FROM "OutboxEmail" WHERE id = $1`, [id]);
      }
      await form.close();
    });
  });
}

test("an EPDS choice changed before the page's scripts load is kept when they load, and is what gets saved", async ({
  browser,
  db,
  signInAsClinician,
}) => {
  const { intake } = await appLib();
  const clinical = (await db.query(`SELECT * FROM "ClinicalSettings" WHERE id = 1`)).rows[0];
  const form = await FormBrowser.open(browser, "before its scripts load");
  const { page } = form;
  const user = await signInAsClinician(page);
  const sensitive = page.getByLabel(/sensitive cut-off of 10/);
  try {
    await intake.setEpdsPermission(
      { enabled: true, confirmPermission: true, sensitiveCutoff: true },
      { ...user, role: "CLINICIAN", sessionId: "e2e" },
    );
    await form.goto("/dashboard/profile");
    await expect(sensitive).toBeChecked();
    await sensitive.uncheck();

    await form.hydrate();
    await expect(sensitive).not.toBeChecked();
    await expect(page.getByLabel("Include the EPDS in the intake questionnaire")).toBeChecked();
    await page.getByRole("button", { name: "Save EPDS setting" }).click();
    await expect(page.getByText("Saved. The EPDS is part of the intake questionnaire.")).toBeVisible();
    const { rows } = await db.query(`SELECT "epdsEnabled", "epdsSensitiveCutoff" FROM "ClinicalSettings" WHERE id = 1`);
    expect(rows[0]).toEqual({ epdsEnabled: true, epdsSensitiveCutoff: false });
  } finally {
    await restoreClinicalSettings(db, clinical);
  }
  await form.close();
});

async function restoreClinicalSettings(db: import("pg").Client, clinical: Record<string, unknown> | undefined) {
  if (clinical) {
    await db.query(
      `UPDATE "ClinicalSettings" SET "epdsEnabled" = $1, "epdsPermissionBy" = $2, "epdsPermissionAt" = $3, "epdsSensitiveCutoff" = $4 WHERE id = 1`,
      [clinical.epdsEnabled, clinical.epdsPermissionBy, clinical.epdsPermissionAt, clinical.epdsSensitiveCutoff],
    );
  } else {
    await db.query(`DELETE FROM "ClinicalSettings" WHERE id = 1`);
  }
}

test("the client sign-in form answers the clinician's address exactly like any other, and emails her nothing", async ({ page, db }) => {
  const { clinician } = await appLib();
  await clinician.ensureClinicianAccount(E2E.clinicianLoginEmail);
  await db.query("DELETE FROM rate_limit");
  const sentBefore = (await allEmails()).filter((mail) => mail.to.includes(E2E.clinicianLoginEmail)).length;

  await page.goto("/signin");
  await page.getByLabel("Email").fill(E2E.clinicianLoginEmail);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.locator(".form-error")).toHaveCount(0);

  // A client's address, for comparison, is sent its link; hers is sent nothing.
  const client = `canary.compare.${tag()}@example.test`;
  await page.goto("/signin");
  await page.getByLabel("Email").fill(client);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await waitForEmails((mail) => mail.to.includes(client));
  expect((await allEmails()).filter((mail) => mail.to.includes(E2E.clinicianLoginEmail)).length).toBe(sentBefore);
});
