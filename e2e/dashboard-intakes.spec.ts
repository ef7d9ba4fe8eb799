/**
 * The clinician's intakes list and overview stay up when one intake cannot be decrypted:
 * the other rows are shown and the broken one is marked.
 */
import { expect, test } from "./fixtures";
import { appLib } from "./app-lib";
import { COMPLETE_INTAKE } from "./data";

test("one intake that cannot be decrypted is marked; the list, the urgent ones and the overview still show", async ({
  page,
  db,
  signInAsClient,
  signInAsClinician,
  expectAccessible,
}) => {
  const { intake } = await appLib();
  const submitted = async (item9: number) => {
    const client = await signInAsClient(page);
    for (const [step, values] of Object.entries({
      ...COMPLETE_INTAKE,
      screening: { ...COMPLETE_INTAKE.screening, phq9: [...COMPLETE_INTAKE.screening.phq9.slice(0, 8), item9] },
    })) {
      await intake.saveDraft(client.id, step as "about-you", values as Record<string, unknown>);
    }
    expect(await intake.submitIntake(client.id)).toMatchObject({ ok: true });
    return (await intake.getOrCreateClientIntake(client.id)).id;
  };
  const good = await submitted(0);
  const broken = await submitted(2);
  // Damage as a bad restore or a lost key would: the good row's ciphertext, bound to another row.
  await db.query(`UPDATE "Intake" SET "answersEnc" = (SELECT "answersEnc" FROM "Intake" WHERE id = $1) WHERE id = $2`, [good, broken]);

  await signInAsClinician(page);
  const response = await page.goto("/dashboard/intakes");
  expect(response?.status()).toBe(200);
  await expect(page.locator(`tr[data-intake="${good}"]`)).toContainText("PHQ-9");
  const brokenRow = page.locator(`tr[data-intake="${broken}"]`);
  await expect(brokenRow).toContainText("Could not be read");
  await expect(brokenRow).toContainText("Urgent");
  await expectAccessible(page);
  // Its own page says so too, with its risk answers, which are stored apart.
  await brokenRow.getByRole("link").first().click();
  await expect(page.getByText("could not be decrypted")).toBeVisible();
  await expect(page.getByRole("region", { name: "Self-harm questions" })).toContainText("PHQ-9 item 9: “More than half the days”");

  expect((await page.goto("/dashboard"))?.status()).toBe(200);
  await expect(page.getByRole("alert").filter({ hasText: /needs? your prompt review/ })).toBeVisible();
});
