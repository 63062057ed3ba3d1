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
