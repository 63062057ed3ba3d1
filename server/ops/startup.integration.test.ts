import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SERVER_COMMAND } from "../collab/test/serverProcess";
import { run } from "./test/run";

describe("starting with a bad configuration", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-config-"));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("exits 1 listing every problem, one per line, before touching the data folder", async () => {
    const { code, stdout, stderr } = await run(
      process.execPath,
      SERVER_COMMAND.args,
      {
        COCREA_DATA_DIR: path.join(dataDir, "never-created"),
        COCREA_SKIP_CLIENT: "maybe",
        PORT: "-1",
        COCREA_PUBLIC_ORIGIN: "not a url",
        COCREA_METRICS_TOKEN: "0123456789",
      },
      25_000,
    );
    expect(code, stderr).toBe(1);
    expect(stdout).toBe("");
    const lines = stderr.trim().split("\n");
    expect(lines[0]).toBe("Cocrea cannot start. Invalid configuration:");
    expect(lines.slice(1).sort()).toEqual(
      [
        "  - PORT must be a whole number from 0 to 65535",
        "  - COCREA_PUBLIC_ORIGIN must be an http:// or https:// URL, e.g. https://cocrea.example.org",
        "  - COCREA_SKIP_CLIENT must be 0 or 1",
        "  - COCREA_METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -hex 16`)",
      ].sort(),
    );
    expect(fs.existsSync(path.join(dataDir, "never-created"))).toBe(false);
  }, 40_000);
});
