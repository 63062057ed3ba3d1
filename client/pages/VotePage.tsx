import { hasRole, type Role } from "@shared/roles";
import type { PlanCommitmentsResponse, VoteDetailResponse } from "@shared/votes";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "~/api";
import { ConfirmDialog } from "~/components/ConfirmDialog";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { announceSuccess } from "~/components/Toasts";
import { VoteBallotForm } from "~/components/VoteBallotForm";
import { VoteFacts } from "~/components/VoteFacts";
import { useChoiceLabel } from "~/components/VoteLabels";
import { VoteOutcome } from "~/components/VoteOutcome";
import { VoteParticipants } from "~/components/VoteParticipants";
import { VoteResults } from "~/components/VoteResults";
import { useApiGet } from "~/hooks/useApiGet";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Votes.css";

/** setTimeout fires at once for delays above 2^31 - 1 ms (about 24 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** One vote: cast or change a ballot, follow turnout and tallies live, see results by sector, close it. */
export function VotePage() {
  const { t } = useTranslation("votes");
  const { voteId = "" } = useParams();
  const { workspace, membership, revision } = useWorkspace();
  const path = `/api/workspaces/${encodeURIComponent(workspace.id)}/votes/${encodeURIComponent(voteId)}`;
  const { data, error, reload } = useApiGet<VoteDetailResponse>(path, revision);
  // Read only when the vote is about a commitment: to name it and link to it.
  const plan = useApiGet<PlanCommitmentsResponse>(
    data?.vote.commitmentId ? `/api/workspaces/${encodeURIComponent(workspace.id)}/votes/commitments` : null,
  );
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<unknown>(null);
  const ballotHeadingId = useId();
  const resultsHeadingId = useId();
  usePageTitle(
    data ? t("votePageTitle", { title: data.vote.title }) : t("pageTitle", { workspace: workspace.name }),
  );

  // Deadlines close lazily on the server: reading the vote once the time has come closes it.
  const closesAt = data?.vote.status === "open" ? data.vote.closesAt : null;
  useEffect(() => {
    if (!closesAt) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, Date.parse(closesAt) - Date.now()) + 500);
    const timer = setTimeout(reload, delay);
    return () => clearTimeout(timer);
  }, [closesAt, reload]);

  const close = async () => {
    setClosing(false);
    setCloseError(null);
    try {
      await api.post(`${path}/close`);
      announceSuccess(t("close.done"));
      reload();
    } catch (failure) {
      setCloseError(failure);
    }
  };

  const back = (
    <p>
      <Link to={`/w/${encodeURIComponent(workspace.id)}/votes`}>{t("back")}</Link>
    </p>
  );
  if (!data)
    return error ? (
      <>
        {back}
        <ErrorAlert error={error} />
      </>
    ) : (
      <PageLoading />
    );
  const { vote, results, myBallot, canVote } = data;
  const isOpen = vote.status === "open";

  return (
    <>
      {back}
      <section className="panel vote" aria-labelledby={ballotHeadingId}>
        <h2 id={ballotHeadingId}>
          {vote.title}
          <span className="tag" data-status={vote.status}>
            {t(`status.${vote.status}`)}
          </span>
        </h2>
        {!isOpen && results && <VoteOutcome vote={vote} result={results} />}
        {vote.description && <p className="vote-description">{vote.description}</p>}
        <VoteFacts vote={vote} commitments={plan.data?.commitments} />
        {!isOpen && (
          <p className="vote-closed" data-testid="closed-notice">
            {t("closedNotice")}
          </p>
        )}
        <ErrorAlert error={closeError ?? error} />
        {isOpen && membership.role === "facilitator" && (
          <div className="actions">
            <button type="button" className="danger" onClick={() => setClosing(true)}>
              {t("close.button")}
            </button>
          </div>
        )}
        <h3>{t("ballot.title")}</h3>
        <BallotState vote={vote} myBallot={myBallot} canVote={canVote} role={membership.role} />
        {canVote && <VoteBallotForm key={vote.id} vote={vote} myBallot={myBallot} onCast={reload} />}
      </section>
      <section className="panel" aria-labelledby={resultsHeadingId}>
        <h2 id={resultsHeadingId}>{t("results.title")}</h2>
        {results ? (
          <>
            <p className="hint">{isOpen ? t("results.live") : t("results.final")}</p>
            <VoteResults vote={vote} results={results} />
          </>
        ) : (
          <p>{t("results.hidden")}</p>
        )}
        <VoteParticipants vote={vote} participants={data.participants} ballots={data.ballots} />
      </section>
      {closing && (
        <ConfirmDialog
          title={t("close.title")}
          message={t("close.message")}
          confirmLabel={t("close.confirm")}
          onConfirm={close}
          onCancel={() => setClosing(false)}
        />
      )}
    </>
  );
}

/** The member's own ballot, or why there is none: not yet, not allowed, or not cast before the close. */
function BallotState({
  vote,
  myBallot,
  canVote,
  role,
}: Pick<VoteDetailResponse, "vote" | "myBallot" | "canVote"> & { role: Role }) {
  const { t } = useTranslation("votes");
  const choiceLabel = useChoiceLabel(vote);
  if (myBallot) {
    return (
      <p className="my-ballot">
        {t("ballot.yours", { choices: myBallot.choices.map(choiceLabel).join(", ") })}
      </p>
    );
  }
  const eligible = hasRole(role, vote.eligibility);
  if (vote.status === "closed") return eligible ? <p>{t("ballot.didNotVote")}</p> : null;
  if (canVote) return <p>{t("ballot.none")}</p>;
  return <p>{role === "viewer" ? t("ballot.cannotVote.viewer") : t("ballot.cannotVote.role")}</p>;
}
