import { planDocName } from "@shared/plan";
import type { ClusterUnderTest } from "./cluster";
import type { Endpoint } from "./loadClient";
import type { ServerUnderTest } from "./servers";

/** A server plus the way its clients reach document `doc` as client `client`. */
export interface Target {
  server: ServerUnderTest;
  endpoint(doc: number, client: number): Endpoint;
  /** Which instance client `client` of document `doc` reaches, on a cluster. */
  instanceOf?(doc: number, client: number): number;
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

/**
 * A Cocrea cluster: as cocreaTarget, each client on one of the instances, round-robin over the
 * clients of a document (shifted by one per document), so that every plan has clients on every
 * instance and a keystroke reaches most receivers through Redis, as behind a load balancer.
 */
export function clusterTarget(cluster: ClusterUnderTest, workspaceIds: string[], cookies: string[]): Target {
  const { instances } = cluster;
  const instanceOf = (doc: number, client: number) => (doc + client) % instances.length;
  return {
    server: cluster,
    instanceOf,
    endpoint: (doc, client) =>
      cocreaTarget(instances[instanceOf(doc, client)] ?? cluster, workspaceIds, cookies).endpoint(
        doc,
        client,
      ),
  };
}
