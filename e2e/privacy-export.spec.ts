import { readFile } from "node:fs/promises";
import { expect, startSession, test } from "./fixtures";
import { appLib } from "./app-lib";
import { COMPLETE_INTAKE } from "./data";

test("a client downloads her information (the page and both files), sees who has seen it, and another client's link is refused", async ({
  page,
  db,
  signInAsClient,
  signInAsClinician,
  expectAccessible,
}) => {
  test.setTimeout(180_000);
  const { intake } = await appLib();
  const client = await signInAsClient(page);
  for (const [step, values] of Object.entries(COMPLETE_INTAKE)) await intake.saveDraft(client.id, step as never, values);
  await intake.submitIntake(client.id);
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Intake" WHERE "clientId" = $1`, [client.id]);
  const intakeId = rows[0]!.id;

  // The clinician reads her intake and opens her record's export: both go into her access log.
  await page.context().clearCookies();
  await signInAsClinician(page);
  await page.goto(`/dashboard/intakes/${intakeId}`);
  // Her notes are private until she shares one.
  await page.getByLabel("Private note").fill("E2E-SHARED-NOTE see you Tuesday");
  await page.getByRole("button", { name: "Mark as reviewed" }).click();
  await expect(page.getByText("Marked as reviewed.")).toBeVisible();
  await page.getByRole("button", { name: "Share this note with the client" }).click();
  await expect(page.getByText(/Shared with the client: her copy of her records now shows this note/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Stop sharing with the client" })).toBeVisible();
  await page.getByRole("link", { name: "Export this client’s record" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/clients/${client.id}/export$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(client.email);
  await expect(page.getByText("Canarymatrix Person").first()).toBeVisible();
  await expectAccessible(page);
  const clinicianFhir = await page.request.get(`/dashboard/clients/${client.id}/export/record.fhir.json`);
  expect(clinicianFhir.status()).toBe(200);
  expect(clinicianFhir.headers()["content-type"]).toContain("application/fhir+json");
  expect(clinicianFhir.headers()["cache-control"]).toContain("no-store");

  // Her own copy, from the portal's navigation.
  await page.context().clearCookies();
  await startSession(db, page, client.id);
  await page.goto("/portal");
  await page.getByRole("link", { name: "Your information" }).click();
  await expect(page).toHaveURL(/\/portal\/privacy$/);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Download my information" }).click();
  await expect(page).toHaveURL(/\/portal\/privacy\/my-information$/);
  await expect(page.getByRole("heading", { name: "Your information", level: 1 })).toBeVisible();
  // Questions with her answers in words.
  const legal = page.locator(".review-row", { hasText: "Full legal name" }).first();
  await expect(legal).toContainText("Canarymatrix Person");
  await expect(page.locator(".review-row", { hasText: "Little interest or pleasure in doing things" })).toContainText(
    "More than half the days",
  );
  await expect(page.getByText("consent version 2026-12-v2")).toBeVisible();
  await expect(page.getByRole("region", { name: "Notes your clinician shared with you" })).toContainText("E2E-SHARED-NOTE see you Tuesday");
  await expectAccessible(page);

  const [json] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as a JSON file" }).click()]);
  expect(json.suggestedFilename()).toBe("my-information.json");
  const record = JSON.parse(await readFile((await json.path())!, "utf8"));
  expect(record.account.email).toBe(client.email);
  expect(record.intake.sections[0].items[0]).toMatchObject({ question: "Full legal name", answer: "Canarymatrix Person" });
  expect(record.clinicianNotes).toMatchObject([{ kind: "review", text: "E2E-SHARED-NOTE see you Tuesday" }]);

  const [fhir] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Download for another clinician/ }).click(),
  ]);
  expect(fhir.suggestedFilename()).toBe("my-information.fhir.json");
  const bundle = JSON.parse(await readFile((await fhir.path())!, "utf8"));
  expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
  expect(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toContain("Observation");

  const headers = (await page.request.get(`/portal/privacy/my-information.json?account=${client.id}`)).headers();
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["content-disposition"]).toBe('attachment; filename="my-information.json"');

  // Another client following her link: refused, with a clear message and nothing of hers.
  await page.context().clearCookies();
  await signInAsClient(page);
  const refused = await page.request.get(`/portal/privacy/my-information.json?account=${client.id}`);
  expect(refused.status()).toBe(404);
  const refusedText = await refused.text();
  expect(refusedText).toContain("another account");
  expect(refusedText).not.toContain("Canarymatrix");
  expect((await page.request.get(`/portal/privacy/my-information.fhir.json?account=${client.id}`)).status()).toBe(404);
  await page.goto(`/portal/privacy/my-information?account=${client.id}`);
  await expect(page.locator("p.notice[role=alert]")).toContainText("another account");
  await expect(page.getByText("Canarymatrix")).toHaveCount(0);
  await expectAccessible(page);

  // Her access log: who, when and what, in words.
  await page.context().clearCookies();
  await startSession(db, page, client.id);
  await page.goto("/portal/privacy/access-log");
  const table = page.getByRole("region", { name: "Who has seen your information" });
  // Each view of her intake is a line (the page is read again after each of the clinician's changes).
  await expect(
    table.locator("tr", { hasText: "Your clinician" }).filter({ hasText: "Opened your intake questionnaire" }).first(),
  ).toBeVisible();
  await expect(table.locator("tr", { hasText: "Your clinician" }).filter({ hasText: "(the readable page)" })).toHaveCount(1);
  await expect(
    table.locator("tr", { hasText: "Your clinician" }).filter({ hasText: "Opened a note on your intake, to share it with you" }),
  ).toHaveCount(1);
  await expect(table.locator("tr", { hasText: "You" }).filter({ hasText: "(the JSON file)" }).first()).toBeVisible();
  await expect(table.locator("tr[data-refused]", { hasText: "Someone else with an account on this site" })).toHaveCount(3);
  await expect(table).not.toContainText("Canarymatrix");
  await expectAccessible(page);
});
