import type { Vote } from "@shared/votes";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormatDateTime } from "~/hooks/useFormatDate";
import { useFormatRelative, useKindLabel, useNow, useVoteCounts } from "./VoteLabels";

/** The workspace's votes, newest first: each with its kind, state, turnout and deadline. */
export function VoteList({ votes, workspaceId }: { votes: Vote[]; workspaceId: string }) {
  const { t } = useTranslation("votes");
  const formatDateTime = useFormatDateTime();
  const formatRelative = useFormatRelative();
  const now = useNow();
  const kindLabel = useKindLabel();
  const counts = useVoteCounts();
  if (votes.length === 0) return <p>{t("none")}</p>;
  return (
    <ul className="vote-list" aria-label={t("listLabel")}>
      {votes.map((vote) => (
        <li key={vote.id} data-testid="vote">
          <p>
            <Link to={`/w/${encodeURIComponent(workspaceId)}/votes/${encodeURIComponent(vote.id)}`}>
              {vote.title}
            </Link>
            <span className="tag" data-status={vote.status}>
              {t(`status.${vote.status}`)}
            </span>
          </p>
          <p className="vote-meta">
            {kindLabel(vote)} · {counts.turnout(vote)}
            {vote.status === "open" &&
              vote.closesAt &&
              ` · ${t("closesAt", { relative: formatRelative(vote.closesAt, now), date: formatDateTime(vote.closesAt) })}`}
            {vote.closedAt && ` · ${t("closedAt", { date: formatDateTime(vote.closedAt) })}`}
          </p>
        </li>
      ))}
    </ul>
  );
}
