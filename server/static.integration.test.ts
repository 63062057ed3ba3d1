import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { loadConfig } from "./config";
import type { AppContext } from "./context";
import { createContext } from "./createContext";
import { serveClient } from "./static";

let dir: string;
let ctx: AppContext;
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-static-"));
  const clientDir = path.join(dir, "client");
  fs.mkdirSync(path.join(clientDir, "assets"), { recursive: true });
  fs.writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>Cocrea</title>");
  fs.writeFileSync(path.join(clientDir, "assets", "index-Ab12Cd.js"), "console.log('app')");
  fs.writeFileSync(path.join(clientDir, "favicon.svg"), "<svg/>");
  ctx = createContext(loadConfig({ COCREA_DATA_DIR: path.join(dir, "data") }));
  app = createApp(ctx);
  serveClient(app, clientDir);
});

afterAll(() => {
  ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("serveClient", () => {
  it("caches hashed assets for a year", async () => {
    const response = await app.request("/assets/index-Ab12Cd.js");
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(await response.text()).toBe("console.log('app')");
  });

  it("serves index.html for client routes, to be revalidated on every load, with the CSP", async () => {
    for (const route of ["/", "/w/abc/members", "/join/some-token"]) {
      const response = await app.request(route);
      expect(response.status).toBe(200);
      expect(response.headers.get("Cache-Control")).toBe("no-cache");
      expect(response.headers.get("Content-Type")).toMatch(/text\/html/);
      expect(response.headers.get("Content-Security-Policy")).toContain("script-src 'self'");
      expect(await response.text()).toContain("<title>Cocrea</title>");
    }
  });

  it("answers a missing asset with 404, not with the page", async () => {
    const response = await app.request("/assets/index-Gone99.js");
    expect(response.status).toBe(404);
    expect(response.headers.get("Cache-Control")).toBeNull();
  });

  it("serves other files as they are, revalidated", async () => {
    const response = await app.request("/favicon.svg");
    expect(response.headers.get("Cache-Control")).toBe("no-cache");
    expect(await response.text()).toBe("<svg/>");
  });

  it("answers unknown /api paths with a JSON 404, never the page", async () => {
    const response = await app.request("/api/no-such-thing");
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("does not answer /collab with the page", async () => {
    const response = await app.request("/collab/plan:abc");
    expect(response.status).toBe(404);
  });
});
