import { expect, test } from "./fixtures";

test("a spoofed internal header grants nothing", async ({ request }) => {
  for (const path of ["/dashboard", "/dashboard/intakes", "/portal"]) {
    const response = await request.get(path, {
      maxRedirects: 0,
      headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware", "x-invoke-path": path, "x-nextjs-data": "1" },
    });
    expect(response.status(), path).toBe(307);
    expect(response.headers()["location"], path).toMatch(/\/(dashboard\/)?signin/);
  }
});

test("a cross-site post to a server action is refused and changes nothing", async ({ page, signInAsClient }) => {
  await signInAsClient(page);
  await page.goto("/portal");
  // The sign-out form's server action: posting it from another site must not sign the client out.
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Sign out" }) });
  const actionField = await form.locator('input[name^="$ACTION_ID_"]').getAttribute("name");
  expect(actionField).toBeTruthy();
  const response = await page.request.post("/portal", {
    multipart: { [actionField!]: "" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(response.status()).toBeGreaterThanOrEqual(400);
  await page.goto("/portal");
  await expect(page.getByRole("heading", { level: 1, name: "Your consultation" })).toBeVisible();

  // Control: the same post from this site does sign out, so the refusal above is the origin check.
  const sameSite = await page.request.post("/portal", { multipart: { [actionField!]: "" }, headers: { Origin: new URL(page.url()).origin }, maxRedirects: 0 });
  expect(sameSite.status()).toBeLessThan(400);
  await page.goto("/portal");
  await expect(page).toHaveURL(/\/signin/);
});
