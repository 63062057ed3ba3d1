import { serveStatic } from "@hono/node-server/serve-static";
import type { Env, Hono, MiddlewareHandler } from "hono";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

const isServerPath = (path: string): boolean =>
  path === "/api" || path.startsWith("/api/") || path === "/collab" || path.startsWith("/collab/");

/**
 * Runs `serve` outside /api and /collab, and sets Cache-Control on what it found. Every answer says
 * it varies with Accept-Encoding, the uncompressed one too: otherwise a shared cache could keep the
 * plain file and hand it to every phone, or keep a Brotli one for a client that cannot read it.
 */
function cached<E extends Env>(serve: MiddlewareHandler<E>): MiddlewareHandler<E> {
  return async (c, next) => {
    if (isServerPath(c.req.path)) return next();
    const response = await serve(c, next);
    if (response instanceof Response) {
      response.headers.set("Cache-Control", c.req.path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE);
      if (!/accept-encoding/i.test(response.headers.get("Vary") ?? "")) {
        response.headers.append("Vary", "Accept-Encoding");
      }
    }
    return response;
  };
}

/**
 * Serves the built client from `clientDir`. Vite's hashed files under /assets are cached for a
 * year; everything else (index.html above all) is revalidated, so a new deploy shows at once.
 * Text files are sent as the `.br` or `.gz` the build wrote beside them (build/precompress.ts)
 * when the browser accepts that encoding, with Content-Encoding set.
 * Any other GET outside /api, /collab and /assets gets index.html, so client-side routes survive a reload.
 */
export function serveClient<E extends Env>(app: Hono<E>, clientDir: string): void {
  app.use("*", cached(serveStatic<E>({ root: clientDir, precompressed: true })));
  const indexHtml = cached(serveStatic<E>({ root: clientDir, path: "index.html", precompressed: true }));
  // A missing hashed file stays a 404: answering it with the page would be cached for a year.
  app.get("*", (c, next) => (c.req.path.startsWith("/assets/") ? next() : indexHtml(c, next)));
}
