import { addCommitment, listCommitments, planDocName } from "@shared/plan";
import { describe, expect, it } from "vitest";
import { connectProvider, type ProviderClient, waitFor } from "../collab/test/clients";
import { serverProcessSuite } from "../collab/test/serverProcessSuite";
import { anonymous, createUser, createWorkspace, invite, TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

describe("structured logs", () => {
  const { clients, start } = serverProcessSuite("logs");

  it("write one JSON line per request and socket, and never a password, token, cookie or document text", async () => {
    const server = await start();
    const site = server.site as TestServer;
    const password = `Pw-${crypto.randomUUID()}`;
    const facilitator = await createUser(site, { password });
    const workspaceId = (await createWorkspace(facilitator)).id;

    // Signing in again (and once wrongly) sends the password twice more.
    const wrong = await anonymous(site).post("/api/auth/login", {
      email: facilitator.user?.email,
      password: `${password}-wrong`,
    });
    expect(wrong.status).toBe(401);
    const again = new TestClient(site, facilitator.user, password);
    const login = await again.post("/api/auth/login", { email: facilitator.user?.email, password });
    expect(login.status).toBe(200);
    const requestId = login.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

    // An invitation's token travels in paths; a comment and typed text are document contents.
    const { token } = await invite(facilitator, workspaceId, { role: "drafter", sector: "academia" });
    const invitee = await createUser(site);
    expect((await invitee.get(`/api/invitations/${token}`)).status).toBe(200);
    expect((await invitee.post(`/api/invitations/${token}/accept`, {})).status).toBe(200);
    const commentText = `comment-${crypto.randomUUID()}`;
    expect(
      (await again.post(`/api/workspaces/${workspaceId}/threads`, { target: "plan", body: commentText }))
        .status,
    ).toBe(201);
    const typed = "zebraorchidquartz";
    const docName = planDocName(workspaceId);
    const [typist, reader] = [again, invitee].map((as) => connectProvider(site, docName, { as })) as [
      ProviderClient,
      ProviderClient,
    ];
    clients.push(typist, reader);
    await Promise.all([typist.synced(), reader.synced()]);
    addCommitment(typist.doc, 5);
    const title = () => listCommitments(typist.doc)[0]?.text("title");
    for (const [i, letter] of [...typed].entries()) title()?.insert(i, letter);
    await waitFor(() => listCommitments(reader.doc)[0]?.text("title")?.toString() === typed);

    reader.destroy();
    const running = server;
    await waitFor(() => running.output().includes('"msg":"socket closed"'), 10_000, "the reader's close");
    expect(await server.kill("SIGTERM")).toBe(0);
    const output = server.output();

    const lines = output.trim().split("\n");
    const parsed = lines.map((line) => JSON.parse(line) as LogLine);
    const secrets = {
      password,
      token,
      commentText,
      typed,
      cookies: [facilitator.cookie, again.cookie, invitee.cookie].join(" "),
    };
    for (const [what, secret] of Object.entries(secrets)) {
      for (const part of secret.split(" ")) expect(output, what).not.toContain(part);
    }
    expect(output).not.toMatch(/cocrea_session/i);

    const requests = parsed.filter((line) => line.msg === "request");
    expect(requests.find((line) => line.requestId === requestId)).toMatchObject({
      method: "POST",
      route: "/api/auth/login",
      status: 200,
    });
    expect(requests.map((line) => line.route)).toContain("/api/invitations/:token/accept");
    const opened = parsed.filter((line) => line.msg === "socket opened" && line.docName === docName);
    const closed = parsed.filter((line) => line.msg === "socket closed" && line.docName === docName);
    expect(opened).toHaveLength(2);
    // The reader left by itself (a stock provider closes without a code: 1005); the typist was
    // still there when the server stopped (4503).
    expect(closed.map((line) => line.code).sort()).toEqual([1005, 4503]);
    expect(parsed.at(-1)?.msg).toBe("stopped");
  }, 90_000);
});
