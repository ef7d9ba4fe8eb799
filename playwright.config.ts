import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { E2E } from "./e2e/config";
import { withServerCondition } from "./scripts/server-condition";

// Debian's Chromium where it is installed (no browser download is possible there);
// otherwise Playwright's own browser.
const executablePath = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;

process.env.E2E_DATABASE_URL_RESOLVED = E2E.databaseUrl;
// The test process runs the app's own server modules to set up data (e2e/app-lib.ts).
process.env.NODE_OPTIONS = withServerCondition();

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  use: {
    baseURL: E2E.baseUrl,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "phone", use: { ...devices["Pixel 7"], browserName: "chromium" } }],
  webServer: {
    command: "tsx e2e/serve.ts",
    url: `${E2E.baseUrl}/robots.txt`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
  },
});
