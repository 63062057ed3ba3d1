import type { PlanCommitmentsResponse, VotesResponse } from "@shared/votes";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ErrorAlert } from "~/components/ErrorAlert";
import { VoteForm } from "~/components/VoteForm";
import { useCommitmentName } from "~/components/VoteLabels";
import { VoteList } from "~/components/VoteList";
import { useApiGet } from "~/hooks/useApiGet";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Votes.css";

/**
 * The workspace's votes and, for facilitators, the form to open one. `?commitmentId=` or
 * `?meetingId=` (links from the plan or a meeting) narrow the list and link new votes to it.
 */
export function VotesPage() {
  const { t } = useTranslation("votes");
  const { workspace, membership, revision } = useWorkspace();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const headingId = useId();
  const formHeadingId = useId();
  const commitmentName = useCommitmentName();
  usePageTitle(t("pageTitle", { workspace: workspace.name }));
  const commitmentId = search.get("commitmentId") ?? undefined;
  const meetingId = search.get("meetingId") ?? undefined;
  const base = `/w/${encodeURIComponent(workspace.id)}/votes`;
  const apiPath = `/api/workspaces/${encodeURIComponent(workspace.id)}/votes`;
  const filter = new URLSearchParams({
    ...(commitmentId && { commitmentId }),
    ...(meetingId && { meetingId }),
  }).toString();
  const { data, error } = useApiGet<VotesResponse>(`${apiPath}${filter && `?${filter}`}`, revision);
  const isFacilitator = membership.role === "facilitator";
  // The plan's commitments: for the form, and to name the commitment the list is narrowed to.
  const plan = useApiGet<PlanCommitmentsResponse>(
    isFacilitator || commitmentId ? `${apiPath}/commitments` : null,
  );
  const commitments = plan.data?.commitments;
  const index = commitments?.findIndex((commitment) => commitment.id === commitmentId) ?? -1;
  const filteredTo = commitments?.[index];
  const commitmentFilter = filteredTo
    ? t("filtered.commitment", { title: commitmentName(filteredTo, index) })
    : t(commitments ? "filtered.removedCommitment" : "filtered.oneCommitment");

  return (
    <>
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId}>{t("title")}</h2>
        <p>{t("intro")}</p>
        {(commitmentId || meetingId) && (
          <p>
            {commitmentId ? commitmentFilter : t("filtered.meeting")}{" "}
            <Link to={base}>{t("filtered.showAll")}</Link>
          </p>
        )}
        <ErrorAlert error={error} />
        {data && <VoteList votes={data.votes} workspaceId={workspace.id} />}
      </section>
      {isFacilitator && (
        <section className="panel" aria-labelledby={formHeadingId}>
          <h2 id={formHeadingId}>{t("form.title")}</h2>
          <ErrorAlert error={plan.error} />
          <VoteForm
            workspaceId={workspace.id}
            commitments={commitments}
            maxCommitments={workspace.maxCommitments}
            commitmentId={commitmentId}
            meetingId={meetingId}
            onOpened={(vote) => navigate(`${base}/${encodeURIComponent(vote.id)}`)}
          />
        </section>
      )}
    </>
  );
}
