import {
  commitmentCompleteness,
  type DashboardResponse,
  needsMe,
  nextMeeting,
  processPhase,
} from "@shared/dashboard";
import { type DraftResponse, type FreezeStatusResponse, richTextPlain } from "@shared/freeze";
import { useTranslation } from "react-i18next";
import { ActivityList } from "~/components/dashboard/ActivityList";
import { ConsultationCard } from "~/components/dashboard/ConsultationCard";
import { NeedsMeList } from "~/components/dashboard/NeedsMeList";
import { NextMeetingCard } from "~/components/dashboard/NextMeetingCard";
import { PhaseSteps } from "~/components/dashboard/PhaseSteps";
import { PlanProgress } from "~/components/dashboard/PlanProgress";
import { SetupChecklist } from "~/components/dashboard/SetupChecklist";
import { Welcome } from "~/components/dashboard/Welcome";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { useApiGet } from "~/hooks/useApiGet";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/dashboard/Dashboard.css";

/**
 * The workspace home: the phase of the process, what needs this member now, the facilitator's
 * setup checklist, the plan's progress, the next meeting and recent activity. Every live event
 * bumps `revision`, so the page follows the workspace as it changes.
 */
export function DashboardPage() {
  const { t } = useTranslation("dashboard");
  const { workspace, membership, revision } = useWorkspace();
  usePageTitle(t("pageTitle", { workspace: workspace.name }));
  const base = `/api/workspaces/${encodeURIComponent(workspace.id)}`;
  const dashboard = useApiGet<DashboardResponse>(`${base}/dashboard`, revision);
  const freeze = useApiGet<FreezeStatusResponse>(`${base}/freeze`, revision);
  const draft = useApiGet<DraftResponse>(`${base}/draft`, revision);

  const error = dashboard.error ?? freeze.error ?? draft.error;
  if (!dashboard.data || !freeze.data || !draft.data) {
    return error ? <ErrorAlert error={error} /> : <PageLoading />;
  }
  const facts = dashboard.data;
  const plan = draft.data.content.plan;
  const proposal = freeze.data.proposal;
  const steps = needsMe({
    now: facts.serverNow,
    userId: membership.userId,
    role: membership.role,
    proposal,
    awaitingResponse: facts.awaitingResponse,
    openVotes: facts.openVotes,
    meetings: facts.meetings,
    unansweredInputs: facts.unansweredInputs,
  });
  const phase = processPhase({
    meetings: facts.meetings.length,
    commitments: plan.commitments.length,
    proposalOpen: proposal !== null,
    officialVersions: facts.officialVersions,
  });

  return (
    <div className="dashboard">
      <h2 className="visually-hidden">{t("title")}</h2>
      <ErrorAlert error={error} />
      <Welcome />
      <PhaseSteps phase={phase} />
      <NeedsMeList steps={steps} />
      {membership.role === "facilitator" && (
        <SetupChecklist
          membersBySector={facts.membersBySector}
          meetings={facts.meetings.length}
          visionWritten={richTextPlain(plan.vision).trim() !== ""}
        />
      )}
      <div className="dashboard-grid">
        <PlanProgress
          commitments={plan.commitments}
          completeness={commitmentCompleteness(plan.commitments, freeze.data.check)}
        />
        <NextMeetingCard meeting={nextMeeting(facts.meetings, facts.serverNow)} />
        <ConsultationCard />
      </div>
      <ActivityList items={facts.activity} />
    </div>
  );
}
