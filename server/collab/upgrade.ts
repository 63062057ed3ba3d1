import type { IncomingMessage } from "node:http";
import { CLOSE_CODES } from "@shared/closeCodes";
import { COLLAB_PATH, parseDocName } from "@shared/collab";
import { isAllowedHost, isOwnOrigin } from "../auth/origin";
import type { AppContext } from "../context";
import { type Access, type Refusal, resolveAccess } from "./access";

const PREFIX = `${COLLAB_PATH}/`;

/**
 * The document name in an upgrade request's URL (`/collab/<docName>?…`, percent-decoded), or null
 * when the request is not for /collab at all.
 */
export function docNameFromUrl(url: string | undefined): string | null {
  const pathname = (url ?? "").split("?")[0] ?? "";
  if (pathname !== COLLAB_PATH && !pathname.startsWith(PREFIX)) return null;
  try {
    return decodeURIComponent(pathname.slice(PREFIX.length));
  } catch {
    return "";
  }
}

/**
 * Decides an upgrade to `docName`, in this order:
 * 1. `Host` must be the public host or a loopback name when a public origin is configured
 *    (DNS rebinding), and `Origin` must name this site (4406). A request without `Origin` is let through: browsers
 *    send it on every WebSocket handshake, so its absence means a non-browser client, which cannot
 *    be made to carry a victim's cookie; the session check below still applies to it.
 * 2. The name must be a document name (4404).
 * 3. The session cookie must belong to a signed-in user (4401).
 * 4. The document's own rule: for a plan, the workspace must exist (4404) and the user be a member
 *    (4403); drafters and facilitators write, commenters and viewers read.
 */
export async function authorizeUpgrade(
  req: IncomingMessage,
  docName: string,
  ctx: AppContext,
): Promise<Access | Refusal> {
  if (!isAllowedHost(req.headers.host, ctx.config.publicOrigin)) {
    return { code: CLOSE_CODES.badOrigin, reason: "unknown host" };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isOwnOrigin(origin, req.headers.host, ctx.config.publicOrigin)) {
    return { code: CLOSE_CODES.badOrigin, reason: "this site's pages only" };
  }
  const ref = parseDocName(docName);
  if (!ref) return { code: CLOSE_CODES.notFound, reason: "no such document" };
  const signedIn = await ctx.authenticate(req.headers.cookie);
  if (!signedIn) return { code: CLOSE_CODES.notSignedIn, reason: "sign in first" };
  const outcome = await resolveAccess(ref, docName, signedIn.user, ctx);
  return isRefusal(outcome) ? outcome : { ...outcome, sessionKey: signedIn.sessionKey };
}

/** Narrows an authorization outcome. */
export const isRefusal = <A extends object>(outcome: A | Refusal): outcome is Refusal => "code" in outcome;
