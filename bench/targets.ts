import { planDocName } from "@shared/plan";
import type { Endpoint } from "./loadClient";
import type { ServerUnderTest } from "./servers";

/** A server plus the way its clients reach document `doc` as client `client`. */
export interface Target {
  server: ServerUnderTest;
  endpoint(doc: number, client: number): Endpoint;
}

// Unencoded, as the stock WebsocketProvider builds it (`${serverUrl}/${roomName}`).
const collabUrl = (server: ServerUnderTest, docName: string) =>
  `ws://127.0.0.1:${server.port}/collab/${docName}`;

/** The reference server: any name is a document, nobody signs in. */
export function referenceTarget(server: ServerUnderTest, scenario: string): Target {
  return {
    server,
    endpoint: (doc) => ({ url: collabUrl(server, planDocName(`${scenario}-${doc}`)) }),
  };
}

/**
 * Cocrea: document `doc` is the plan of `workspaceIds[doc]`; client `client` signs in as one of the
 * members (each a member of every workspace) and presents the site's own Origin.
 */
export function cocreaTarget(server: ServerUnderTest, workspaceIds: string[], cookies: string[]): Target {
  return {
    server,
    endpoint: (doc, client) => ({
      url: collabUrl(server, planDocName(workspaceIds[doc] ?? "missing")),
      origin: server.origin,
      cookie: cookies[client % cookies.length],
    }),
  };
}
