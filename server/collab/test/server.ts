import { startTestServer, type TestServer, type TestServerOptions } from "../../test/startTestServer";
import { attachCollab, type CollabServer } from "..";

/** A test server with the collaboration server attached, and that collaboration server. */
export async function startCollabServer(
  options: Omit<TestServerOptions, "attach"> = {},
): Promise<{ srv: TestServer; collab: CollabServer }> {
  let collab: CollabServer | undefined;
  const srv = await startTestServer({
    ...options,
    attach: (server, ctx) => (collab = attachCollab(server, ctx)),
  });
  if (!collab) throw new Error("the collaboration server was not attached");
  return { srv, collab };
}
