import { setTimeout as sleep } from "node:timers/promises";
import { addCommitment, appendParagraphs, getPlan, listCommitments, planDocName } from "@shared/plan";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SESSION_COOKIE } from "../auth/lucia";
import { connectProvider, type ProviderClient } from "../collab/test/clients";
import { seededRandom } from "../collab/test/frames";
import { serverProcessSuite } from "../collab/test/serverProcessSuite";
import { addMember, completePlan, eventually, freezePath, propose, sign } from "../routes/versions.fixtures";
import { createUser, createWorkspace, type TestClient } from "../test/factories";
import type { TestServer } from "../test/startTestServer";

/**
 * Issue 11, item 6: reads of a large plan must not stall the server. The real server runs in a
 * child process; a viewer loops over every read route of a plan of several megabytes (while a
 * drafter keeps changing it, so its derived reads keep being rebuilt), and a typist in another
 * workspace measures how long each keystroke takes to reach a second client there. Compared with
 * the same measure, on the same machine, without the viewer.
 */

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
};

/**
 * Several megabytes typed as people do: 20 pastes of 1,000 passages of up to 200 characters each at
 * random places in 40 paragraphs of the vision (about 3 MB of text, 20,000 Yjs items). Each paste
 * is one update under the socket's 1 MB message limit.
 */
function writeLargePlan(doc: Y.Doc, random: () => number): void {
  const vision = getPlan(doc).vision;
  appendParagraphs(
    vision,
    Array.from({ length: 40 }, () => ""),
  );
  const texts = vision.toArray().flatMap((p) => (p instanceof Y.XmlElement ? [p.get(0) as Y.XmlText] : []));
  const passage = "the municipality publishes every contract, budget line and meeting as open data. ".repeat(
    3,
  );
  for (let paste = 0; paste < 20; paste++) {
    doc.transact(() => {
      for (let i = 0; i < 1000; i++) {
        const text = texts[Math.floor(random() * texts.length)] as Y.XmlText;
        const at = Math.floor(random() * 200);
        text.insert(Math.floor(random() * (text.length + 1)), passage.slice(at, at + 200));
      }
    });
  }
}

/** Keystroke delivery: a character typed by `typist` until `receiver` has it, in milliseconds. */
async function keystroke(typist: ProviderClient, receiver: ProviderClient): Promise<number> {
  const title = listCommitments(typist.doc)[0]?.text("title");
  if (!title) throw new Error("the typist has no commitment to type in");
  const arrived = new Promise<void>((resolve) => {
    const heard = (_update: Uint8Array, origin: unknown) => {
      if (origin !== receiver.provider) return;
      receiver.doc.off("update", heard);
      resolve();
    };
    receiver.doc.on("update", heard);
  });
  const started = performance.now();
  title.insert(title.length, "x");
  await Promise.race([arrived, sleep(10_000)]);
  return performance.now() - started;
}

describe("reading a large plan", () => {
  const { clients, start } = serverProcessSuite("reads");

  const connect = (site: TestServer, docName: string, as: TestClient) => {
    const client = connectProvider(site, docName, { as });
    clients.push(client);
    return client;
  };

  it("does not delay keystrokes in another workspace while a viewer loops over every read route", async () => {
    const random = seededRandom(11);
    const server = await start({ timeoutMs: 90_000 });
    const site = server.site as TestServer;
    const [facilitator, govDrafter, csoDrafter, viewer] = await Promise.all([
      createUser(site, { name: "Fiona Facilitator" }),
      createUser(site, { name: "Gabriel Government" }),
      createUser(site, { name: "Celia Civil" }),
      createUser(site, { name: "Vera Viewer" }),
    ]);

    // Workspace A: a large plan, official as version 1, and a viewer.
    const large = await createWorkspace(facilitator, { sector: "government", name: "Large plan" });
    await addMember(facilitator, large.id, govDrafter, "drafter", "government");
    await addMember(facilitator, large.id, csoDrafter, "drafter", "civil_society", "Red Ciudadana");
    await addMember(facilitator, large.id, viewer, "viewer", "citizen");
    const writer = connect(site, planDocName(large.id), govDrafter);
    await writer.synced();
    completePlan("large")(writer.doc);
    writeLargePlan(writer.doc, random);
    const size = Y.encodeStateAsUpdate(writer.doc).byteLength;
    expect(size).toBeGreaterThan(3_000_000);
    await eventually(
      async () => {
        // The connection left idle while the plan was generated may be closed by the server (its
        // keep-alive timeout) just as it is reused: that try counts as "not yet".
        const draft = await viewer.get(freezePath(large.id, "/draft")).catch(() => null);
        return JSON.stringify(draft?.body ?? null).length > 2_500_000;
      },
      "the large plan to be stored",
      60_000,
    );
    const proposal = await propose(facilitator, large.id);
    await sign(govDrafter, large.id, proposal.id, proposal.hash);
    expect((await sign(csoDrafter, large.id, proposal.id, proposal.hash)).body.version?.number).toBe(1);

    // Workspace B: a small plan, one typist and one reader.
    const small = await createWorkspace(facilitator, { sector: "government", name: "Small plan" });
    await addMember(facilitator, small.id, govDrafter, "drafter", "government");
    const typist = connect(site, planDocName(small.id), govDrafter);
    const receiver = connect(site, planDocName(small.id), facilitator);
    await Promise.all([typist.synced(), receiver.synced()]);
    addCommitment(typist.doc, 5);
    await eventually(async () => listCommitments(receiver.doc).length === 1, "the commitment to arrive");

    const measure = async (until: () => boolean, atLeast: number, deadline: number) => {
      const latencies: number[] = [];
      while ((latencies.length < atLeast || !until()) && Date.now() < deadline) {
        latencies.push(await keystroke(typist, receiver));
        await sleep(15);
      }
      return latencies;
    };
    const baseline = await measure(() => true, 60, Date.now() + 30_000);

    // The viewer reads everything a member can read about the large plan, again and again, while
    // a drafter changes it now and then (each change makes the derived reads stale).
    const member = [
      "/freeze",
      "/draft",
      "/versions",
      "/versions/1",
      "/versions/1/export?format=docx",
      "/versions/1/export?format=md",
      "/versions/1/export?format=json",
      "/dashboard",
      "/record",
      "/record/export?format=csv",
    ].map((route) => freezePath(large.id, route));
    const routes = [
      ...member,
      `/api/public/workspaces/${large.slug}`,
      `/api/public/workspaces/${large.slug}/versions/1`,
    ];
    const statuses: Record<string, number> = {};
    let loops = 0;
    let reading = true;
    const viewerLoop = (async () => {
      while (reading) {
        for (const route of routes) {
          const reply = await fetch(site.url + route, {
            headers: { Cookie: `${SESSION_COOKIE}=${viewer.cookie}` },
          });
          await reply.arrayBuffer();
          statuses[route] = reply.status;
        }
        loops++;
      }
    })();
    // Meanwhile the facilitator proposes the large plan and withdraws it, again and again: each
    // proposal pins (rebuilds, canonicalises and hashes) the whole plan.
    let proposals = 0;
    const proposerLoop = (async () => {
      while (reading) {
        const proposal = await propose(facilitator, large.id);
        const withdrawn = await facilitator.post(
          freezePath(large.id, `/proposals/${proposal.id}/withdraw`),
          {},
        );
        statuses["propose and withdraw"] = withdrawn.status;
        proposals++;
      }
    })();
    const editing = setInterval(() => {
      listCommitments(writer.doc)[0]?.text("title")?.insert(0, "e");
    }, 300);
    let loaded: number[];
    try {
      loaded = await measure(() => loops >= 2 && proposals >= 2, 100, Date.now() + 90_000);
    } finally {
      clearInterval(editing);
      reading = false;
      await Promise.all([viewerLoop, proposerLoop]);
    }

    const figures = {
      planBytes: size,
      loops,
      proposals,
      baseline: { keystrokes: baseline.length, p50: median(baseline), p95: percentile(baseline, 0.95) },
      reading: { keystrokes: loaded.length, p50: median(loaded), p95: percentile(loaded, 0.95) },
    };
    console.log(`keystroke delivery (ms) ${JSON.stringify(figures)}`);
    expect(loops, "the viewer read every route twice").toBeGreaterThanOrEqual(2);
    expect(proposals, "the facilitator proposed twice").toBeGreaterThanOrEqual(2);
    expect(
      Object.values(statuses).every((status) => status === 200),
      JSON.stringify(statuses),
    ).toBe(true);
    // Before the reads moved off the event loop this was hundreds of milliseconds (one rebuild of
    // the plan per read); a loaded two-core machine adds some noise, never that.
    expect(figures.reading.p50, JSON.stringify(figures)).toBeLessThan(figures.baseline.p50 + 10);
  }, 240_000);
});
