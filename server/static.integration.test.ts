import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressFile } from "../build/precompress";
import { createApp } from "./app";
import { loadConfig } from "./config";
import type { AppContext } from "./context";
import { createContext } from "./createContext";
import { serveClient } from "./static";

let dir: string;
let ctx: AppContext;
let app: ReturnType<typeof createApp>;

/** A hashed bundle large enough to be precompressed (repetitive, like minified code). */
const BUNDLE = "export const words = ['plan', 'commitment', 'milestone'];\n".repeat(200);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-static-"));
  const clientDir = path.join(dir, "client");
  fs.mkdirSync(path.join(clientDir, "assets"), { recursive: true });
  fs.writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>Cocrea</title>");
  fs.writeFileSync(path.join(clientDir, "assets", "index-Ab12Cd.js"), "console.log('app')");
  fs.writeFileSync(path.join(clientDir, "favicon.svg"), "<svg/>");
  fs.writeFileSync(path.join(clientDir, "assets", "editor-Ef34Gh.js"), BUNDLE);
  expect(await precompressFile(path.join(clientDir, "assets", "editor-Ef34Gh.js"))).toEqual(["br", "gz"]);
  // Too small to gain anything: left alone.
  expect(await precompressFile(path.join(clientDir, "favicon.svg"))).toEqual([]);
  ctx = await createContext(loadConfig({ COCREA_DATA_DIR: path.join(dir, "data") }));
  app = createApp(ctx);
  serveClient(app, clientDir);
});

afterAll(async () => {
  await ctx.close();
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

  describe("precompressed files", () => {
    const get = (accept: string | null) =>
      app.request("/assets/editor-Ef34Gh.js", {
        headers: accept === null ? {} : { "Accept-Encoding": accept },
      });
    const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());

    it("sends Brotli to a browser that accepts it, cached for a year, varying with Accept-Encoding", async () => {
      const response = await get("gzip, deflate, br, zstd");
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Encoding")).toBe("br");
      expect(response.headers.get("Content-Type")).toMatch(/javascript/);
      expect(response.headers.get("Vary")).toBe("Accept-Encoding");
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      const body = await bytes(response);
      expect(body.length).toBeLessThan(BUNDLE.length / 10);
      expect(zlib.brotliDecompressSync(body).toString()).toBe(BUNDLE);
    });

    it("sends gzip to a browser that accepts only gzip", async () => {
      const response = await get("gzip");
      expect(response.headers.get("Content-Encoding")).toBe("gzip");
      expect(response.headers.get("Vary")).toBe("Accept-Encoding");
      expect(zlib.gunzipSync(await bytes(response)).toString()).toBe(BUNDLE);
    });

    it("sends the file as it is to a client that accepts no encoding, still varying with Accept-Encoding", async () => {
      for (const accept of [null, "identity"]) {
        const response = await get(accept);
        expect(response.headers.get("Content-Encoding")).toBeNull();
        expect(response.headers.get("Vary")).toBe("Accept-Encoding");
        expect(await response.text()).toBe(BUNDLE);
      }
    });
  });
});
