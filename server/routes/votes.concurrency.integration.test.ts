import type { Sector } from "@shared/roles";
import type { ClosedVoteResponse, VoteDetailResponse } from "@shared/votes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFacilitatedWorkspace, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { describeEachStore } from "../test/stores";
import { addMembers, cast, closeVote, openVote, readVote, storedBallots } from "./votes.fixtures";

describeEachStore("votes under concurrency", (database) => {
  /** 200 voters across sectors, as a large forum would have. */
  const SECTOR_SIZES: [Sector, number][] = [
    ["government", 60],
    ["civil_society", 80],
    ["academia", 30],
    ["private_sector", 20],
    ["citizen", 10],
  ];

  let srv: TestServer;
  let facilitator: TestClient;
  let workspaceId: string;
  const voters: { client: TestClient; sector: Sector }[] = [];

  beforeAll(async () => {
    srv = await startTestServer({ config: await database.config() });
    ({ facilitator, workspaceId } = await createFacilitatedWorkspace(srv));
    for (const [sector, size] of SECTOR_SIZES) {
      const members = await addMembers(srv, workspaceId, facilitator, size, "commenter", sector);
      voters.push(...members.map((client) => ({ client, sector })));
    }
  }, 180_000);
  afterAll(() => srv.close());

  const OPTIONS = ["Open budget", "Open contracting", "Open data", "Participation", "Service delivery"];

  /** Deterministic but varied picks: voter i's `round`-th ballot (up to K = 3 options). */
  function picks(i: number, round: number): string[] {
    const count = 1 + ((i + round) % 3);
    return Array.from({ length: count }, (_, k) => `o${((i * (round + 2) + k * 2) % OPTIONS.length) + 1}`);
  }

  const zeroCounts = () => Object.fromEntries(OPTIONS.map((_, k) => [`o${k + 1}`, 0]));

  describe("200 members voting at once", () => {
    it("counts exactly: every first ballot and every change, in totals and by sector", async () => {
      expect(voters).toHaveLength(200);
      const vote = await openVote(facilitator, workspaceId, {
        kind: "prioritise",
        title: "Which five commitments go into the plan?",
        options: OPTIONS,
        maxChoices: 3,
      });
      expect(vote.eligible).toBe(201);

      const first = await Promise.all(
        voters.map(({ client }, i) => cast(client, workspaceId, vote.id, { choices: picks(i, 0) })),
      );
      expect(first.map((reply) => reply.status)).toEqual(voters.map(() => 200));
      // Every member changes their mind at once; the odd ones twice, racing their own change.
      const changes = await Promise.all(
        voters.flatMap(({ client }, i) => [
          cast(client, workspaceId, vote.id, { choices: picks(i, 1) }),
          ...(i % 2 ? [cast(client, workspaceId, vote.id, { choices: picks(i, 1) })] : []),
        ]),
      );
      expect(changes.every((reply) => reply.status === 200)).toBe(true);

      const expectedTotals = zeroCounts();
      const expectedBySector = new Map(SECTOR_SIZES.map(([sector]) => [sector, zeroCounts()]));
      voters.forEach(({ sector }, i) => {
        for (const option of picks(i, 1)) {
          expectedTotals[option] = (expectedTotals[option] ?? 0) + 1;
          const row = expectedBySector.get(sector) ?? {};
          row[option] = (row[option] ?? 0) + 1;
        }
      });

      const stored = await storedBallots(srv, vote.id);
      expect(stored).toHaveLength(200);
      expect(new Set(stored.map((ballot) => ballot.user_id)).size).toBe(200);

      const closed = await closeVote(facilitator, workspaceId, vote.id);
      const { results } = closed.body as ClosedVoteResponse;
      expect(results).toMatchObject({ ballots: 200, eligible: 201 });
      expect(results.counts).toEqual(expectedTotals);
      expect(results.bySector).toEqual([
        { sectors: ["government"], ballots: 60, eligible: 61, counts: expectedBySector.get("government") },
        ...SECTOR_SIZES.slice(1).map(([sector, size]) => ({
          sectors: [sector],
          ballots: size,
          eligible: size,
          counts: expectedBySector.get(sector),
        })),
      ]);
      // The payload is stored as JSON.stringify writes it, in both stores.
      const events = await srv.ctx.sql.get<{ n: number }>(
        "SELECT count(*) AS n FROM events WHERE type = 'vote.ballot_cast' AND payload LIKE ?",
        [`%"voteId":${JSON.stringify(vote.id)}%`],
      );
      expect(events?.n).toBe(first.length + changes.length);
    }, 120_000);

    it("lets no ballot slip past a close that races 200 casts: the frozen result is exactly the accepted ballots", async () => {
      const vote = await openVote(facilitator, workspaceId, { kind: "approve", title: "Adopt the draft?" });
      const choiceOf = (i: number) => ["yes", "no", "abstain"][i % 3] ?? "yes";
      const castAs = (client: TestClient, i: number) =>
        cast(client, workspaceId, vote.id, { choices: [choiceOf(i)] });
      // Half the forum has voted; the other half votes while the facilitator closes.
      const before = await Promise.all(voters.slice(0, 100).map(({ client }, i) => castAs(client, i)));
      const racing = voters.slice(100).map(({ client }, i) => castAs(client, 100 + i));
      const [closing, ...during] = await Promise.all([
        closeVote(facilitator, workspaceId, vote.id),
        ...racing,
      ]);
      expect(closing.status).toBe(200);
      const replies = [...before, ...during];
      const accepted = replies.flatMap((reply, i) => (reply.status === 200 ? [i] : []));
      const refused = replies.filter((reply) => reply.status !== 200);
      expect(refused.every((reply) => reply.status === 409 && reply.error?.code === "vote_closed")).toBe(
        true,
      );
      expect(accepted.length).toBeGreaterThanOrEqual(100);

      const { body } = await readVote(facilitator, workspaceId, vote.id);
      const detail = body as VoteDetailResponse;
      expect(detail.vote.status).toBe("closed");
      expect(await storedBallots(srv, vote.id)).toHaveLength(accepted.length);
      expect(detail.results?.ballots).toBe(accepted.length);
      const expected = { yes: 0, no: 0, abstain: 0 };
      for (const i of accepted) expected[choiceOf(i) as keyof typeof expected] += 1;
      expect(detail.results?.counts).toEqual(expected);
    }, 60_000);
  });
});
