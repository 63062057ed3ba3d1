import { addCommitment, listCommitments, planDocName } from "@shared/plan";
import { afterEach, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { attachCollab } from "../collab";
import { connectProvider, type ProviderClient, waitFor } from "../collab/test/clients";
import { createUser, createWorkspace, type TestClient } from "../test/factories";
import { openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { refuseWrites } from "../test/storage";
import { listenForMetrics } from "./metricsEndpoint";
import { parsePrometheus, type Sample, sampleValue } from "./test/prometheus";

const TOKEN = "a".repeat(16) + "b".repeat(16);

describe("GET /metrics", () => {
  let srv: TestServer | null = null;
  const clients: ProviderClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await srv?.close();
    srv = null;
  });

  const withToken = () =>
    startTestServer({
      attach: attachCollab,
      config: { metrics: { port: null, host: "127.0.0.1", token: TOKEN } },
    });

  async function scrape(server: TestServer): Promise<{ text: string; samples: Sample[] }> {
    const response = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    return { text, samples: parsePrometheus(text) };
  }

  /** Scrapes until `done` holds (true) or 5 s pass (false): gauges follow sockets closing. */
  async function scrapeUntil(server: TestServer, done: (samples: Sample[]) => boolean): Promise<boolean> {
    for (const deadline = Date.now() + 5000; Date.now() < deadline; ) {
      if (done((await scrape(server)).samples)) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  /** Two editors on one plan, one of them typing `keys` characters into the first commitment's title. */
  async function typeInPlan(
    facilitator: TestClient,
    workspaceId: string,
    keys: number,
  ): Promise<ProviderClient[]> {
    const site = srv as TestServer;
    const pair = [0, 1].map(() => connectProvider(site, planDocName(workspaceId), { as: facilitator }));
    clients.push(...pair);
    await Promise.all(pair.map((client) => client.synced()));
    const [typist, reader] = pair as [ProviderClient, ProviderClient];
    addCommitment(typist.doc as Y.Doc, 5);
    for (let i = 0; i < keys; i++) listCommitments(typist.doc)[0]?.text("title")?.insert(i, "k");
    await waitFor(() => listCommitments(reader.doc)[0]?.text("title")?.length === keys);
    return pair;
  }

  it("is not served on the main port without a configured token", async () => {
    srv = await startTestServer();
    expect((await fetch(`${srv.url}/metrics`)).status).toBe(404);
    expect(
      (await fetch(`${srv.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(404);
  });

  it("refuses a missing or wrong bearer token with 401", async () => {
    srv = await withToken();
    expect((await fetch(`${srv.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${srv.url}/metrics`, {
      headers: { Authorization: `Bearer ${"c".repeat(32)}` },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("cocrea_");
  });

  it("reports sockets, documents, updates, commit latency, event streams and requests by route pattern", async () => {
    srv = await withToken();
    const facilitator = await createUser(srv);
    const workspace = await createWorkspace(facilitator);
    expect((await facilitator.get(`/api/workspaces/${workspace.id}`)).status).toBe(200);
    expect((await facilitator.get(`/api/workspaces/${workspace.id}/votes/nope`)).status).toBe(404);
    const stream = await openEventStream(facilitator, workspace.id);
    await typeInPlan(facilitator, workspace.id, 40);
    await waitFor(
      () => srv?.ctx.documents !== undefined && (srv.ctx.metrics.updatesStored as unknown) !== null,
    );

    const { text, samples } = await scrape(srv);
    expect(sampleValue(samples, "cocrea_open_sockets")).toBe(2);
    expect(sampleValue(samples, "cocrea_loaded_documents")).toBe(1);
    expect(sampleValue(samples, "cocrea_event_stream_clients")).toBe(1);
    const stored = sampleValue(samples, "cocrea_updates_stored_total") ?? 0;
    // The commitment and 40 keystrokes, each its own update (some may share a commit).
    expect(stored).toBeGreaterThanOrEqual(41);
    expect(sampleValue(samples, "cocrea_updates_received_total")).toBe(stored);
    expect(sampleValue(samples, "cocrea_commit_latency_seconds_count")).toBe(stored);
    expect(sampleValue(samples, "cocrea_commit_latency_seconds_bucket", { le: "+Inf" })).toBe(stored);
    expect(sampleValue(samples, "cocrea_commit_latency_seconds_sum")).toBeGreaterThan(0);
    const route = (route: string, status: string) =>
      sampleValue(samples, "cocrea_http_requests_total", { method: "GET", route, status });
    expect(route("/api/workspaces/:id", "200")).toBe(1);
    expect(route("/api/workspaces/:id/votes/:voteId", "404")).toBe(1);
    expect(route("/api/workspaces/:id/events", "200")).toBe(1);
    expect(
      sampleValue(samples, "cocrea_http_requests_total", { method: "POST", route: "/api/auth/signup" }),
    ).toBe(1);
    // Labels are patterns: no identifier of a workspace (or token in a path) ever becomes one.
    expect(text).not.toContain(workspace.id);
    expect(sampleValue(samples, "cocrea_database_errors_total")).toBeUndefined();
    expect(sampleValue(samples, "cocrea_process_resident_memory_bytes")).toBeGreaterThan(0);

    stream.close();
    for (const client of clients.splice(0)) client.destroy();
    const gone = await scrapeUntil(
      srv,
      (after) =>
        sampleValue(after, "cocrea_open_sockets") === 0 &&
        sampleValue(after, "cocrea_event_stream_clients") === 0,
    );
    expect(gone).toBe(true);
  });

  it("counts the database errors of a failed commit", async () => {
    srv = await withToken();
    const facilitator = await createUser(srv);
    const workspace = await createWorkspace(facilitator);
    const [typist] = await typeInPlan(facilitator, workspace.id, 3);
    const acceptWrites = await refuseWrites(srv.ctx);
    listCommitments((typist as ProviderClient).doc)[0]
      ?.text("title")
      ?.insert(0, "lost");
    const failed = async () =>
      sampleValue((await scrape(srv as TestServer)).samples, "cocrea_database_errors_total", {
        operation: "collab_append",
      });
    for (let i = 0; i < 50 && (await failed()) === undefined; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await failed()).toBe(1);
    await acceptWrites();
  });

  it("can be served on a port of its own, without a token", async () => {
    srv = await startTestServer();
    const listener = await listenForMetrics(
      { port: 0, host: "127.0.0.1", token: null },
      srv.ctx.metrics,
      srv.ctx.log,
    );
    try {
      await createUser(srv);
      const response = await fetch(`http://127.0.0.1:${listener.port}/metrics`);
      expect(response.status).toBe(200);
      const samples = parsePrometheus(await response.text());
      expect(
        sampleValue(samples, "cocrea_http_requests_total", { route: "/api/auth/signup", status: "201" }),
      ).toBe(1);
      expect((await fetch(`${srv.url}/metrics`)).status).toBe(404);
    } finally {
      await listener.close();
    }
  });
});
