import type { VotesResponse } from "@shared/votes";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { ErrorAlert } from "~/components/ErrorAlert";
import { VoteForm } from "~/components/VoteForm";
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
  usePageTitle(t("pageTitle", { workspace: workspace.name }));
  const commitmentId = search.get("commitmentId") ?? undefined;
  const meetingId = search.get("meetingId") ?? undefined;
  const base = `/w/${encodeURIComponent(workspace.id)}/votes`;
  const filter = new URLSearchParams({
    ...(commitmentId && { commitmentId }),
    ...(meetingId && { meetingId }),
  }).toString();
  const { data, error } = useApiGet<VotesResponse>(
    `/api/workspaces/${encodeURIComponent(workspace.id)}/votes${filter && `?${filter}`}`,
    revision,
  );

  return (
    <>
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId}>{t("title")}</h2>
        <p>{t("intro")}</p>
        {(commitmentId || meetingId) && (
          <p>
            {t(commitmentId ? "filtered.commitment" : "filtered.meeting")}{" "}
            <Link to={base}>{t("filtered.showAll")}</Link>
          </p>
        )}
        <ErrorAlert error={error} />
        {data && <VoteList votes={data.votes} workspaceId={workspace.id} />}
      </section>
      {membership.role === "facilitator" && (
        <section className="panel" aria-labelledby={formHeadingId}>
          <h2 id={formHeadingId}>{t("form.title")}</h2>
          <VoteForm
            workspaceId={workspace.id}
            commitmentId={commitmentId}
            meetingId={meetingId}
            onOpened={(vote) => navigate(`${base}/${encodeURIComponent(vote.id)}`)}
          />
        </section>
      )}
    </>
  );
}
