import { CLOSE_CODES } from "@shared/closeCodes";
import { planDocName } from "@shared/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectProvider, type ProviderClient } from "../collab/test/clients";
import { startCollabServer } from "../collab/test/server";
import { createFacilitatedWorkspace, joinAs, TestClient } from "../test/factories";
import { openEventStream } from "../test/sse";
import type { TestServer } from "../test/startTestServer";

const NEW_PASSWORD = "lantern orchard quietly seventeen";

describe("POST /api/me/password", () => {
  let srv: TestServer;
  let workspaceId: string;
  let facilitator: TestClient;
  const sockets: ProviderClient[] = [];

  beforeAll(async () => {
    ({ srv } = await startCollabServer());
    ({ facilitator, workspaceId } = await createFacilitatedWorkspace(srv));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await srv.close();
  });

  const connect = async (as: TestClient): Promise<ProviderClient> => {
    const socket = connectProvider(srv, planDocName(workspaceId), { as });
    sockets.push(socket);
    await socket.synced();
    return socket;
  };

  it("changes the password, ends every other session with its sockets and streams, and gives this browser a fresh session", async () => {
    const drafter = await joinAs(srv, workspaceId, facilitator, "drafter");
    const phone = await drafter.signIn();
    const phoneSocket = await connect(phone);
    const phoneStream = await openEventStream(phone, workspaceId);
    const oldCookie = drafter.cookie;

    const closed = phoneSocket.refused;
    const reply = await drafter.post("/api/me/password", {
      currentPassword: drafter.password,
      newPassword: NEW_PASSWORD,
    });
    expect(reply.status).toBe(204);
    expect((await closed).code).toBe(CLOSE_CODES.notSignedIn);
    await phoneStream.readToEnd();
    expect((await phone.get("/api/me")).status).toBe(401);
    expect(drafter.cookie).not.toBe(oldCookie);
    expect((await drafter.get("/api/me")).status).toBe(200);
    const stolen = new TestClient(srv);
    stolen.cookie = oldCookie;
    expect((await stolen.get("/api/me")).status).toBe(401);

    const email = drafter.user?.email;
    const oldLogin = await new TestClient(srv).post("/api/auth/login", { email, password: drafter.password });
    expect(oldLogin.status).toBe(401);
    const newLogin = await new TestClient(srv).post("/api/auth/login", { email, password: NEW_PASSWORD });
    expect(newLogin.status).toBe(200);
  });

  it("refuses a wrong current password with 400 at that field, and changes nothing", async () => {
    const drafter = await joinAs(srv, workspaceId, facilitator, "drafter");
    const phone = await drafter.signIn();
    const reply = await drafter.post("/api/me/password", {
      currentPassword: "not the password at all",
      newPassword: NEW_PASSWORD,
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      error: { code: "wrong_password", issues: [{ path: "currentPassword" }] },
    });
    expect((await phone.get("/api/me")).status).toBe(200);
    const login = await new TestClient(srv).post("/api/auth/login", {
      email: drafter.user?.email,
      password: drafter.password,
    });
    expect(login.status).toBe(200);
  });

  it("refuses a new password that is easy to guess with 400 weak_password at the new password's field", async () => {
    const drafter = await joinAs(srv, workspaceId, facilitator, "drafter");
    const reply = await drafter.post("/api/me/password", {
      currentPassword: drafter.password,
      newPassword: "password1234",
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code: "weak_password", issues: [{ path: "newPassword" }] } });
  });

  it("refuses a new password shorter than the minimum with 400 naming the field", async () => {
    const drafter = await joinAs(srv, workspaceId, facilitator, "drafter");
    const reply = await drafter.post("/api/me/password", {
      currentPassword: drafter.password,
      newPassword: "short",
    });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain("newPassword");
  });

  it("refuses someone who is not signed in with 401", async () => {
    const reply = await new TestClient(srv).post("/api/me/password", {
      currentPassword: "anything at all",
      newPassword: NEW_PASSWORD,
    });
    expect(reply.status).toBe(401);
  });
});
