import { CLOSE_CODES } from "@shared/closeCodes";
import { LIMITS } from "@shared/limits";
import { planDocName } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RawSocket, waitFor } from "../collab/test/clients";
import { startCollabServer } from "../collab/test/server";
import { createFacilitatedWorkspace, joinAs, type TestClient } from "../test/factories";
import { type EventStream, openEventStream } from "../test/sse";
import type { TestServer } from "../test/startTestServer";

describe("per-account caps on live connections", () => {
  let srv: TestServer;
  let workspaceId: string;
  let facilitator: TestClient;
  const sockets: RawSocket[] = [];
  const streams: EventStream[] = [];

  beforeAll(async () => {
    ({ srv } = await startCollabServer());
    ({ facilitator, workspaceId } = await createFacilitatedWorkspace(srv));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const stream of streams) stream.close();
    await srv.close();
  });

  /** Opens a socket on the plan and waits for the server's first sync frame: it was accepted. */
  const openSocket = async (as: TestClient): Promise<RawSocket> => {
    const socket = await RawSocket.open(srv, planDocName(workspaceId), { as });
    sockets.push(socket);
    await Promise.race([
      socket.frame(() => true),
      socket.closed.then(({ code }) => {
        throw new Error(`closed with ${code}`);
      }),
    ]);
    return socket;
  };

  it(`accepts ${LIMITS.maxSocketsPerUser} sockets per account over all its sessions and closes the next with 4420`, async () => {
    const member = await joinAs(srv, workspaceId, facilitator, "drafter");
    const otherDevice = await member.signIn();
    const userId = member.user?.id ?? "";
    const opened: RawSocket[] = [];
    for (let i = 0; i < LIMITS.maxSocketsPerUser; i++)
      opened.push(await openSocket(i % 3 ? member : otherDevice));
    expect(srv.ctx.liveSessions.count(userId, "socket")).toBe(LIMITS.maxSocketsPerUser);

    const extra = await RawSocket.open(srv, planDocName(workspaceId), { as: otherDevice });
    expect((await extra.closed).code).toBe(CLOSE_CODES.tooManySockets);
    expect(opened.every((socket) => socket.isOpen)).toBe(true);
    // Someone else is not held back by this account's sockets.
    await openSocket(facilitator);

    opened[0]?.close();
    await waitFor(() => srv.ctx.liveSessions.count(userId, "socket") < LIMITS.maxSocketsPerUser);
    await openSocket(member);
  });

  it(`accepts ${LIMITS.maxEventStreamsPerUser} event streams per account and refuses the next with 429`, async () => {
    const member = await joinAs(srv, workspaceId, facilitator, "viewer");
    const otherDevice = await member.signIn();
    const userId = member.user?.id ?? "";
    for (let i = 0; i < LIMITS.maxEventStreamsPerUser; i++) {
      const stream = await openEventStream(i % 2 ? member : otherDevice, workspaceId);
      streams.push(stream);
      expect(stream.status).toBe(200);
    }
    const refused = await openEventStream(member, workspaceId);
    expect(refused.status).toBe(429);
    expect(refused.error?.code).toBe("too_many_streams");

    const another = await openEventStream(facilitator, workspaceId);
    streams.push(another);
    expect(another.status).toBe(200);

    streams[0]?.close();
    await waitFor(() => srv.ctx.liveSessions.count(userId, "stream") < LIMITS.maxEventStreamsPerUser);
    const again = await openEventStream(member, workspaceId);
    streams.push(again);
    expect(again.status).toBe(200);
  });
});
