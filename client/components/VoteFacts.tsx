import { fieldAnchor } from "@shared/freeze";
import type { PlanCommitment, Vote } from "@shared/votes";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormatDateTime } from "~/hooks/useFormatDate";
import { useCommitmentName, useFormatRelative, useKindLabel, useNow, useVoteCounts } from "./VoteLabels";

interface Props {
  vote: Vote;
  /** The plan's commitments, to name the one the vote is about; undefined while loading. */
  commitments: PlanCommitment[] | undefined;
}

/** A vote's rules and state in plain sentences: kind, who votes, secrecy, tallies, quorum, links, dates, turnout. */
export function VoteFacts({ vote, commitments }: Props) {
  const { t } = useTranslation("votes");
  const formatDateTime = useFormatDateTime();
  const formatRelative = useFormatRelative();
  const now = useNow();
  const kindLabel = useKindLabel();
  const counts = useVoteCounts();
  const workspacePath = `/w/${encodeURIComponent(vote.workspaceId)}`;
  const turnout = counts.turnout(vote);
  const closed =
    vote.closedAt &&
    t(vote.closedBy === null ? "closedAtDeadline" : "closedAt", { date: formatDateTime(vote.closedAt) });
  return (
    <>
      <ul className="vote-facts">
        <li>{kindLabel(vote)}</li>
        <li>{t(`eligibility.${vote.eligibility}`)}</li>
        <li>{t(`secrecy.${vote.secrecy}`)}</li>
        <li>{t(`tallies.${vote.tallies}`)}</li>
        {vote.quorum !== null && <li>{t("quorum", { ballots: counts.ballots(vote.quorum) })}</li>}
        {vote.commitmentId && (
          <li>
            {t("aboutCommitment")}{" "}
            <CommitmentRef id={vote.commitmentId} commitments={commitments} base={workspacePath} />
          </li>
        )}
        {vote.meetingId && (
          <li>
            <Link to={`${workspacePath}/meetings/${encodeURIComponent(vote.meetingId)}`}>
              {t("duringMeeting")}
            </Link>
          </li>
        )}
        <li>{t("openedBy", { name: vote.openedBy.name, date: formatDateTime(vote.openedAt) })}</li>
        {vote.status === "open" && vote.closesAt && (
          <li>
            {t("closesAt", {
              relative: formatRelative(vote.closesAt, now),
              date: formatDateTime(vote.closesAt),
            })}
          </li>
        )}
        {closed && <li>{closed}</li>}
      </ul>
      <div className="turnout">
        <label>
          {t("results.turnoutLabel")} <span data-testid="turnout">{turnout}</span>
          <progress
            max={Math.max(vote.eligible, 1)}
            value={Math.min(vote.ballots, Math.max(vote.eligible, 1))}
          >
            {turnout}
          </progress>
        </label>
      </div>
    </>
  );
}

/** The commitment a vote is about: a link to it in the plan, or a note that it has left the plan. */
function CommitmentRef({
  id,
  commitments,
  base,
}: {
  id: string;
  commitments?: PlanCommitment[];
  base: string;
}) {
  const { t } = useTranslation("votes");
  const commitmentName = useCommitmentName();
  if (!commitments) return null;
  const index = commitments.findIndex((commitment) => commitment.id === id);
  const commitment = commitments[index];
  if (!commitment) return <>{t("commitmentRemoved")}</>;
  return <Link to={`${base}/plan#${fieldAnchor(id, null)}`}>{commitmentName(commitment, index)}</Link>;
}
