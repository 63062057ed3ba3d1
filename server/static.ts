import { serveStatic } from "@hono/node-server/serve-static";
import type { Env, Hono } from "hono";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

const isServerPath = (path: string): boolean =>
  path === "/api" || path.startsWith("/api/") || path === "/collab" || path.startsWith("/collab/");

/**
 * Serves the built client from `clientDir`. Vite's hashed files under /assets are cached for a
 * year; everything else (index.html above all) is revalidated, so a new deploy shows at once.
 * Any other GET outside /api and /collab gets index.html, so client-side routes survive a reload.
 */
export function serveClient<E extends Env>(app: Hono<E>, clientDir: string): void {
  const cacheControl = (path: string, c: { header(name: string, value: string): void }) =>
    c.header("Cache-Control", path.includes("/assets/") ? IMMUTABLE : REVALIDATE);
  const files = serveStatic<E>({ root: clientDir, onFound: cacheControl });
  const indexHtml = serveStatic<E>({ root: clientDir, path: "index.html", onFound: cacheControl });

  app.use("*", (c, next) => (isServerPath(c.req.path) ? next() : files(c, next)));
  app.get("*", (c, next) => (isServerPath(c.req.path) ? next() : indexHtml(c, next)));
}
