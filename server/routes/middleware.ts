import type { IncomingMessage } from "node:http";
import { LIMITS } from "@shared/limits";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { isAllowedHost, isOwnOrigin, webSocketOrigin } from "../auth/origin";
import type { Config } from "../config";
import { ApiException, badRequest } from "../errors";

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

/**
 * Security headers for every answer. The CSP fits the Vite build: scripts and styles from our
 * own origin (Tiptap and React set inline style attributes, hence 'unsafe-inline' for styles
 * only), images from data: and blob: URLs (pasted images, previews). Connections go to this site
 * only: 'self' (which CSP Level 3 browsers extend to ws:/wss: of the same host) and, when the
 * public origin is configured, its exact WebSocket origin for browsers that do not — never any
 * ws:/wss: host, which would let injected script send the page's content anywhere.
 */
export const securityHeaders = (config: Pick<Config, "publicOrigin">): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      connectSrc: ["'self'", ...(config.publicOrigin ? [webSocketOrigin(config.publicOrigin)] : [])],
      imgSrc: ["'self'", "data:", "blob:"],
      fontSrc: ["'self'", "data:"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "same-origin",
  });

/**
 * Refuses any request whose `Host` is neither the configured public host nor a loopback name
 * (DNS rebinding; see isAllowedHost). Without a configured public origin every Host is served.
 */
export const checkHost =
  (config: Pick<Config, "publicOrigin">): MiddlewareHandler =>
  async (c, next) => {
    if (!isAllowedHost(c.req.header("Host"), config.publicOrigin)) {
      throw new ApiException(421, "bad_host", "This server does not answer for that host name.");
    }
    await next();
  };

/**
 * Refuses a state-changing request whose `Origin` is another site's (cross-site request forgery).
 * Requests without `Origin` are tools, not browsers — browsers send it on every cross-origin
 * POST — and the SameSite=Lax cookie keeps the rest of cross-site traffic unauthenticated.
 */
export const checkOrigin =
  (config: Pick<Config, "publicOrigin">): MiddlewareHandler =>
  async (c, next) => {
    const origin = c.req.header("Origin");
    if (MUTATING.has(c.req.method) && origin !== undefined) {
      if (!isOwnOrigin(origin, c.req.header("Host"), config.publicOrigin)) {
        throw new ApiException(403, "bad_origin", "This request came from another site and was refused.");
      }
    }
    await next();
  };

const bodyTooLarge = (): never => {
  throw new ApiException(
    413,
    "body_too_large",
    `Request bodies may be at most ${LIMITS.maxJsonBodyBytes} bytes.`,
  );
};

/** The Node request under @hono/node-server; absent when a test calls `app.request()`. */
const nodeRequest = (c: Context): IncomingMessage | undefined =>
  (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/**
 * Refuses bodies over LIMITS.maxJsonBodyBytes. Over HTTP/1.1 a body is framed by its
 * Content-Length, which Node's parser holds it to (and refuses alongside Transfer-Encoding), so a
 * declared length is the body's size and is checked as it stands; without either header a request
 * has no body. That spares building a web `Request` and reading the body through a web stream,
 * which cost more than the rest of a small request. Bodies sent in chunks (and requests that do
 * not come from Node's HTTP/1 parser) are counted as they stream in.
 */
export const limitBody = (): MiddlewareHandler => {
  const counted = bodyLimit({ maxSize: LIMITS.maxJsonBodyBytes, onError: bodyTooLarge });
  return async (c, next) => {
    const incoming = nodeRequest(c);
    if (incoming && incoming.httpVersionMajor === 1 && incoming.headers["transfer-encoding"] === undefined) {
      const length = incoming.headers["content-length"];
      if (length !== undefined && Number(length) > LIMITS.maxJsonBodyBytes) bodyTooLarge();
      return next();
    }
    return counted(c, next);
  };
};

/**
 * Reads and parses a JSON body once, before any route: a non-empty body must be declared and be
 * valid JSON. The text is cached for the route's validator; an undeclared empty body reads as `{}`.
 */
export const parseJsonBody = (): MiddlewareHandler => async (c, next) => {
  if (!WITH_BODY.has(c.req.method)) return next();
  const text = await c.req.text();
  const mediaType = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim() ?? "";
  const declaredJson = JSON_TYPE.test(mediaType);
  if (text.length === 0 && !declaredJson) return next();
  if (!declaredJson) {
    throw new ApiException(
      415,
      "unsupported_media_type",
      "Send the body as JSON (Content-Type: application/json).",
    );
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw badRequest("invalid_json", `The body is not valid JSON: ${(error as Error).message}`);
  }
  await next();
};
