import type { Vote } from "@shared/votes";
import { useTranslation } from "react-i18next";
import { useFormatDateTime, useKindLabel } from "./VoteLabels";

/** A vote's rules and state in plain sentences: kind, who votes, secrecy, tallies, quorum, dates, turnout. */
export function VoteFacts({ vote }: { vote: Vote }) {
  const { t } = useTranslation("votes");
  const formatDateTime = useFormatDateTime();
  const kindLabel = useKindLabel();
  const turnout = t("turnout", { ballots: vote.ballots, eligible: vote.eligible });
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
        {vote.quorum !== null && <li>{t("quorum", { quorum: vote.quorum })}</li>}
        {vote.commitmentId && <li>{t("aboutCommitment")}</li>}
        {vote.meetingId && <li>{t("duringMeeting")}</li>}
        <li>{t("openedBy", { name: vote.openedBy.name, date: formatDateTime(vote.openedAt) })}</li>
        {vote.status === "open" && vote.closesAt && (
          <li>{t("closesAt", { date: formatDateTime(vote.closesAt) })}</li>
        )}
        {closed && <li>{closed}</li>}
      </ul>
      <div className="turnout">
        <label>
          {t("results.turnoutLabel")}: <span data-testid="turnout">{turnout}</span>
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
