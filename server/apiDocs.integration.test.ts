import fs from "node:fs";
import { CLOSE_CODES } from "@shared/closeCodes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { startTestServer, type TestServer } from "./test/startTestServer";

const docs = fs.readFileSync(new URL("../docs/api.md", import.meta.url), "utf8");

/** `METHOD /path` of every route docs/api.md lists: each one's first cell starts with it, in backticks. */
const documentedRoutes = (): string[] =>
  [...docs.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) (\/[^\s`]*)/gm)].map(
    ([, method, path]) => `${method} ${path}`,
  );

describe("docs/api.md", () => {
  let srv: TestServer;
  let registered: string[];

  beforeAll(async () => {
    srv = await startTestServer();
    // Middleware is registered as ALL; a route's regular-expression constraint ({…}) is not part of its name.
    registered = createApp(srv.ctx)
      .routes.filter((route) => route.method !== "ALL")
      .map((route) => `${route.method} ${route.path.replace(/\{[^}]*\}/g, "")}`);
  });
  afterAll(() => srv?.close());

  it("documents every route the server registers, and no route it does not", () => {
    const documented = documentedRoutes();
    expect(registered.length).toBeGreaterThan(80);
    expect([...new Set(registered)].filter((route) => !documented.includes(route))).toEqual([]);
    expect(documented.filter((route) => !registered.includes(route))).toEqual([]);
  });

  it("lists each route once", () => {
    const documented = documentedRoutes();
    expect(documented.filter((route, i) => documented.indexOf(route) !== i)).toEqual([]);
  });

  it("explains every close code of the /collab socket", () => {
    const table = new Set([...docs.matchAll(/^\| (\d{4}) \|/gm)].map(([, code]) => Number(code)));
    expect(Object.values(CLOSE_CODES).filter((code) => !table.has(code))).toEqual([]);
  });
});
