/**
 * The Notice of Privacy Practices the intake consent asks clients to confirm they have read:
 * readable on the site (a template until the clinician saves her own), linked from the
 * consent step and the footer, and edited by her on the dashboard, without JavaScript too.
 */
import { expect, test } from "./fixtures";

test("the notice is readable from the footer and the consent step; the template says it is not yet reviewed", async ({
  page,
  signInAsClient,
}) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Notice of Privacy Practices" }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Notice of Privacy Practices" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("not yet reviewed");
  await expect(page.getByRole("heading", { name: "Your rights" })).toBeVisible();

  await signInAsClient(page);
  await page.goto("/portal/intake/consent");
  const link = page.getByRole("link", { name: /Read the Notice of Privacy Practices/ });
  await expect(link).toHaveAttribute("href", "/privacy");
  await expect(page.getByRole("checkbox", { name: /I have read the Notice of Privacy Practices/ })).toBeVisible();
});

test("the clinician edits the notice without JavaScript: an empty one is refused, a saved one is public and sanitised", async ({
  browser,
  page,
  db,
  signInAsClinician,
  expectAccessible,
}) => {
  // Back to the unreviewed template afterwards, for the other tests.
  try {
    await editNotice();
  } finally {
    await db.query(`UPDATE "PracticeSettings" SET "privacyNotice" = NULL, "privacyNoticeSavedAt" = NULL WHERE id = 1`);
  }

  async function editNotice() {
    // With scripts: the page passes the accessibility scan and says what is not set yet.
    await signInAsClinician(page);
    await page.goto("/dashboard/profile");
    await expect(page.getByRole("region", { name: "What visitors see" })).toContainText("Practice phone: not set yet");
    await expect(page.getByRole("region", { name: "Notice of Privacy Practices" }).getByRole("note")).toContainText(
      "Please review this notice",
    );
    await expectAccessible(page);

    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await signInAsClinician(noScript);
    await noScript.goto("/dashboard/profile");
    const notice = noScript.getByRole("textbox", { name: "Notice of Privacy Practices" });
    await expect(notice).toHaveValue(/Your rights/);

    // Emptied by mistake: refused with the reason on the field, and nothing is saved.
    await notice.fill("   ");
    await noScript.getByRole("button", { name: "Save the privacy notice" }).click();
    await expect(noScript.getByRole("alert")).toContainText("Nothing was saved yet");
    const field = noScript.getByRole("textbox", { name: "Notice of Privacy Practices" });
    await expect(field).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAccessibleDescription(/Please enter the notice\./);
    expect((await db.query(`SELECT "privacyNotice" FROM "PracticeSettings" WHERE id = 1`)).rows).toEqual([{ privacyNotice: null }]);

    const text = "## How we protect your information\n\nEverything you share is **confidential**.\n\n<script>window.__pwned = 1</script>";
    await noScript.getByRole("textbox", { name: "Notice of Privacy Practices" }).fill(text);
    await noScript.getByRole("button", { name: "Save the privacy notice" }).click();
    await expect(
      noScript.getByRole("status").filter({ hasText: "Saved. The Notice of Privacy Practices page now shows your version." }),
    ).toBeVisible();
    expect(noScript.url()).not.toContain("confidential");
    await context.close();

    await page.goto("/privacy");
    await expect(page.getByRole("heading", { name: "How we protect your information" })).toBeVisible();
    await expect(page.locator(".prose strong")).toHaveText("confidential");
    expect(await page.locator(".prose").innerHTML()).not.toContain("<script");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.getByRole("note")).toHaveCount(0);
    await expect(page.getByText(/Effective/)).toBeVisible();
  }
});
