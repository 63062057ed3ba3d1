import type { ProposalDetailResponse, VersionResponse, VersionsResponse } from "@shared/freeze";
import { comparePlans } from "@shared/planCompare";
import { useMemo } from "react";
import { Tab, TabList, TabPanel, Tabs } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { useApiGet } from "~/hooks/useApiGet";
import { useWorkspace } from "~/hooks/useWorkspace";
import { DiffView } from "./DiffView";
import { ErrorAlert } from "./ErrorAlert";
import { PageLoading } from "./PageLoading";
import { FrozenRecord } from "./record/FrozenRecord";
import { VersionDocument } from "./VersionDocument";

/**
 * What a signatory signs, before they sign it: the proposed text in the reading view and, when an
 * official version exists, what changed since the latest one (word by word). Tabs from React Aria.
 */
export function ProposalReading({ proposalId }: { proposalId: string }) {
  const { t } = useTranslation("versions");
  const { workspace } = useWorkspace();
  const base = `/api/workspaces/${encodeURIComponent(workspace.id)}`;
  const proposal = useApiGet<ProposalDetailResponse>(`${base}/proposals/${encodeURIComponent(proposalId)}`);
  const versions = useApiGet<VersionsResponse>(`${base}/versions`);
  const latest = versions.data?.versions.reduce((a, b) => Math.max(a, b.number), 0) ?? 0;
  const previous = useApiGet<VersionResponse>(latest > 0 ? `${base}/versions/${latest}` : null);
  const changes = useMemo(
    () =>
      proposal.data && previous.data
        ? comparePlans(previous.data.version.content, proposal.data.content).filter((row) => row.changed)
        : null,
    [proposal.data, previous.data],
  );
  const error = proposal.error ?? versions.error ?? previous.error;
  if (error) return <ErrorAlert error={error} />;
  if (!proposal.data || !versions.data) return <PageLoading />;
  return (
    <Tabs className="tabs proposal-reading">
      <TabList className="tab-list" aria-label={t("freeze.readingLabel")}>
        <Tab id="text" className="tab">
          {t("freeze.readText")}
        </Tab>
        {latest > 0 && (
          <Tab id="changes" className="tab">
            {t("freeze.readChanges", { number: latest })}
          </Tab>
        )}
      </TabList>
      <TabPanel id="text" className="tab-panel reading-frame">
        <VersionDocument content={proposal.data.content} />
        {proposal.data.content.record && <FrozenRecord record={proposal.data.content.record} inProposal />}
      </TabPanel>
      {latest > 0 && (
        <TabPanel id="changes" className="tab-panel reading-frame">
          {changes ? <DiffView rows={changes} /> : <PageLoading />}
        </TabPanel>
      )}
    </Tabs>
  );
}
