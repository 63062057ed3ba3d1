import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  createUser,
  createWorkspace,
  invite,
  joinAs,
  type Reply,
  type TestClient,
  uniqueEmail,
} from "../test/factories";
import { openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";

/**
 * The authorization matrix: every route, asked by someone signed out, by each role of the
 * workspace, and by a member of another workspace. Each row is one route; each column one asker.
 */
const ACTORS = ["signed out", "viewer", "commenter", "drafter", "facilitator", "outsider"] as const;
type Actor = (typeof ACTORS)[number];

interface World {
  srv: TestServer;
  workspaceId: string;
  clients: Record<Actor, TestClient>;
  /** A commenter whose sector the facilitator keeps changing. */
  spare: TestClient;
  /** Someone in no workspace of the matrix, whose workspaces receive the accepting actors. */
  host: TestClient;
}

interface RouteCase {
  route: string;
  /** Expected status for: signed out, viewer, commenter, drafter, facilitator, outsider. */
  expected: [number, number, number, number, number, number];
  send(client: TestClient, world: World, actor: Actor): Promise<Pick<Reply, "status" | "error">>;
}

/** A separate session of the same person (or a fresh anonymous one), for routes that end sessions. */
const secondSession = (client: TestClient, world: World): Promise<TestClient> =>
  client.user ? client.signIn() : Promise.resolve(anonymous(world.srv));

const ws = (world: World, rest = "") => `/api/workspaces/${world.workspaceId}${rest}`;

const CASES: RouteCase[] = [
  {
    route: "POST /api/auth/signup",
    expected: [201, 201, 201, 201, 201, 201],
    send: async (client, world) =>
      (await secondSession(client, world)).post("/api/auth/signup", {
        email: uniqueEmail("matrix"),
        password: "a long enough password",
        name: "Someone New",
      }),
  },
  {
    route: "POST /api/auth/login",
    expected: [200, 200, 200, 200, 200, 200],
    send: async (client, world) => {
      const who = client.user ? client : world.spare;
      return anonymous(world.srv).post("/api/auth/login", { email: who.user?.email, password: who.password });
    },
  },
  {
    route: "POST /api/auth/logout",
    expected: [204, 204, 204, 204, 204, 204],
    send: async (client, world) => (await secondSession(client, world)).post("/api/auth/logout"),
  },
  { route: "GET /api/me", expected: [401, 200, 200, 200, 200, 200], send: (c) => c.get("/api/me") },
  {
    route: "PATCH /api/me",
    expected: [401, 200, 200, 200, 200, 200],
    send: (c) => c.patch("/api/me", { locale: "fr" }),
  },
  {
    route: "GET /api/workspaces",
    expected: [401, 200, 200, 200, 200, 200],
    send: (c) => c.get("/api/workspaces"),
  },
  {
    route: "POST /api/workspaces",
    expected: [401, 201, 201, 201, 201, 201],
    send: (c) => c.post("/api/workspaces", { name: "Another plan", jurisdiction: "Shelbyville" }),
  },
  {
    route: "GET /api/workspaces/:id",
    expected: [401, 200, 200, 200, 200, 403],
    send: (c, w) => c.get(ws(w)),
  },
  {
    route: "PATCH /api/workspaces/:id",
    expected: [401, 403, 403, 403, 200, 403],
    send: (c, w) => c.patch(ws(w), { maxCommitments: 4 + Math.floor(Math.random() * 4) }),
  },
  {
    route: "GET /api/workspaces/:id/members",
    expected: [401, 200, 200, 200, 200, 403],
    send: (c, w) => c.get(ws(w, "/members")),
  },
  {
    route: "PATCH /api/workspaces/:id/members/:userId",
    expected: [401, 403, 403, 403, 200, 403],
    send: (c, w, actor) =>
      c.patch(ws(w, `/members/${w.spare.user?.id}`), {
        sector: actor === "facilitator" ? "academia" : "citizen",
      }),
  },
  {
    route: "DELETE /api/workspaces/:id/members/:userId (someone else)",
    expected: [401, 403, 403, 403, 204, 403],
    send: async (c, w) => {
      const target = await joinAs(w.srv, w.workspaceId, w.clients.facilitator, "viewer");
      return c.delete(ws(w, `/members/${target.user?.id}`));
    },
  },
  {
    route: "DELETE /api/workspaces/:id/members/:userId (leaving)",
    // The facilitator is the only one, so may not leave; the outsider is not a member.
    expected: [401, 204, 204, 204, 409, 403],
    send: async (c, w, actor) => {
      if (actor === "signed out") return c.delete(ws(w, `/members/${w.spare.user?.id}`));
      const leaver =
        actor === "viewer" || actor === "commenter" || actor === "drafter"
          ? await joinAs(w.srv, w.workspaceId, w.clients.facilitator, actor)
          : c;
      return leaver.delete(ws(w, `/members/${leaver.user?.id}`));
    },
  },
  {
    route: "GET /api/workspaces/:id/invitations",
    expected: [401, 403, 403, 403, 200, 403],
    send: (c, w) => c.get(ws(w, "/invitations")),
  },
  {
    route: "POST /api/workspaces/:id/invitations",
    expected: [401, 403, 403, 403, 201, 403],
    send: (c, w) => c.post(ws(w, "/invitations"), { role: "commenter", sector: "academia" }),
  },
  {
    route: "DELETE /api/workspaces/:id/invitations/:invitationId",
    expected: [401, 403, 403, 403, 204, 403],
    send: async (c, w) => {
      const invitation = await invite(w.clients.facilitator, w.workspaceId, {
        role: "viewer",
        sector: "citizen",
      });
      return c.delete(ws(w, `/invitations/${invitation.id}`));
    },
  },
  {
    route: "GET /api/invitations/:token",
    expected: [200, 200, 200, 200, 200, 200],
    send: async (c, w) => {
      const invitation = await invite(w.clients.facilitator, w.workspaceId, {
        role: "viewer",
        sector: "citizen",
      });
      return c.get(`/api/invitations/${invitation.token}`);
    },
  },
  {
    route: "POST /api/invitations/:token/accept",
    expected: [401, 200, 200, 200, 200, 200],
    send: async (c, w) => {
      // A workspace of its own per call, so accepting does not change who belongs to the matrix's.
      const elsewhere = await createWorkspace(w.host, { name: "Elsewhere" });
      const invitation = await invite(w.host, elsewhere.id, { role: "drafter", sector: "academia" });
      return c.post(`/api/invitations/${invitation.token}/accept`, { organization: "Org" });
    },
  },
  {
    route: "GET /api/workspaces/:id/events",
    expected: [401, 200, 200, 200, 200, 403],
    send: async (c, w) => {
      const stream = await openEventStream(c, w.workspaceId);
      stream.close();
      return stream;
    },
  },
];

const REFUSAL_CODES: Record<number, string> = {
  401: "not_signed_in",
  403: "forbidden",
  409: "last_facilitator",
};

describe("authorization matrix", () => {
  const world = {} as World;

  beforeAll(async () => {
    world.srv = await startTestServer();
    const facilitator = await createUser(world.srv, { name: "Fiona Facilitator" });
    world.workspaceId = (await createWorkspace(facilitator)).id;
    const join = (role: "viewer" | "commenter" | "drafter") =>
      joinAs(world.srv, world.workspaceId, facilitator, role);
    const outsider = await createUser(world.srv, { name: "Otto Outsider" });
    await createWorkspace(outsider, { name: "Otto's own plan" });
    world.clients = {
      "signed out": anonymous(world.srv),
      viewer: await join("viewer"),
      commenter: await join("commenter"),
      drafter: await join("drafter"),
      facilitator,
      outsider,
    };
    world.spare = await join("commenter");
    world.host = await createUser(world.srv, { name: "Hana Host" });
  });

  afterAll(() => world.srv.close());

  describe.each(CASES)("$route", (routeCase) => {
    it.each(ACTORS.map((actor, i) => ({ actor, status: routeCase.expected[i] as number })))(
      "answers $status to the $actor",
      async ({ actor, status }) => {
        const reply = await routeCase.send(world.clients[actor], world, actor);
        expect(reply.status).toBe(status);
        const code = REFUSAL_CODES[status];
        if (code) expect(reply.error?.code).toBe(code);
      },
    );
  });

  it("leaves the matrix's members as they were, so each row saw the same workspace", async () => {
    const reply = await world.clients.facilitator.get<{ members: { userId: string; role: string }[] }>(
      ws(world, "/members"),
    );
    const roles = Object.fromEntries(reply.body.members.map((m) => [m.userId, m.role]));
    for (const actor of ["viewer", "commenter", "drafter", "facilitator"] as const) {
      expect(roles[world.clients[actor].user?.id ?? ""]).toBe(actor);
    }
    expect(roles[world.clients.outsider.user?.id ?? ""]).toBeUndefined();
  });
});
