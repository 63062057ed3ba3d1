import type { Sector } from "@shared/roles";
import type { SectorTally, VoteDetailResponse, VoteResult } from "@shared/votes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFacilitatedWorkspace, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { addMembers, cast, closeVote, openVote, readVote, storedBallots } from "./votes.fixtures";

/**
 * A facilitator trying to learn one member's secret ballot by shaping the sector rows around
 * them: with accounts of their own in the target's row, or by moving people between sectors.
 * The facilitator knows how their own accounts voted; the attack succeeds when some published
 * row, or the total minus the published rows, holds the target and only ballots they know.
 */

let srv: TestServer;

beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.close());

const userId = (client: TestClient): string => client.user?.id ?? "";

const moveTo = async (facilitator: TestClient, workspaceId: string, member: TestClient, sector: Sector) => {
  const reply = await facilitator.request(
    "PATCH",
    `/api/workspaces/${workspaceId}/members/${userId(member)}`,
    {
      body: { sector },
    },
  );
  expect(reply.status).toBe(200);
};

/**
 * What the attacker learns: the target's choice when a published row containing the target's
 * ballot (or the total minus the published rows) holds no other ballot the attacker does not
 * know, or null. `knownInTargetRow` gives the attacker's own ballots in a row.
 */
function isolated(
  result: VoteResult,
  targetSector: Sector,
  knownInTargetRow: (row: SectorTally) => Record<string, number>,
): string | null {
  const shownTotal = result.bySector.reduce((sum, row) => sum + row.ballots, 0);
  const rows: SectorTally[] = [...result.bySector];
  // The total minus the shown rows is a row too, for whoever can subtract.
  if (shownTotal < result.ballots) {
    const counts = Object.fromEntries(
      Object.entries(result.counts).map(([choice, n]) => [
        choice,
        n - result.bySector.reduce((sum, row) => sum + (row.counts[choice] ?? 0), 0),
      ]),
    );
    rows.push({ sectors: [targetSector], ballots: result.ballots - shownTotal, eligible: 0, counts });
  }
  for (const row of rows.filter((r) => r.sectors.includes(targetSector))) {
    const known = knownInTargetRow(row);
    const knownBallots = Object.values(known).reduce((a, b) => a + b, 0);
    if (row.ballots - knownBallots !== 1) continue;
    const left = Object.entries(row.counts).find(([choice, n]) => n - (known[choice] ?? 0) === 1);
    if (left) return left[0];
  }
  return null;
}

describe("a facilitator shaping a secret vote's sector rows around one member", () => {
  it("learns nothing from two accounts of their own in the target's sector, invited before or after the opening", async () => {
    const { facilitator, workspaceId } = await createFacilitatedWorkspace(srv);
    // Government: the facilitator and five more. Civil society: the target alone.
    const governmentVoters = await addMembers(srv, workspaceId, facilitator, 5, "commenter", "government");
    const [target] = await addMembers(srv, workspaceId, facilitator, 1, "commenter", "civil_society");
    if (!target) throw new Error("no target");
    // Two accounts the facilitator controls, in the target's sector before the vote opens.
    const before = await addMembers(srv, workspaceId, facilitator, 2, "commenter", "civil_society");
    const vote = await openVote(facilitator, workspaceId, { kind: "approve", secrecy: "secret" });
    // Two more invited after the opening: they are not in the electorate.
    const after = await addMembers(srv, workspaceId, facilitator, 2, "commenter", "civil_society");
    for (const late of after) {
      const refused = await cast(late, workspaceId, vote.id, { choices: ["no"] });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ error: { code: "not_in_electorate" } });
      expect(((await readVote(late, workspaceId, vote.id)).body as VoteDetailResponse).canVote).toBe(false);
    }
    expect(vote.eligible).toBe(1 + 5 + 1 + 2);

    expect((await cast(target, workspaceId, vote.id, { choices: ["yes"] })).status).toBe(200);
    for (const own of before)
      expect((await cast(own, workspaceId, vote.id, { choices: ["no"] })).status).toBe(200);
    for (const voter of governmentVoters) await cast(voter, workspaceId, vote.id, { choices: ["no"] });
    expect((await cast(facilitator, workspaceId, vote.id, { choices: ["no"] })).status).toBe(200);
    expect((await closeVote(facilitator, workspaceId, vote.id)).status).toBe(200);

    const detail = (await readVote(facilitator, workspaceId, vote.id)).body as VoteDetailResponse;
    const result = detail.results;
    if (!result) throw new Error("no result after close");
    // Under the old rule (rows of three shown) civil society was [target, own, own]: yes 1, no 2.
    expect(result.bySector.some((row) => row.sectors.join() === "civil_society")).toBe(false);
    const knownNo = (row: SectorTally) => ({
      no: row.sectors.includes("government") ? 1 + before.length : before.length,
    });
    expect(isolated(result, "civil_society", knownNo)).toBeNull();
    for (const row of result.bySector) expect(row.ballots === 0 || row.ballots >= 5).toBe(true);
    // Who took part is listed without sectors.
    expect(detail.participants.map((p) => Object.keys(p).sort().join())).toEqual(
      detail.participants.map(() => "name,userId"),
    );
  });

  it("learns nothing by moving the target's row-mates to another sector once the vote is open", async () => {
    const { facilitator, workspaceId } = await createFacilitatedWorkspace(srv);
    const government = await addMembers(srv, workspaceId, facilitator, 4, "commenter", "government");
    // Civil society at the opening: the target, two accounts of the facilitator's, and two others.
    const [target, ownA, ownB, otherA, otherB] = await addMembers(
      srv,
      workspaceId,
      facilitator,
      5,
      "commenter",
      "civil_society",
    );
    if (!target || !ownA || !ownB || !otherA || !otherB) throw new Error("members missing");
    const vote = await openVote(facilitator, workspaceId, { kind: "approve", secrecy: "secret" });

    // Move the two the facilitator does not control out of the target's row, and their own
    // accounts out and back, before anyone votes: under the old rule, rows followed the sector at
    // casting time, leaving civil society as [target, ownA, ownB].
    await moveTo(facilitator, workspaceId, otherA, "government");
    await moveTo(facilitator, workspaceId, otherB, "government");
    await moveTo(facilitator, workspaceId, ownA, "academia");
    await moveTo(facilitator, workspaceId, ownA, "civil_society");

    expect((await cast(target, workspaceId, vote.id, { choices: ["abstain"] })).status).toBe(200);
    for (const voter of [ownA, ownB]) await cast(voter, workspaceId, vote.id, { choices: ["yes"] });
    for (const voter of [otherA, otherB, ...government, facilitator]) {
      expect((await cast(voter, workspaceId, vote.id, { choices: ["no"] })).status).toBe(200);
    }
    // A sector change between two ballots of one member does not move theirs either.
    await moveTo(facilitator, workspaceId, target, "citizen");
    expect((await cast(target, workspaceId, vote.id, { choices: ["abstain"] })).status).toBe(200);

    const sectors = new Map((await storedBallots(srv, vote.id)).map((b) => [b.user_id, b.sector]));
    for (const member of [target, ownA, ownB, otherA, otherB]) {
      expect(sectors.get(userId(member))).toBe("civil_society");
    }
    expect((await closeVote(facilitator, workspaceId, vote.id)).status).toBe(200);
    const result = ((await readVote(facilitator, workspaceId, vote.id)).body as VoteDetailResponse).results;
    if (!result) throw new Error("no result after close");
    const civil = result.bySector.find((row) => row.sectors.join() === "civil_society");
    expect(civil).toMatchObject({ ballots: 5, eligible: 5, counts: { yes: 2, no: 2, abstain: 1 } });
    const knownYes = (row: SectorTally) => ({ yes: row.sectors.includes("civil_society") ? 2 : 0 });
    expect(isolated(result, "civil_society", knownYes)).toBeNull();
  });
});
