import { hasRole, ROLES, type Sector } from "@shared/roles";
import type { CastBallotBody, OpenVoteBody } from "@shared/voteBodies";
import {
  checkBallot,
  eligibleRoles,
  numberOptions,
  type OwnBallot,
  type PlanCommitment,
  secretResultRows,
  tallyVote,
  type Vote,
  type VoteDetailResponse,
  type VoteResult,
  validChoices,
} from "@shared/votes";
import { ApiException, badRequest, conflict, notFound } from "../errors";
import { commitWithEvents, type Emit } from "../events/commit";
import type { Store } from "../store";
import type { DocumentStore } from "../store/documents";
import { newId } from "../store/ids";
import type { VoteRecord } from "../store/votes";
import { type CommandDeps, requireMember } from "./access";
import { checkCommitment, planCommitments, refersToPlan, resolveOptions } from "./votesPlan";

/** What opening a vote needs besides the tables: the stored plan, to check the commitments it names. */
export type OpenVoteDeps = CommandDeps & { documents: DocumentStore };

const voteClosed = () =>
  conflict("vote_closed", "This vote is closed: its ballots and its result no longer change.");

const notEligible = (eligibility: string) =>
  new ApiException(403, "not_eligible", `Only members with the ${eligibility} role or higher may vote here.`);

async function findVote(store: Store, workspaceId: string, voteId: string): Promise<VoteRecord> {
  const vote = await store.votes.byId(workspaceId, voteId);
  if (!vote) throw notFound("Vote");
  return vote;
}

const notInElectorate = () =>
  new ApiException(
    403,
    "not_in_electorate",
    "The members who vote in a secret vote are fixed when it opens: you joined or became eligible after that.",
  );

/** A secret vote counts its fixed electorate; an open one the eligible members of the moment. */
const eligibleBySector = async (store: Store, vote: VoteRecord) =>
  vote.secrecy === "secret"
    ? await store.votes.electorateBySector(vote.id)
    : await store.votes.membersBySector(vote.workspaceId, eligibleRoles(vote.eligibility, ROLES));

/**
 * The sector a member's ballot counts in: for a secret vote the one they had when it opened (null
 * when they were not in its electorate), so moving people between sectors cannot shape a row.
 */
const ballotSector = async (
  store: Store,
  vote: VoteRecord,
  userId: string,
  current: Sector,
): Promise<Sector | null> =>
  vote.secrecy === "secret" ? await store.votes.electorSector(vote.id, userId) : current;

/**
 * A closed vote's frozen result as served: a secret vote's rows go through today's rule again, so
 * results frozen under an older, weaker one are not served as they were.
 */
const servedResult = (vote: VoteRecord, result: VoteResult): VoteResult =>
  vote.secrecy === "secret"
    ? { ...result, bySector: secretResultRows(result.bySector, validChoices(vote)) }
    : result;

/** The vote as the API shows it: turnout counted now while open, frozen once closed. */
async function toVote(store: Store, record: VoteRecord): Promise<Vote> {
  const turnout = record.result ?? {
    ballots: await store.votes.countBallots(record.id),
    eligible: Object.values(await eligibleBySector(store, record)).reduce((sum, n) => sum + n, 0),
  };
  return {
    id: record.id,
    workspaceId: record.workspaceId,
    title: record.title,
    description: record.description,
    kind: record.kind,
    options: record.options,
    maxChoices: record.maxChoices,
    commitmentId: record.commitmentId,
    meetingId: record.meetingId,
    eligibility: record.eligibility,
    secrecy: record.secrecy,
    tallies: record.tallies,
    quorum: record.quorum,
    closesAt: record.closesAt,
    openedBy: record.openedBy,
    openedAt: record.openedAt,
    status: record.status,
    closedAt: record.closedAt,
    closedBy: record.closedBy,
    ballots: turnout.ballots,
    eligible: turnout.eligible,
  };
}

const currentTally = async (store: Store, vote: VoteRecord): Promise<VoteResult> =>
  tallyVote(vote, await store.votes.ballots(vote.id), await eligibleBySector(store, vote));

/** Closes an open vote inside the running transaction, freezing its result, and emits vote.closed. */
async function closeInTransaction(
  store: Store,
  emit: Emit,
  vote: VoteRecord,
  closedAt: number,
  closedBy: string | null,
): Promise<{ vote: Vote; results: VoteResult }> {
  const result = await currentTally(store, vote);
  if (!(await store.votes.close(vote.id, closedAt, closedBy, result))) throw voteClosed();
  const closed = await toVote(store, await findVote(store, vote.workspaceId, vote.id));
  emit(vote.workspaceId, closedBy, "vote.closed", { vote: closed, result });
  return { vote: closed, results: result };
}

/**
 * Closes the workspace's votes whose deadline has passed (lazily: whoever reads or casts first
 * triggers it), each at its deadline, in its own transaction so a refusal that follows cannot
 * roll the closing back.
 */
async function closeDueVotes(deps: CommandDeps, workspaceId: string): Promise<void> {
  if ((await deps.store.votes.dueToClose(workspaceId, Date.now())).length === 0) return;
  await commitWithEvents(deps, async (store, emit, now) => {
    for (const vote of await store.votes.dueToClose(workspaceId, now)) {
      await closeInTransaction(store, emit, vote, vote.closesAtMs ?? now, null);
    }
  });
}

/**
 * Opens a vote (facilitators only) and announces it with vote.opened. The commitments it names
 * must be in the plan, and a meeting it names in the workspace (422 otherwise). The plan is read
 * before the transaction: a commitment removed in between leaves the vote linked to a commitment
 * the plan no longer shows, as removing one after the vote opened would.
 */
export async function openVote(
  deps: OpenVoteDeps,
  actorId: string,
  workspaceId: string,
  body: OpenVoteBody,
): Promise<Vote> {
  await requireMember(deps.store, workspaceId, actorId, "facilitator");
  const plan = refersToPlan(body) ? await planCommitments(deps.documents, workspaceId) : [];
  checkCommitment(plan, body.commitmentId);
  const options = body.kind === "prioritise" ? numberOptions(resolveOptions(plan, body.options)) : [];
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    if (body.meetingId !== undefined && !(await store.meetings.byId(workspaceId, body.meetingId))) {
      throw new ApiException(422, "unknown_meeting", "meetingId: this workspace has no such meeting.", [
        { path: "meetingId", message: "this workspace has no such meeting" },
      ]);
    }
    const closesAt = body.closesAt === undefined ? null : Date.parse(body.closesAt);
    if (closesAt !== null && closesAt <= now) {
      throw badRequest("invalid_body", "closesAt: must be in the future", [
        { path: "closesAt", message: "must be in the future" },
      ]);
    }
    const secrecy = body.secrecy ?? "open";
    const record = await store.votes.insert({
      id: newId(),
      workspaceId,
      title: body.title,
      description: body.description ?? "",
      kind: body.kind,
      options,
      maxChoices: body.kind === "prioritise" ? body.maxChoices : null,
      commitmentId: body.commitmentId ?? null,
      meetingId: body.meetingId ?? null,
      eligibility: body.eligibility ?? "commenter",
      secrecy,
      tallies: body.tallies ?? (secrecy === "secret" ? "after_close" : "live"),
      quorum: body.quorum ?? null,
      closesAt,
      openedBy: actorId,
      openedAt: now,
    });
    if (secrecy === "secret") {
      await store.votes.fixElectorate(record.id, workspaceId, eligibleRoles(record.eligibility, ROLES));
    }
    const vote = await toVote(store, record);
    emit(workspaceId, actorId, "vote.opened", { vote });
    return vote;
  });
}

/** The plan's commitments (any member): what a vote may be about or offer as options. */
export async function voteCommitments(
  deps: OpenVoteDeps,
  userId: string,
  workspaceId: string,
): Promise<PlanCommitment[]> {
  await requireMember(deps.store, workspaceId, userId);
  return planCommitments(deps.documents, workspaceId);
}

/**
 * Casts or changes the member's ballot. The transaction re-checks that the vote is still open
 * (the database triggers refuse it too), so no ballot lands after the close.
 */
export async function castBallot(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
  voteId: string,
  body: CastBallotBody,
): Promise<OwnBallot> {
  await requireMember(deps.store, workspaceId, userId);
  await closeDueVotes(deps, workspaceId);
  return commitWithEvents(deps, async (store, emit, now) => {
    const { membership } = await requireMember(store, workspaceId, userId);
    const vote = await findVote(store, workspaceId, voteId);
    if (!hasRole(membership.role, vote.eligibility)) throw notEligible(vote.eligibility);
    if (vote.status === "closed" || (vote.closesAtMs !== null && vote.closesAtMs <= now)) throw voteClosed();
    const sector = await ballotSector(store, vote, userId, membership.sector);
    if (sector === null) throw notInElectorate();
    const check = checkBallot(vote, body);
    if (!check.ok) {
      throw badRequest(check.code, `${check.path}: ${check.message}`, [
        { path: check.path, message: check.message },
      ]);
    }
    await store.votes.upsertBallot({ voteId, userId, sector, ...check.ballot, now });
    emit(workspaceId, userId, "vote.ballot_cast", {
      voteId,
      ballots: await store.votes.countBallots(voteId),
    });
    const stored = await store.votes.ballot(voteId, userId);
    if (!stored) throw new Error(`ballot ${voteId}/${userId} not found right after writing it`);
    return {
      choices: stored.choices,
      reason: stored.reason,
      castAt: stored.castAt,
      updatedAt: stored.updatedAt,
    };
  });
}

/** Closes a vote now (facilitators only), freezing its result; a closed vote answers 409. */
export async function closeVote(
  deps: CommandDeps,
  actorId: string,
  workspaceId: string,
  voteId: string,
): Promise<{ vote: Vote; results: VoteResult }> {
  await requireMember(deps.store, workspaceId, actorId, "facilitator");
  await closeDueVotes(deps, workspaceId);
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    const vote = await findVote(store, workspaceId, voteId);
    if (vote.status === "closed") throw voteClosed();
    return closeInTransaction(store, emit, vote, now, actorId);
  });
}

/** The workspace's votes, newest first (any member), after closing those past their deadline. */
export async function listVotes(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
  filter: { meetingId?: string; commitmentId?: string },
): Promise<Vote[]> {
  await requireMember(deps.store, workspaceId, userId);
  await closeDueVotes(deps, workspaceId);
  return deps.store.transaction(async (store) => {
    const votes: Vote[] = [];
    for (const vote of await store.votes.list(workspaceId, filter)) votes.push(await toVote(store, vote));
    return votes;
  });
}

/**
 * One vote as this member may see it: turnout and who took part always; tallies when they are
 * visible; who voted what only for open (non-secret) votes; their own ballot.
 */
export async function readVote(
  deps: CommandDeps,
  userId: string,
  workspaceId: string,
  voteId: string,
): Promise<VoteDetailResponse> {
  await requireMember(deps.store, workspaceId, userId);
  await findVote(deps.store, workspaceId, voteId);
  await closeDueVotes(deps, workspaceId);
  return deps.store.transaction(async (store) => {
    const { membership } = await requireMember(store, workspaceId, userId);
    const vote = await findVote(store, workspaceId, voteId);
    const open = vote.status === "open";
    const talliesVisible = !open || vote.tallies === "live";
    const all = await store.votes.ballots(vote.id);
    const mine = all.find((ballot) => ballot.userId === userId);
    return {
      vote: await toVote(store, vote),
      canVote:
        open &&
        hasRole(membership.role, vote.eligibility) &&
        (await ballotSector(store, vote, userId, membership.sector)) !== null,
      myBallot: mine
        ? { choices: mine.choices, reason: mine.reason, castAt: mine.castAt, updatedAt: mine.updatedAt }
        : null,
      results: open
        ? talliesVisible
          ? await currentTally(store, vote)
          : null
        : vote.result && servedResult(vote, vote.result),
      participants: all.map(({ userId: id, name, sector }) =>
        vote.secrecy === "secret" ? { userId: id, name } : { userId: id, name, sector },
      ),
      ballots:
        vote.secrecy === "open" && talliesVisible
          ? all.map(({ userId: id, name, sector, choices, reason }) => ({
              userId: id,
              name,
              sector,
              choices,
              reason,
            }))
          : null,
    };
  });
}
