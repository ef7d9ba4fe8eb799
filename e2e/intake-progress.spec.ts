/**
 * Finding her way through the questionnaire on a phone: resuming where she was, a step list
 * that reads and taps cleanly, and a sticky save bar that never hides crisis help or the
 * control she is on.
 */
import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { PHQ9 } from "../lib/intake/instruments";

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function viewportBox(locator: Locator): Promise<Box> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
}

async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const form = document.querySelector("form.intake-form");
    return !!form && Object.keys(form).some((key) => key.startsWith("__reactProps"));
  });
}

const next = (page: Page) => page.getByRole("button", { name: "Save and continue" });

test("resuming comes back to the optional step she was on, and it is not ticked before she has been through it", async ({
  page,
  signInAsClient,
}) => {
  test.setTimeout(90_000);
  await signInAsClient(page);
  await page.goto("/portal/intake/about-you");
  await page.getByLabel("Full legal name").fill("Resume Person");
  await page.getByLabel("Date of birth").fill("1990-01-15");
  await page.getByLabel("Phone", { exact: true }).fill("(555) 010-2000");
  await page.getByLabel("State where you live").selectOption("Ohio");
  await page.getByLabel("Emergency contact: name").fill("Sam");
  await page.getByLabel("Emergency contact: relationship to you").fill("Partner");
  await page.getByLabel("Emergency contact: phone").fill("(555) 010-3000");
  await next(page).click();
  await page.getByRole("radio", { name: "Trying to conceive" }).check();
  await next(page).click();
  await expect(page).toHaveURL(/what-brings-you$/);
  const steps = page.getByRole("navigation", { name: "Questionnaire progress" });
  // History asks nothing required, but she has not seen it yet: not done.
  await expect(steps.getByRole("link", { name: /History/ })).not.toContainText("done");
  await expect(steps.getByRole("link", { name: /About you/ })).toContainText("done");
  await page.getByRole("checkbox", { name: "Grief or loss" }).check();
  await next(page).click();
  await expect(page).toHaveURL(/history$/);

  // She stops here, and comes back later.
  await page.goto("/portal");
  await page.goto("/portal/intake");
  await expect(page).toHaveURL(/\/portal\/intake\/history$/);

  // Through History once, it counts as done.
  await next(page).click();
  await expect(page).toHaveURL(/screening$/);
  await expect(steps.getByRole("link", { name: /History/ })).toContainText("done");
});

test("the step list on a phone: separate targets of at least 24 px that never run into each other", async ({ page, signInAsClient }) => {
  await signInAsClient(page);
  await page.goto("/portal/intake/history");
  const links = page.getByRole("navigation", { name: "Questionnaire progress" }).getByRole("link");
  await expect(links).toHaveCount(7);
  const boxes: Box[] = [];
  for (const link of await links.all()) {
    const box = (await link.boundingBox())!;
    expect(box.height, await link.innerText()).toBeGreaterThanOrEqual(24);
    expect(box.width, await link.innerText()).toBeGreaterThanOrEqual(24);
    boxes.push(box);
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `${i} and ${j}`).toBe(false);
  // The words as she sees them: no "About you2. Pregnancy".
  const text = await page.getByRole("navigation", { name: "Questionnaire progress" }).locator("ol").innerText();
  expect(text).not.toMatch(/[a-z]\d/i);
});

test("on a phone the sticky save bar never covers the control she has tabbed to", async ({ page, signInAsClient }) => {
  await signInAsClient(page);
  await page.goto("/portal/intake/about-you");
  await waitForHydration(page);

  // Every control reached with the keyboard is fully in view, above the bar (WCAG 2.4.11).
  let checked = 0;
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const bar = document.querySelector(".intake-nav");
      if (!el || !bar || el === document.body) return { where: "page" as const };
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      const where = el.closest(".intake-nav") ? ("bar" as const) : el.closest("form.intake-form") ? ("form" as const) : ("page" as const);
      return { where, name: el.getAttribute("name"), box: box(el), bar: box(bar) };
    });
    if (focus.where === "bar") break;
    if (focus.where === "page") continue;
    checked += 1;
    expect(overlaps(focus.box!, focus.bar!), `${focus.name} under the bar`).toBe(false);
  }
  expect(checked).toBeGreaterThanOrEqual(9);
});

test("on a phone the sticky save bar never covers the crisis panel", async ({ page, signInAsClient }) => {
  await signInAsClient(page);
  const bar = page.locator(".intake-nav");
  await page.goto("/portal/intake/screening");
  await waitForHydration(page);
  await page
    .getByRole("region", { name: "PHQ-9" })
    .getByRole("group", { name: `9. ${PHQ9.items[8]!.text}` })
    .getByRole("radio", { name: "Several days" })
    .check();
  const panel = page.getByRole("alert").filter({ hasText: "You deserve support right now" });
  await expect(panel).toBeVisible();
  // Wherever she scrolls, the panel is never under the bar: its top, middle and bottom at the foot of the screen.
  const height = page.viewportSize()!.height;
  for (const fraction of [0, 0.5, 1]) {
    await panel.evaluate(
      (el, [f, h]) => {
        const r = el.getBoundingClientRect();
        window.scrollBy(0, r.top + r.height * f! - h! + 1);
      },
      [fraction, height],
    );
    expect(overlaps(await viewportBox(panel), await viewportBox(bar)), `panel under the bar at ${fraction}`).toBe(false);
  }
});
