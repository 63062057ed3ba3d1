import type { WorkspaceListResponse } from "@shared/api";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useApiGet } from "~/hooks/useApiGet";
import { ErrorAlert } from "./ErrorAlert";

/** The workspaces the signed-in user belongs to, with their role in each. */
export function WorkspaceList() {
  const { t } = useTranslation("home");
  const { t: tc } = useTranslation();
  const { data, error } = useApiGet<WorkspaceListResponse>("/api/workspaces");
  if (error) return <ErrorAlert error={error} />;
  if (!data) return null;
  if (data.workspaces.length === 0) return <p>{t("workspaces.none")}</p>;
  return (
    <ul className="workspace-list">
      {data.workspaces.map((workspace) => (
        <li key={workspace.id}>
          <Link to={`/w/${encodeURIComponent(workspace.id)}`}>{workspace.name}</Link>
          <p className="workspace-meta">
            {[workspace.jurisdiction, workspace.country].filter(Boolean).join(", ")} ·{" "}
            {tc(`roles.${workspace.membership.role}`)}
          </p>
        </li>
      ))}
    </ul>
  );
}
