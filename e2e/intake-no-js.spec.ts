/**
 * Every intake step posts (never GET) and works with JavaScript disabled, and before the
 * page's scripts have loaded on a slow phone: nothing typed ends up in an address, the
 * browser history or the server's log, and every answer is saved.
 */
import type { BrowserContext, Page, Route } from "@playwright/test";
import { expect, test } from "./fixtures";
import { appLib } from "./app-lib";
import { appLogMark, appLogSince } from "./app-log";
import { GAD7, PHQ9 } from "../lib/intake/instruments";

const CANARY = {
  legalName: "Nojslegal Quenby",
  emergencyName: "Nojsemerg Tolliver",
  birth: "NOJSBIRTH a long night",
  whatBrings: "NOJSWHY worrying since the birth",
  diagnoses: "NOJSDIAG anxiety",
};

/** Query parameters that carry no answer (the submitted page's notice, Next's own). */
const HARMLESS_PARAMS = new Set(["submitted", "_rsc"]);

/** Returns a function that lets the scripts through and says how many were held back. */
type Mode = { name: string; setup: (context: BrowserContext) => Promise<() => Promise<number>> };

const MODES: Mode[] = [
  { name: "with JavaScript disabled", setup: async () => async () => 0 },
  {
    // Every script is held back until the step has been submitted, as on a slow connection
    // where the page is visible long before it is interactive.
    name: "before the page's scripts have loaded",
    setup: async (context) => {
      const held: Route[] = [];
      await context.route(/\/_next\/static\/.*\.js/, (route) => void held.push(route));
      return async () => {
        await context.unroute(/\/_next\/static\/.*\.js/);
        const count = held.length;
        await Promise.all(held.splice(0).map((route) => route.continue().catch(() => {})));
        return count;
      };
    },
  },
];

async function saveAndContinue(page: Page, nextStep: string) {
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(new RegExp(`/portal/intake/${nextStep}$`));
}

async function answer(page: Page, region: string, items: readonly { text: string }[], choose: (index: number) => string) {
  const section = page.getByRole("region", { name: region });
  for (const [index, item] of items.entries()) {
    await section
      .getByRole("group", { name: `${index + 1}. ${item.text}` })
      .getByRole("radio", { name: choose(index), exact: true })
      .check();
  }
}

for (const mode of MODES) {
  test(`each intake step is saved by a POST ${mode.name}, and nothing typed reaches a URL or a log line`, async ({
    browser,
    signInAsClient,
  }) => {
    test.setTimeout(180_000);
    const context = await browser.newContext({ javaScriptEnabled: mode.name !== MODES[0]!.name });
    const release = await mode.setup(context);
    const page = await context.newPage();
    const urls: string[] = [];
    const methods = new Map<string, string>();
    page.on("request", (request) => {
      urls.push(request.url());
      if (request.isNavigationRequest()) methods.set(request.url(), request.method());
    });
    const mark = appLogMark();
    const client = await signInAsClient(page);

    await page.goto("/portal/intake/about-you", { waitUntil: "domcontentloaded" });
    await page.getByLabel("Full legal name").fill(CANARY.legalName);
    await page.getByLabel("Date of birth").fill("1990-01-15");
    await page.getByLabel("Phone", { exact: true }).fill("(555) 010-2000");
    await page.getByLabel("State where you live").selectOption("New York");
    await page.getByLabel("Emergency contact: name").fill(CANARY.emergencyName);
    await page.getByLabel("Emergency contact: relationship to you").fill("Partner");
    await page.getByLabel("Emergency contact: phone").fill("(555) 010-3000");
    await saveAndContinue(page, "pregnancy-and-postpartum");

    // The baby's date of birth is asked once "Postpartum" is chosen: without scripts, after
    // the post. The refused step comes back with a clear message and everything typed kept.
    await page.getByRole("radio", { name: "Postpartum (I have had a baby)" }).check();
    await page.getByLabel(/Your birth experience/).fill(CANARY.birth);
    await page.getByRole("button", { name: "Save and continue" }).click();
    await expect(page.getByText("Please enter your baby's date of birth.")).toBeVisible();
    await expect(page).toHaveURL(/\/portal\/intake\/pregnancy-and-postpartum$/);
    await expect(page.getByLabel(/Your birth experience/)).toHaveValue(CANARY.birth);
    await expect(page.getByRole("radio", { name: "Postpartum (I have had a baby)" })).toBeChecked();
    await page.getByLabel("Baby's date of birth").fill("2026-09-01");
    await saveAndContinue(page, "what-brings-you");

    await page.getByRole("checkbox", { name: "Anxiety or worry" }).check();
    await page.getByLabel(/what brings you to therapy now/).fill(CANARY.whatBrings);
    await saveAndContinue(page, "history");

    await page.getByLabel("Any mental-health diagnoses").fill(CANARY.diagnoses);
    // Back saves too, and leads to the previous step.
    await page.getByRole("button", { name: "Back" }).click();
    await expect(page).toHaveURL(/\/portal\/intake\/what-brings-you$/);
    await expect(page.getByLabel(/what brings you to therapy now/)).toHaveValue(CANARY.whatBrings);
    await saveAndContinue(page, "history");
    await expect(page.getByLabel("Any mental-health diagnoses")).toHaveValue(CANARY.diagnoses);
    await saveAndContinue(page, "screening");

    // PHQ-9 item 9 "Several days": a risk answer, recorded by the post itself.
    await answer(page, "PHQ-9", PHQ9.items, (i) => (i === 8 ? "Several days" : "Not at all"));
    await answer(page, "GAD-7", GAD7.items, () => "Not at all");
    await saveAndContinue(page, "consent");
    // Without scripts the panel could not appear beside the question: it is shown on the next step.
    await expect(page.getByRole("alert").filter({ hasText: "You deserve support right now" })).toBeVisible();

    await page.getByRole("checkbox", { name: /I consent to psychotherapy/ }).check();
    await page.getByRole("checkbox", { name: /I consent to sessions by secure video/ }).check();
    await page.getByRole("checkbox", { name: /Notice of Privacy Practices/ }).check();
    await page.getByLabel("Type your full legal name to sign").fill(CANARY.legalName);
    await saveAndContinue(page, "review");

    await expect(page.getByText(CANARY.whatBrings)).toBeVisible();
    await expect(page.getByText(CANARY.diagnoses)).toBeVisible();
    await page.getByRole("button", { name: "Submit my intake" }).click();
    await expect(page).toHaveURL(/\/portal\/intake(\?submitted=1)?$/);
    await expect(page.getByText("Your intake has been submitted.", { exact: false })).toBeVisible();
    const heldScripts = await release();
    if (mode !== MODES[0]) expect(heldScripts, "scripts were held back on every page").toBeGreaterThan(7);

    // Saved, complete and urgent, through the app's own reading code.
    const { intake } = await appLib();
    const own = await intake.getOrCreateClientIntake(client.id);
    expect(own.status).toBe("SUBMITTED");
    const read = await intake.readIntake(own.id, { id: client.id, role: "CLIENT" });
    expect(read?.urgent).toBe(true);
    expect(read?.answers?.["about-you"].legalName).toBe(CANARY.legalName);
    expect(read?.answers?.["pregnancy-and-postpartum"]).toMatchObject({ situation: "postpartum", birthExperience: CANARY.birth });
    expect(read?.answers?.history.diagnoses).toBe(CANARY.diagnoses);
    expect(read?.answers?.screening.phq9).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);

    // Nothing typed in any address, and every step navigation that sent answers was a POST.
    for (const url of urls) {
      for (const canary of Object.values(CANARY)) expect(decodeURIComponent(url)).not.toContain(canary.split(" ")[0]);
      const params = [...new URL(url).searchParams.keys()].filter((key) => !HARMLESS_PARAMS.has(key));
      if (new URL(url).pathname.startsWith("/portal")) expect(params, url).toEqual([]);
    }
    expect(
      [...methods.entries()].filter(([url, method]) => method === "GET" && new URL(url).search.length > 1 && !url.includes("submitted=1")),
    ).toEqual([]);
    expect([...methods.values()]).toContain("POST");
    const log = appLogSince(mark);
    for (const canary of Object.values(CANARY)) expect(log).not.toContain(canary.split(" ")[0]);
    await context.close();
  });
}
