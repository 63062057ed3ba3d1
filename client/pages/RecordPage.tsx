import type { RecordResponse } from "@shared/record";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { RecordPanel } from "~/components/record/RecordPanel";
import { useApiGet } from "~/hooks/useApiGet";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useWorkspace } from "~/hooks/useWorkspace";

/**
 * The record of co-creation for members (`/w/:id/record`): who took part and how, counted by the
 * server, as charts with their numbers and as downloads. Live events refresh it.
 */
export function RecordPage() {
  const { t } = useTranslation("record");
  const { workspace, revision } = useWorkspace();
  usePageTitle(t("pageTitle", { workspace: workspace.name }));
  const path = `/api/workspaces/${encodeURIComponent(workspace.id)}/record`;
  const answer = useApiGet<RecordResponse>(path, revision);
  if (!answer.data) return answer.error ? <ErrorAlert error={answer.error} /> : <PageLoading />;
  return (
    <div className="page record-page">
      <h1>{t("heading")}</h1>
      <p>{t("intro")}</p>
      <RecordPanel record={answer.data.record} exportPath={`${path}/export`} />
    </div>
  );
}
