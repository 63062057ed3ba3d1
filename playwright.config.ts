import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

// A fresh data directory per run. Playwright loads this file again in each worker; the variable,
// inherited from the main process, keeps them all on the one directory the server uses.
process.env.COCREA_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-e2e-"));
const dataDir = process.env.COCREA_E2E_DATA_DIR;

export default defineConfig({
  testDir: "e2e/tests",
  // Overridable so two runs on one machine (with different E2E_PORTs) do not wipe each other's artifacts.
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  globalTeardown: "./e2e/globalTeardown.ts",
  fullyParallel: false,
  workers: 1, // a 2-core machine runs the server, the build watcher and Chromium
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL,
    headless: true,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx server/main.ts",
    url: `${baseURL}/api/me`, // answers 401 once the server is up, which Playwright accepts as ready
    // Every test signs people up from 127.0.0.1: lift the per-address sign-up throttle.
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      COCREA_DATA_DIR: dataDir,
      COCREA_SIGNUP_FREE_PER_ADDRESS: "100000",
      // Info lines for every request would bury a failing test's output.
      COCREA_LOG_LEVEL: "warn",
    },
    reuseExistingServer: false,
    timeout: 180_000, // main.ts rebuilds the client first when the build is stale
    stdout: "pipe",
    stderr: "pipe",
  },
});
