import type { VersionsResponse } from "@shared/freeze";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "~/components/ErrorAlert";
import { FreezePanel } from "~/components/FreezePanel";
import { VersionList } from "~/components/VersionList";
import { useApiGet } from "~/hooks/useApiGet";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Versions.css";

/** Freezing the plan (self-check, proposal, sign-off) and the official versions with their exports. */
export function VersionsPage() {
  const { t } = useTranslation("versions");
  const { workspace, revision } = useWorkspace();
  usePageTitle(t("pageTitle", { workspace: workspace.name }));
  const [published, setPublished] = useState<number | null>(null);
  const { data, error } = useApiGet<VersionsResponse>(
    `/api/workspaces/${encodeURIComponent(workspace.id)}/versions`,
    revision,
  );
  return (
    <div className="versions-page">
      <p className="notice" role="status">
        {published !== null ? t("freeze.published", { number: published }) : ""}
      </p>
      <FreezePanel onPublished={setPublished} />
      <ErrorAlert error={error} />
      {data && <VersionList {...data} />}
    </div>
  );
}
