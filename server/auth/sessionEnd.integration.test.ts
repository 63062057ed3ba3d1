import { CLOSE_CODES } from "@shared/closeCodes";
import { planDocName } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectProvider, type ProviderClient, waitFor } from "../collab/test/clients";
import { startCollabServer } from "../collab/test/server";
import { storedDoc } from "../collab/test/stored";
import { sha256Hex } from "../store/ids";
import { createFacilitatedWorkspace, joinAs, TestClient } from "../test/factories";
import { type EventStream, openEventStream } from "../test/sse";
import type { TestServer } from "../test/startTestServer";
import { sqlColumn, sqlValue } from "../test/storage";

/** Milliseconds from `start` until the stream ends (it must end by itself). */
const endsAfter = async (stream: EventStream, start: number): Promise<number> => {
  await stream.readToEnd();
  return Date.now() - start;
};

/** Milliseconds from `start` until the socket is closed, and the code it was closed with. */
const closedAfter = async (client: ProviderClient, start: number) => {
  const { code } = await client.refused;
  return { code, ms: Date.now() - start };
};

describe("a session that ends closes what it opened", () => {
  let srv: TestServer;
  let workspaceId: string;
  let docName: string;
  let facilitator: TestClient;
  const clients: ProviderClient[] = [];

  beforeAll(async () => {
    ({ srv } = await startCollabServer());
    ({ facilitator, workspaceId } = await createFacilitatedWorkspace(srv));
    docName = planDocName(workspaceId);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await srv.close();
  });

  const connect = async (as: TestClient): Promise<ProviderClient> => {
    const client = connectProvider(srv, docName, { as });
    clients.push(client);
    await client.synced();
    return client;
  };

  it("stores only the SHA-256 of the session token: the cookie is the token, a stolen row signs nobody in", async () => {
    const drafter = await joinAs(srv, workspaceId, facilitator, "drafter");
    const token = drafter.cookie ?? "";
    const rows = await sqlColumn<string>(srv.ctx, "SELECT id FROM sessions WHERE user_id = ?", [
      drafter.user?.id ?? null,
    ]);
    expect(rows).toEqual([sha256Hex(token)]);
    const withStoredValue = new TestClient(srv);
    withStoredValue.cookie = String(rows[0]);
    expect((await withStoredValue.get("/api/me")).status).toBe(401);
    expect((await drafter.get("/api/me")).status).toBe(200);
  });

  it("sign-out closes that session's sockets (4401) and streams within a second; the next write is not stored; other devices stay", async () => {
    const drafter = await joinAs(srv, workspaceId, facilitator, "drafter");
    const otherDevice = await drafter.signIn();
    const socket = await connect(drafter);
    const otherSocket = await connect(otherDevice);
    const stream = await openEventStream(drafter, workspaceId);
    const otherStream = await openEventStream(otherDevice, workspaceId);
    const probe = socket.doc.getText("probe");
    probe.insert(0, "before");
    await waitFor(() => otherSocket.doc.getText("probe").toString() === "before");

    const start = Date.now();
    const ended = endsAfter(stream, start);
    const closed = closedAfter(socket, start);
    expect((await drafter.post("/api/auth/logout")).status).toBe(204);
    // The attack: keep typing into the socket opened before signing out.
    probe.insert(probe.length, " after sign-out");

    const { code, ms } = await closed;
    expect(code).toBe(CLOSE_CODES.notSignedIn);
    expect(ms).toBeLessThan(1000);
    expect(await ended).toBeLessThan(1000);
    expect(socket.provider.shouldConnect).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await storedDoc(srv.ctx, docName)).getText("probe").toString()).toBe("before");

    // The same account on another device was not signed out: its socket and stream still work.
    expect(otherSocket.provider.wsconnected).toBe(true);
    await facilitator.post(`/api/workspaces/${workspaceId}/invitations`, {
      role: "viewer",
      sector: "citizen",
    });
    expect((await otherStream.nextEvent()).type).toBe("invitation.created");
    otherStream.close();
    expect((await otherDevice.get("/api/me")).status).toBe(200);
  });

  it("POST /api/auth/logout-everywhere ends every session of the account, with its sockets and streams", async () => {
    const drafter = await joinAs(srv, workspaceId, facilitator, "drafter");
    const laptop = await drafter.signIn();
    const phone = await drafter.signIn();
    const sockets = [await connect(drafter), await connect(laptop), await connect(phone)];
    const streams = [await openEventStream(laptop, workspaceId), await openEventStream(phone, workspaceId)];
    const bystander = await connect(facilitator);

    const start = Date.now();
    const closes = sockets.map((socket) => closedAfter(socket, start));
    const ends = streams.map((stream) => endsAfter(stream, start));
    expect((await phone.post("/api/auth/logout-everywhere")).status).toBe(204);

    for (const { code, ms } of await Promise.all(closes)) {
      expect(code).toBe(CLOSE_CODES.notSignedIn);
      expect(ms).toBeLessThan(1000);
    }
    for (const ms of await Promise.all(ends)) expect(ms).toBeLessThan(1000);
    for (const client of [drafter, laptop, phone]) {
      expect((await client.get("/api/me")).status).toBe(401);
    }
    expect(srv.ctx.liveSessions.count(drafter.user?.id ?? "", "socket")).toBe(0);
    expect(bystander.provider.wsconnected).toBe(true);
  });

  it("refuses logout-everywhere without a session (401)", async () => {
    const signedOut = await joinAs(srv, workspaceId, facilitator, "viewer");
    await signedOut.post("/api/auth/logout");
    expect((await signedOut.post("/api/auth/logout-everywhere")).status).toBe(401);
  });
});

describe("a session that expires", () => {
  const LIFETIME_MS = 2000;
  let srv: TestServer;

  beforeAll(async () => {
    ({ srv } = await startCollabServer({ context: { sessionLifetimeMs: LIFETIME_MS } }));
  });
  afterAll(() => srv.close());

  it("closes its sockets (4401) and streams within a second of its expiry", async () => {
    const { facilitator, workspaceId } = await createFacilitatedWorkspace(srv);
    const socket = connectProvider(srv, planDocName(workspaceId), { as: facilitator });
    try {
      await socket.synced();
      const stream = await openEventStream(facilitator, workspaceId);
      // Read after the socket and stream opened: using a session in its second half extends it.
      const expiresAt = await sqlValue<number>(srv.ctx, "SELECT expires_at FROM sessions WHERE user_id = ?", [
        facilitator.user?.id ?? null,
      ]);
      const [{ code }] = await Promise.all([socket.refused, stream.readToEnd()]);
      const late = Date.now() - expiresAt;
      expect(code).toBe(CLOSE_CODES.notSignedIn);
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(1000);
    } finally {
      socket.destroy();
    }
  });
});
