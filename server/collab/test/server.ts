import { startTestServer, type TestServer } from "../../test/startTestServer";
import { attachCollab, type CollabServer } from "..";

/** A test server with the collaboration server attached, and that collaboration server. */
export async function startCollabServer(): Promise<{ srv: TestServer; collab: CollabServer }> {
  let collab: CollabServer | undefined;
  const srv = await startTestServer({ attach: (server, ctx) => (collab = attachCollab(server, ctx)) });
  if (!collab) throw new Error("the collaboration server was not attached");
  return { srv, collab };
}
