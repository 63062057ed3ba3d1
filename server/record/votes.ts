import type { RecordVote, RecordVotes } from "@shared/record";
import { secretResultRows, validChoices } from "@shared/votes";
import type { VoteRecord } from "../store/votes";

/**
 * Votes held (closed) with their frozen results. The record is public, and members of an open
 * vote agreed to show their choices to the forum, not to everyone: so every vote's sector rows go
 * through the secret-ballot pooling rule (`secretResultRows`) here, and no consent reason is shown.
 */
export function votesRecord(votes: readonly VoteRecord[]): RecordVotes {
  const held: RecordVote[] = votes
    .flatMap((vote) =>
      vote.status === "closed" && vote.result && vote.closedAt
        ? [{ vote, result: vote.result, closedAt: vote.closedAt }]
        : [],
    )
    .sort((a, b) => a.closedAt.localeCompare(b.closedAt))
    .map(({ vote, result, closedAt }) => ({
      id: vote.id,
      title: vote.title,
      kind: vote.kind,
      secrecy: vote.secrecy,
      closedAt,
      options: vote.options,
      ballots: result.ballots,
      eligible: result.eligible,
      counts: result.counts,
      bySector: secretResultRows(result.bySector, validChoices(vote)),
    }));
  return {
    held: held.length,
    open: votes.filter((vote) => vote.status === "open").length,
    ballots: held.reduce((sum, vote) => sum + vote.ballots, 0),
    eligible: held.reduce((sum, vote) => sum + vote.eligible, 0),
    votes: held,
  };
}
