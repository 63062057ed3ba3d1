import { CLOSE_CODES } from "@shared/closeCodes";
import {
  appendParagraphs,
  getPlan,
  listCommitments,
  type PlanJson,
  planDocName,
  planToJson,
} from "@shared/plan";
import {
  applyPublicLiveFrame,
  type PublicLiveChannel,
  type PublicLiveFrame,
  publicLivePath,
} from "@shared/publicLive";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type * as Y from "yjs";
import { completePlan } from "../routes/versions.fixtures";
import { createUser, createWorkspace, joinAs, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";
import type { CloseInfo } from "./test/clients";
import { connectProvider, type ProviderClient, waitFor } from "./test/clients";
import { startCollabServer } from "./test/server";

const HOUR = 3_600_000;

/** A signed-out reader: a bare socket with no cookie, keeping every text frame it gets. */
class Reader {
  readonly frames: PublicLiveFrame[] = [];
  readonly raw: string[] = [];
  readonly closed: Promise<CloseInfo>;
  readonly opened: Promise<void>;
  readonly ws: WebSocket;

  constructor(
    srv: TestServer,
    slug: string,
    readonly channel: PublicLiveChannel,
  ) {
    this.ws = new WebSocket(`${srv.url.replace(/^http/, "ws")}${publicLivePath(slug, channel)}`, {
      headers: { Origin: srv.origin },
    });
    this.ws.on("message", (data: Buffer, isBinary: boolean) => {
      expect(isBinary).toBe(false);
      const text = data.toString();
      this.raw.push(text);
      this.frames.push(JSON.parse(text) as PublicLiveFrame);
    });
    this.ws.on("error", () => {});
    this.opened = new Promise((resolve) => this.ws.once("open", () => resolve()));
    this.closed = new Promise((resolve) =>
      this.ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  /** Everything received, as one string to search. */
  get text(): string {
    return this.raw.join("\n");
  }
}

describe("the live public draft (/collab/public)", () => {
  let srv: TestServer;
  let facilitator: TestClient;
  let drafter: TestClient;
  let workspaceId: string;
  let slug: string;
  let alpha: string;
  let beta: string;
  let typist: ProviderClient;
  const readers: Reader[] = [];

  const read = (channel: PublicLiveChannel, asSlug = slug) => {
    const reader = new Reader(srv, asSlug, channel);
    readers.push(reader);
    return reader;
  };
  const publish = (showDraft: boolean, published = true) =>
    facilitator.request("PUT", `/api/workspaces/${workspaceId}/publication`, {
      body: { published, showDraft, minutes: [], inputs: [] },
    });
  const commitment = (id: string) => {
    const found = listCommitments(typist.doc).find((c) => c.id === id);
    if (!found) throw new Error(`no commitment ${id}`);
    return found;
  };

  beforeAll(async () => {
    ({ srv } = await startCollabServer({ config: { maxPublicReadersPerAddress: 6 } }));
    facilitator = await createUser(srv, { name: "Fiona Facilitator" });
    const workspace = await createWorkspace(facilitator, { sector: "government" });
    workspaceId = workspace.id;
    slug = workspace.slug;
    drafter = await joinAs(srv, workspaceId, facilitator, "drafter", "academia");
    await srv.ctx.documents.change(
      planDocName(workspaceId),
      facilitator.user?.id ?? "",
      completePlan("alpha", "beta"),
    );
    typist = connectProvider(srv, planDocName(workspaceId), { as: drafter });
    await typist.synced();
    [alpha = "", beta = ""] = listCommitments(typist.doc).map((c) => c.id);
  });
  afterAll(async () => {
    for (const reader of readers) reader.ws.terminate();
    typist.destroy();
    await srv.close();
  });

  it("refuses a reader with 4404 while the draft is not published", async () => {
    expect((await read("draft").closed).code).toBe(CLOSE_CODES.notFound);
    expect((await publish(false)).status).toBe(200);
    expect((await read("draft").closed).code).toBe(CLOSE_CODES.notFound);
    expect((await read("draft", "no-such-place").closed).code).toBe(CLOSE_CODES.notFound);
    expect((await read("consultation").closed).code).toBe(CLOSE_CODES.notFound);
  });

  it("sends a signed-out reader the draft, then a drafter's typing as it is stored", async () => {
    expect((await publish(true)).status).toBe(200);
    const reader = read("draft");
    await waitFor(() => reader.frames.length > 0, 5000, "the first frame");
    const [first] = reader.frames;
    expect(first?.t).toBe("plan");
    expect(first?.t === "plan" && first.plan.commitments.map((c) => c.id)).toEqual([alpha, beta]);

    appendParagraphs(getPlan(typist.doc).vision, ["Every contract online"]);
    await waitFor(() => reader.text.includes("Every contract online"), 5000, "the typing");
    const last = reader.frames.at(-1);
    expect(last?.t === "rich" && last.field).toBe("vision");

    commitment(beta).text("title")?.insert(0, "Open ");
    await waitFor(
      () =>
        reader.frames.some(
          (f) => f.t === "commitment" && f.value.id === beta && f.value.title.startsWith("Open "),
        ),
      5000,
      "the commitment's new title",
    );
    // Frames are the same bytes for every reader of a cut.
    const second = read("draft");
    await waitFor(() => second.frames.length > 0);
    appendParagraphs(getPlan(typist.doc).cocreationSummary, ["Two workshops"]);
    await waitFor(() => reader.text.includes("Two workshops") && second.text.includes("Two workshops"));
    expect(reader.raw.at(-1)).toBe(second.raw.at(-1));
  });

  it("sends typing inside a paragraph as that paragraph alone, and the frames rebuild the drafter's plan", async () => {
    const reader = read("draft");
    await waitFor(() => reader.frames.length > 0);
    const paragraph = getPlan(typist.doc).vision.get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    text.insert(text.length, " and every budget line");
    await waitFor(() => reader.text.includes("every budget line"), 5000, "the typing");
    const last = reader.frames.at(-1);
    expect(last?.t).toBe("block");
    expect(last?.t === "block" && last.index).toBe(0);
    expect(reader.raw.at(-1)).not.toContain("Every contract online");
    let plan: PlanJson | null = null;
    for (const frame of reader.frames)
      plan = frame.t === "plan" ? frame.plan : plan && applyPublicLiveFrame(plan, frame);
    expect(plan).toEqual(planToJson(typist.doc));
  });

  it("closes a reader that sends anything, with 4403", async () => {
    const reader = read("draft");
    await reader.opened;
    await waitFor(() => reader.frames.length > 0);
    reader.ws.send(new Uint8Array([0, 0, 1, 0]));
    expect((await reader.closed).code).toBe(CLOSE_CODES.forbidden);
  });

  it("limits readers per address and closes the next with 4420", async () => {
    const open = readers.filter((r) => r.ws.readyState === WebSocket.OPEN).length;
    const more = Array.from({ length: 6 - open }, () => read("draft"));
    await Promise.all(more.map((r) => waitFor(() => r.frames.length > 0)));
    expect((await read("draft").closed).code).toBe(CLOSE_CODES.tooManySockets);
    for (const reader of more) reader.ws.close();
    await Promise.all(more.map((r) => r.closed));
  });

  it("never sends a commitments-only consultation's reader text outside the open commitments", async () => {
    const opened = await facilitator.post(`/api/workspaces/${workspaceId}/consultations`, {
      title: "Consultation on alpha",
      instructions: "Tell us about alpha.",
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
      scope: "commitments",
      commitmentIds: [alpha],
    });
    expect(opened.status).toBe(201);
    const reader = read("consultation");
    await waitFor(() => reader.frames.length > 0);
    const [first] = reader.frames;
    expect(first?.t === "plan" && first.plan.commitments.map((c) => c.id)).toEqual([alpha]);
    expect(reader.text).not.toContain("Vision alpha beta");

    appendParagraphs(getPlan(typist.doc).vision, ["SECRET vision words"]);
    const betaProblem = commitment(beta).richText("problem");
    if (betaProblem) appendParagraphs(betaProblem, ["SECRET beta words"]);
    commitment(beta).text("title")?.insert(0, "SECRET ");
    const alphaProblem = commitment(alpha).richText("problem");
    if (alphaProblem) appendParagraphs(alphaProblem, ["Public alpha words"]);
    await waitFor(() => reader.text.includes("Public alpha words"), 5000, "alpha's text");
    // A whole-plan reader got the secret words meanwhile, so they were relayed and rendered.
    const whole = readers.find(
      (r) => r.ws.readyState === WebSocket.OPEN && r.text.includes("Every contract"),
    );
    await waitFor(
      () =>
        (whole?.text.includes("SECRET beta words") ?? false) &&
        (whole?.text.includes("SECRET vision") ?? false),
    );
    expect(reader.text).not.toContain("SECRET");
    expect(reader.frames.every((f) => f.t !== "rich")).toBe(true);
    expect(reader.frames.every((f) => f.t !== "commitment" || f.value.id === alpha)).toBe(true);
  });

  it("closes every reader with 4404 when the facilitator takes the draft down", async () => {
    const open = (channel: PublicLiveChannel) =>
      readers.filter((r) => r.channel === channel && r.ws.readyState === WebSocket.OPEN);
    const draftReaders = open("draft");
    const [consultationReader] = open("consultation");
    expect(draftReaders.length).toBeGreaterThan(1);
    expect((await publish(false)).status).toBe(200);
    for (const reader of draftReaders) expect((await reader.closed).code).toBe(CLOSE_CODES.notFound);
    // The consultation's reader stays while the process page is published; then it goes too.
    expect(consultationReader?.ws.readyState).toBe(WebSocket.OPEN);
    expect((await publish(false, false)).status).toBe(200);
    expect((await consultationReader?.closed)?.code).toBe(CLOSE_CODES.notFound);
  });
});
