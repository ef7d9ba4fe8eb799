import { expect, test } from "./fixtures";
import { E2E } from "./config";
import { keyboard } from "./keyboard";
import { everything, waitForEmails } from "./mail";

const CANARY = {
  legalName: "Canarylegal Testperson",
  whatBrings: "CANARYWHY cannot stop worrying",
  birth: "CANARYBIRTH long labour",
};

test("a client completes the whole intake with the keyboard, resumes after a reload, sees crisis help, and submits", async ({
  page,
  db,
  signInAsClient,
  expectAccessible,
}) => {
  test.setTimeout(240_000);
  const client = await signInAsClient(page);
  const kb = keyboard(page);
  const next = page.getByRole("button", { name: "Save and continue" });

  await page.goto("/portal/intake");
  await expect(page).toHaveURL(/\/portal\/intake\/about-you$/);
  const response = await page.request.get("/portal/intake/about-you");
  expect(response.headers()["cache-control"]).toContain("no-store");
  await expectAccessible(page);

  // Step 1: validation first, then the answers.
  await kb.press(next);
  await expect(page.getByText("Please enter your full legal name.")).toBeVisible();
  await kb.type(page.getByLabel("Full legal name"), CANARY.legalName);
  await kb.type(page.getByLabel("Date of birth"), "01151990");
  await kb.type(page.getByLabel("Phone", { exact: true }), "(555) 010-2000");
  await kb.type(page.getByLabel("State where you live"), "New York");
  await expect(page.getByLabel("State where you live")).toHaveValue("New York");
  await kb.type(page.getByLabel("Emergency contact: name"), "Sam Contact");
  await kb.type(page.getByLabel("Emergency contact: relationship to you"), "Partner");
  await kb.type(page.getByLabel("Emergency contact: phone"), "(555) 010-3000");
  await kb.press(next);
  await expect(page).toHaveURL(/pregnancy-and-postpartum$/);
  await expectAccessible(page);

  // Step 2, with a reload in the middle: the draft is saved while typing.
  await kb.radio(page.getByRole("radio", { name: "Pregnant" }), 1);
  await expect(page.getByRole("radio", { name: "Postpartum (I have had a baby)" })).toBeChecked();
  await kb.type(page.getByLabel("Baby's date of birth"), "09012026");
  await kb.type(page.getByLabel(/Your birth experience/), CANARY.birth);
  await expect(page.getByRole("status").filter({ hasText: /Saved at/ })).toBeVisible({ timeout: 10_000 });
  await page.reload();
  await expect(page.getByRole("radio", { name: "Postpartum (I have had a baby)" })).toBeChecked();
  await expect(page.getByLabel(/Your birth experience/)).toHaveValue(CANARY.birth);
  await kb.press(next);
  await expect(page).toHaveURL(/what-brings-you$/);
  await expectAccessible(page);

  // Step 3.
  await kb.check(page.getByRole("checkbox", { name: "Anxiety or worry" }));
  await kb.type(page.getByLabel(/what brings you to therapy now/), CANARY.whatBrings);
  await kb.press(next);
  await expect(page).toHaveURL(/history$/);
  await expectAccessible(page);

  // Step 4: every question may be skipped.
  await expect(page.getByText(/Every question on this page can be skipped/)).toBeVisible();
  await kb.press(next);
  await expect(page).toHaveURL(/screening$/);
  await expectAccessible(page);

  // Step 5: PHQ-9 and GAD-7 (the EPDS is off until the clinician enables it).
  await expect(page.getByRole("heading", { name: "EPDS" })).toHaveCount(0);
  const phq9 = page.locator("fieldset").filter({ has: page.locator('input[name^="phq9."]') });
  for (let i = 0; i < 9; i++) {
    const first = phq9.nth(i).getByRole("radio").first();
    await kb.radio(first, i === 8 ? 1 : 0);
    if (i === 7) await expect(page.getByRole("alert").filter({ hasText: "support right now" })).toHaveCount(0);
  }
  // The crisis panel appears as soon as item 9 is answered above "Not at all".
  const panel = page.getByRole("alert").filter({ hasText: "You deserve support right now" });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("988");
  await expect(panel).toContainText("911");
  await expect(panel).toContainText("1-833-852-6262");
  await expect(panel).toContainText("1-800-944-4773");
  await expect(panel).toContainText("does not monitor submissions around the clock");
  const gad7 = page.locator("fieldset").filter({ has: page.locator('input[name^="gad7."]') });
  for (let i = 0; i < 7; i++) await kb.radio(gad7.nth(i).getByRole("radio").first(), 0);
  await expectAccessible(page);
  await kb.press(next);
  await expect(page).toHaveURL(/consent$/);

  // The clinician is told at once, with a high-priority message that says nothing about the client.
  const [urgent] = await waitForEmails((m) => m.to.includes(E2E.clinicianEmail) && m.subject === "An intake needs your prompt review");
  expect(urgent!.headers["x-priority"] ?? urgent!.headers["importance"]).toMatch(/1|high/i);
  for (const secret of [...Object.values(CANARY), client.email]) expect(everything(urgent!)).not.toContain(secret);

  // Step 6: consent and signature.
  await expectAccessible(page);
  await kb.check(page.getByRole("checkbox", { name: /I consent to psychotherapy/ }));
  await kb.check(page.getByRole("checkbox", { name: /I consent to sessions by secure video/ }));
  await kb.check(page.getByRole("checkbox", { name: /Notice of Privacy Practices/ }));
  await kb.type(page.getByLabel("Type your full legal name to sign"), CANARY.legalName);
  await kb.press(next);
  await expect(page).toHaveURL(/review$/);
  await expectAccessible(page);

  // Step 7: review and submit.
  await expect(page.getByText(CANARY.whatBrings)).toBeVisible();
  await expect(page.getByText("Anxiety or worry")).toBeVisible();
  await kb.press(page.getByRole("button", { name: "Submit my intake" }));
  await expect(page).toHaveURL(/\/portal\/intake\?submitted=1/);
  await expect(page.getByText("Thank you. Your intake has been submitted.")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "You deserve support right now" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Edit/ })).toHaveCount(0);
  await expectAccessible(page);

  // Read-only: the steps lead back to the submitted view.
  await page.goto("/portal/intake/about-you");
  await expect(page).toHaveURL(/\/portal\/intake$/);
  await page.goto("/portal");
  await expect(page.getByText("submitted", { exact: false }).first()).toBeVisible();

  // Nothing the client typed is stored in plain text.
  const { rows } = await db.query(`SELECT * FROM "Intake" WHERE "clientId" = $1`, [client.id]);
  expect(rows).toHaveLength(1);
  expect(rows[0].urgent).toBe(true);
  for (const secret of Object.values(CANARY)) expect(JSON.stringify(rows)).not.toContain(secret);
});

test("intake pages are for the signed-in client only", async ({ page }) => {
  await page.goto("/portal/intake/about-you");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fportal%2Fintake%2Fabout-you/);
});
