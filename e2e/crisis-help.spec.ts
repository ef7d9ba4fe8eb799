/**
 * Crisis help as a person in distress meets it: the Get help page with JavaScript off, and the
 * crisis panel after a self-harm answer, which says the clinician was told only when she was.
 */
import { appLib } from "./app-lib";
import { COMPLETE_INTAKE } from "./data";
import { expect, test } from "./fixtures";

test("the Get help page, with JavaScript off: call and text links, the baby and postpartum psychosis, help outside the U.S.", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/get-help");
  const main = page.getByRole("main");
  await expect(main.getByRole("link", { name: "Call 988", exact: true })).toHaveAttribute("href", "tel:988");
  await expect(main.getByRole("link", { name: "text 988", exact: true }).first()).toHaveAttribute("href", "sms:988");
  await expect(main.getByRole("link", { name: "text the hotline" })).toHaveAttribute("href", "sms:18338526262");

  const baby = main.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Your safety and your baby’s" }) });
  await expect(baby).toContainText("If you have thoughts of harming your baby");
  await expect(baby).toContainText("Signs of postpartum psychosis");
  await expect(baby).toContainText("nearest emergency department");
  await expect(baby.getByRole("link", { name: "call 911" }).first()).toHaveAttribute("href", "tel:911");

  const overseas = main.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Outside the U.S." }) });
  for (const [name, href] of [
    ["112", "tel:112"],
    ["999", "tel:999"],
    ["+1 844-702-5495", "tel:+18447025495"],
    ["+1 855-422-7719", "tel:+18554227719"],
    ["+1 844-702-5493", "tel:+18447025493"],
  ]) {
    await expect(overseas.getByRole("link", { name: name! })).toHaveAttribute("href", href!);
  }
  await expect(overseas).toContainText("DSN 988");
  await expect(overseas.getByRole("link", { name: "119" }).first()).toHaveAttribute("href", "tel:119");

  const psi = main.getByRole("listitem").filter({ hasText: "Postpartum Support International" });
  await expect(psi).toContainText("Not for emergencies");
  await context.close();
});

/** A submitted intake for a new client, saved through the app's own code; `risk` answers PHQ-9 item 9 "Several days". */
async function submittedIntake(clientId: string, risk: boolean) {
  const { intake } = await appLib();
  const phq9 = [...COMPLETE_INTAKE.screening.phq9];
  phq9[8] = risk ? 1 : 0;
  for (const [step, values] of Object.entries({ ...COMPLETE_INTAKE, screening: { ...COMPLETE_INTAKE.screening, phq9 } })) {
    await intake.saveDraft(clientId, step as never, values);
  }
  const result = await intake.submitIntake(clientId);
  expect(result.ok).toBe(true);
}

test("the crisis panel says the clinician has been told only when the intake was flagged for her", async ({
  page,
  signInAsClient,
  expectAccessible,
}) => {
  const flagged = await signInAsClient(page);
  await submittedIntake(flagged.id, true);
  await page.goto("/portal/intake?submitted=1&support=1");
  const panel = page.getByRole("alert").filter({ hasText: "You deserve support right now" });
  await expect(panel).toContainText("We have let your clinician know");
  await expect(panel.getByRole("link", { name: "text 988", exact: true })).toHaveAttribute("href", "sms:988");
  await expect(panel.getByRole("link", { name: "text 838255" })).toHaveAttribute("href", "sms:838255");
  await expect(panel).toContainText("If you have thoughts of harming your baby");
  await expect(panel).toContainText("Signs of postpartum psychosis");
  await expect(panel).toContainText("(not for emergencies)");
  // Help outside the U.S. is one tap away, without JavaScript (a <details>).
  await expect(panel.getByRole("link", { name: "112" })).toBeHidden();
  await panel.getByText("Outside the U.S.?").click();
  await expect(panel.getByRole("link", { name: "112" })).toHaveAttribute("href", "tel:112");
  await expect(panel.getByRole("link", { name: "+1 844-702-5495" })).toBeVisible();
  await expectAccessible(page);

  // Not flagged: the panel comes from her record, not the address, so no promise can be faked
  // (the panel shown in the browser before the server has the answer says the practice does
  // not monitor around the clock: e2e/intake.spec.ts).
  await page.context().clearCookies();
  const unflagged = await signInAsClient(page);
  await submittedIntake(unflagged.id, false);
  await page.goto("/portal/intake?submitted=1&support=1");
  await expect(page.getByText("Thank you. Your intake has been submitted.")).toBeVisible();
  await expect(page.getByText("We have let your clinician know")).toHaveCount(0);
  await expect(panel).toHaveCount(0);
});

test("the practice's phone and email are tap-to-call and mailto links on /contact once she has set them", async ({ page }) => {
  const { practice } = await appLib();
  const stored = await practice.getPracticeProfile();
  const save = (fields: { contactPhone: string; contactEmail: string }) =>
    practice.saveProfile(practice.profileSchema.parse({ ...stored, ...fields, telehealthStates: stored.telehealthStates.join(", ") }));
  await save({ contactPhone: "(512) 555-0142", contactEmail: "hello@practice.test" });
  try {
    await page.goto("/contact");
    const main = page.getByRole("main");
    await expect(main.getByRole("link", { name: "(512) 555-0142" })).toHaveAttribute("href", "tel:5125550142");
    await expect(main.getByRole("link", { name: "hello@practice.test" })).toHaveAttribute("href", "mailto:hello@practice.test");
    await expect(main).not.toContainText("Location:"); // still the seeded placeholder: left out
  } finally {
    await save({ contactPhone: stored.contactPhone, contactEmail: stored.contactEmail });
  }
});
