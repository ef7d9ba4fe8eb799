import { expect, test } from "./fixtures";

test("a spoofed internal header grants nothing", async ({ request }) => {
  for (const path of ["/dashboard", "/dashboard/intakes", "/portal"]) {
    const response = await request.get(path, {
      maxRedirects: 0,
      headers: {
        "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
        "x-invoke-path": path,
        "x-nextjs-data": "1",
      },
    });
    expect(response.status(), path).toBe(307);
    expect(response.headers()["location"], path).toMatch(/\/(dashboard\/)?signin/);
  }
});

test("a cross-site post to a server action is refused and changes nothing", async ({ page, signInAsClinician }) => {
  const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
  const upload = async () => {
    await page.getByLabel("Choose a photo").setInputFiles({ name: "portrait.png", mimeType: "image/png", buffer: PNG });
    await page.getByRole("button", { name: "Upload photo" }).click();
    await expect(page.getByText("Photo saved.")).toBeVisible();
  };
  await signInAsClinician(page);
  await page.goto("/dashboard/profile");
  await upload();
  // The "Remove photo" server action, as the page's script calls it.
  const call = page.waitForRequest((req) => req.method() === "POST" && !!req.headers()["next-action"]);
  await page.getByRole("button", { name: "Remove photo" }).click();
  const actionId = (await call).headers()["next-action"]!;
  await expect(page.getByText("Photo removed.")).toBeVisible();
  await upload();

  // The call as the page's script makes it: React encodes the arguments (the previous state and
  // the form, its fields prefixed "_1_") as multipart. Playwright does not record multipart
  // bodies, so it is rebuilt here, in the same order (the root "0" last: React reads a form's
  // fields as the run of entries before it).
  const post = (origin: string) => {
    const args = new FormData();
    args.append("_1_intent", "remove");
    args.append("0", '[null,"$K1"]');
    return page.request.post("/dashboard/profile", { headers: { "next-action": actionId, origin }, multipart: args, maxRedirects: 0 });
  };
  const response = await post("https://evil.example");
  expect(response.status()).toBeGreaterThanOrEqual(400);
  expect((await page.request.get("/practice-photo")).status()).toBe(200);

  // Control: the same post from this site does remove it, so the refusal above is the origin check.
  const sameSite = await post(new URL(page.url()).origin);
  expect(sameSite.status()).toBeLessThan(400);
  expect((await page.request.get("/practice-photo")).status()).toBe(404);
});

test("each page rendered per request gets its own CSP nonce, and every script on it carries that nonce", async ({ request }) => {
  const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
  // The cached public pages have a policy by hash instead (e2e/page-cache.spec.ts).
  for (const path of ["/book", "/contact", "/signin", "/dashboard/signin"]) {
    const first = await request.get(path);
    const second = await request.get(path);
    const nonce = nonceOf(first.headers()["content-security-policy"]);
    expect(nonce, path).toBeTruthy();
    expect(nonceOf(second.headers()["content-security-policy"]), path).not.toBe(nonce);

    const html = await first.text();
    // JSON-LD is data, not script, and needs no nonce.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !tag.includes("application/ld+json"));
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
});

test("markup injected into a page cannot run script: the CSP blocks inline handlers", async ({ browser }) => {
  // A page outside the fixture, which would (rightly) fail the test on the violation this provokes.
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations: string[] = [];
  await page.exposeFunction("reportViolation", (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportViolation: (d: string) => void }).reportViolation(event.effectiveDirective);
    });
  });
  await page.goto("/articles/a-difficult-connection");
  await page.evaluate(() => {
    document.body.insertAdjacentHTML("beforeend", `<img src="/no-such-image.png" onerror="window.__pwned = 1" alt="">`);
  });
  await expect.poll(() => violations).toContain("script-src-attr");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await context.close();
});

test("a cross-site post to the sign-in endpoints is refused before next-auth sees it", async ({ request }) => {
  const email = `csrf-${Date.now()}@example.test`;
  for (const origin of ["https://evil.example", "null"]) {
    const response = await request.post("/api/auth/signin/email", {
      form: { email, csrfToken: "x", callbackUrl: "/portal" },
      headers: { Origin: origin },
      maxRedirects: 0,
    });
    expect(response.status(), origin).toBe(403);
  }
  const signOut = await request.post("/api/auth/signout", {
    form: { csrfToken: "x" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(signOut.status()).toBe(403);
  // Control: from this site the same post reaches next-auth (which then wants its CSRF token).
  const sameSite = await request.post("/api/auth/signin/email", {
    form: { email, csrfToken: "x", callbackUrl: "/portal" },
    headers: { Origin: new URL(test.info().project.use.baseURL!).origin },
    maxRedirects: 0,
  });
  expect(sameSite.status()).not.toBe(403);
});
