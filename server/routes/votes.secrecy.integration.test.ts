import type { Sector } from "@shared/roles";
import type { VoteDetailResponse, VotesResponse } from "@shared/votes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFacilitatedWorkspace, joinAs, type TestClient } from "../test/factories";
import { openEventStream } from "../test/sse";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { addMembers, cast, closeVote, openVote, readVote, votesPath } from "./votes.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let viewer: TestClient;
let workspaceId: string;
/** Voters and their sectors: government 3 (the facilitator too), civil society 4, academia 1, citizens 1. */
let voters: { client: TestClient; sector: Sector }[] = [];

beforeAll(async () => {
  srv = await startTestServer();
  ({ facilitator, workspaceId } = await createFacilitatedWorkspace(srv));
  const groups: [Sector, number][] = [
    ["government", 2],
    ["civil_society", 4],
    ["academia", 1],
    ["citizen", 1],
  ];
  voters = [{ client: facilitator, sector: "government" }];
  for (const [sector, size] of groups) {
    const members = await addMembers(srv, workspaceId, facilitator, size, "commenter", sector);
    voters.push(...members.map((client) => ({ client, sector })));
  }
  viewer = await joinAs(srv, workspaceId, facilitator, "viewer", "citizen");
}, 60_000);
afterAll(() => srv.close());

interface Seen {
  /** Who received it. */
  readerId: string;
  where: string;
  body: unknown;
}

/**
 * Every object in `value` that names a member other than the reader (by id) must not carry a
 * choice or a reason: the only ballot anyone may see with a choice in it is their own (which
 * is answered without their id).
 */
function linkedChoices(value: unknown, readerId: string, voterIds: Set<string>, path = "$"): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => linkedChoices(item, readerId, voterIds, `${path}[${i}]`));
  if (typeof value !== "object" || value === null) return [];
  const entries = Object.entries(value);
  const namesOther = entries.some(([, v]) => typeof v === "string" && voterIds.has(v) && v !== readerId);
  const carriesChoice = entries.some(([key]) => ["choices", "choice", "reason"].includes(key));
  const here = namesOther && carriesChoice ? [path] : [];
  return [...here, ...entries.flatMap(([key, v]) => linkedChoices(v, readerId, voterIds, `${path}.${key}`))];
}

/** Sector rows of every result in `value`: in a secret vote none may hold 1 to 4 ballots. */
function smallRows(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(smallRows);
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  const rows = Array.isArray(record.bySector) ? (record.bySector as { ballots: number }[]) : [];
  const small = rows.filter((row) => row.ballots > 0 && row.ballots < 5);
  return [...small, ...Object.values(record).flatMap(smallRows)];
}

describe("a secret ballot", () => {
  it("never reveals who chose what, to anyone, in any answer or event, before or after the close", async () => {
    const seen: Seen[] = [];
    const keep = <T>(reader: TestClient, where: string, reply: { status: number; body: T }): T => {
      seen.push({ readerId: reader.user?.id ?? "", where, body: reply.body });
      return reply.body;
    };
    const everyone = [...voters.map((voter) => voter.client), viewer];
    const latest = await srv.ctx.store.events.latestId(workspaceId);

    const { id: consentId } = await openVote(facilitator, workspaceId, {
      title: "Consent to the open contracting commitment",
      kind: "consent",
      secrecy: "secret",
    });
    const prioritise = await openVote(facilitator, workspaceId, {
      title: "Pick two",
      kind: "prioritise",
      options: ["Open budget", "Open data", "Participation"],
      maxChoices: 2,
      secrecy: "secret",
    });

    // Everyone votes, then changes their mind; an objection needs a reason, so some give one.
    for (const round of [0, 1]) {
      for (const [i, { client }] of voters.entries()) {
        const choice = ["agree", "object", "stand_aside"][(i + round) % 3] ?? "agree";
        const reason = choice === "agree" ? undefined : `Reason ${round}-${i}`;
        keep(
          client,
          "cast consent",
          await cast(client, workspaceId, consentId, { choices: [choice], reason }),
        );
        const options = (i + round) % 2 ? ["o1", "o3"] : ["o2"];
        keep(client, "cast prioritise", await cast(client, workspaceId, prioritise.id, { choices: options }));
      }
      for (const client of everyone) {
        keep(client, "list while open", await client.get<VotesResponse>(votesPath(workspaceId)));
        for (const voteId of [consentId, prioritise.id]) {
          const detail = keep(client, "detail while open", await readVote(client, workspaceId, voteId));
          expect(detail.results).toBeNull();
          expect(detail.ballots).toBeNull();
        }
      }
    }

    keep(facilitator, "close consent", await closeVote(facilitator, workspaceId, consentId));
    keep(facilitator, "close prioritise", await closeVote(facilitator, workspaceId, prioritise.id));
    for (const client of everyone) {
      keep(client, "list after close", await client.get<VotesResponse>(votesPath(workspaceId)));
      for (const voteId of [consentId, prioritise.id]) {
        const detail = keep(client, "detail after close", await readVote(client, workspaceId, voteId));
        expect(detail.ballots).toBeNull();
        expect(detail.participants.every((p) => Object.keys(p).sort().join() === "name,userId")).toBe(true);
        expect(detail.participants).toHaveLength(voters.length);
      }
    }
    // Each member's stream replays everything since before the votes opened.
    const total = (await srv.ctx.store.events.after(workspaceId, latest, 10_000)).length;
    for (const client of [facilitator, viewer, voters[3]?.client ?? viewer]) {
      const stream = await openEventStream(client, workspaceId, { after: String(latest) });
      const events = [];
      for (let n = 0; n < total; n++) events.push(await stream.nextEvent());
      stream.close();
      keep(client, "event stream", { status: 200, body: events });
      for (const event of events.filter((e) => e.type === "vote.ballot_cast")) {
        expect(Object.keys(event.payload).sort()).toEqual(["ballots", "voteId"]);
      }
    }

    const voterIds = new Set(voters.map((voter) => voter.client.user?.id ?? ""));
    const leaks = seen.flatMap(({ readerId, where, body }) =>
      linkedChoices(body, readerId, voterIds).map((path) => `${where}: ${path}`),
    );
    expect(leaks).toEqual([]);
    expect(seen.flatMap(({ body }) => smallRows(body))).toEqual([]);

    // What members do see: counts, turnout, pooled sectors, and objections' reasons without names.
    const consent = (await readVote(viewer, workspaceId, consentId)).body as VoteDetailResponse;
    expect(consent.results?.ballots).toBe(voters.length);
    expect(Object.values(consent.results?.counts ?? {}).reduce((a, b) => a + b, 0)).toBe(voters.length);
    // Every sector has fewer than five ballots (3, 4, 1, 1): they are pooled into one row.
    expect(consent.results?.bySector.map((row) => [row.sectors, row.ballots])).toEqual([
      [["government", "civil_society", "academia", "citizen"], 9],
    ]);
    expect(consent.results?.reasons.every((reason) => reason.startsWith("Reason 1-"))).toBe(true);
  });
});
