/**
 * True when an `Origin` header names this site: the host the request was sent to, or the
 * configured public origin (behind a proxy that rewrites Host). A cookie-carrying request from any
 * other origin — including the opaque "null" — may be cross-site request forgery. Shared by REST
 * and the WebSocket upgrade.
 */
export function isOwnOrigin(origin: string, host: string | undefined, publicOrigin: string | null): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (publicOrigin !== null && url.origin === publicOrigin) return true;
  return host !== undefined && url.host === host.toLowerCase();
}

const LOOPBACK_NAMES = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * True when a request's `Host` may be served: any Host while no public origin is configured;
 * otherwise only the public origin's host or a loopback name (health checks, an operator on the
 * machine itself). A DNS-rebinding page points a name of its own at this server, so its requests
 * are same-origin to the browser and carry that foreign name as Host: refusing it keeps such
 * pages from reading the API or opening sockets.
 */
export function isAllowedHost(host: string | undefined, publicOrigin: string | null): boolean {
  if (publicOrigin === null) return true;
  if (host === undefined) return false;
  const site = new URL(publicOrigin);
  let url: URL;
  try {
    // Parsed with the site's scheme, so its default port (":443") is dropped as in `site.host`.
    url = new URL(`${site.protocol}//${host}`);
  } catch {
    return false;
  }
  // The URL parser lowercases, drops a default port and rejects userinfo-like tricks
  // ("a@b") by taking them apart: only a bare host[:port] survives the comparison.
  if (`${url.username}${url.password}${url.pathname}${url.search}` !== "/") return false;
  return url.host === site.host || LOOPBACK_NAMES.test(url.hostname);
}

/**
 * The WebSocket origin of a public origin (`https:` → `wss:`, `http:` → `ws:`), for the CSP's
 * connect-src: the collaboration socket of this site and of no other.
 */
export const webSocketOrigin = (publicOrigin: string): string => publicOrigin.replace(/^http/, "ws");
