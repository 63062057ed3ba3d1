import type { UserResponse, WorkspaceResponse } from "@shared/api";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Outlet, useLocation, useParams } from "react-router";
import { ApiError, api } from "~/api";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { StreamStatusBadge } from "~/components/StreamStatusBadge";
import { WorkspaceNav } from "~/components/WorkspaceNav";
import { useApiGet } from "~/hooks/useApiGet";
import { useFormatDate } from "~/hooks/useFormatDate";
import { useSession } from "~/hooks/useSession";
import { WorkspaceContext } from "~/hooks/useWorkspace";
import { useWorkspaceEvents } from "~/hooks/useWorkspaceEvents";
import { HandOffPrerendered } from "~/prerendered";

/** Frame of every /w/:workspaceId page: the workspace's name, its sections, the live status. */
export function WorkspaceLayout() {
  const { workspaceId = "" } = useParams();
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname)}`} replace />;
  return <LoadedWorkspace key={workspaceId} workspaceId={workspaceId} />;
}

function LoadedWorkspace({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation("workspace");
  const { t: tc } = useTranslation();
  const formatDate = useFormatDate();
  const { setUser } = useSession();
  const [revision, setRevision] = useState(0);
  const [workspaceRevision, setWorkspaceRevision] = useState(0);
  const { data, error } = useApiGet<WorkspaceResponse>(
    `/api/workspaces/${encodeURIComponent(workspaceId)}`,
    workspaceRevision,
  );

  // Resolved once the answer to a reload has rendered (children's effects, e.g. a new plan session, ran).
  const reloadsWaiting = useRef<(() => void)[]>([]);
  useEffect(() => {
    if (data === undefined && error === null) return;
    for (const settle of reloadsWaiting.current.splice(0)) settle();
  }, [data, error]);
  const reloadWorkspace = useCallback(
    () =>
      new Promise<void>((resolve) => {
        reloadsWaiting.current.push(resolve);
        setWorkspaceRevision((n) => n + 1);
      }),
    [],
  );

  const refreshAll = useCallback(() => {
    setRevision((n) => n + 1);
    setWorkspaceRevision((n) => n + 1);
  }, []);
  const streamStatus = useWorkspaceEvents(workspaceId, {
    onEvent(event) {
      setRevision((n) => n + 1);
      // The workspace record and our own role live in the frame; other events only touch lists.
      if (event.type.startsWith("workspace.") || event.type.startsWith("member.")) {
        setWorkspaceRevision((n) => n + 1);
      }
    },
    onResync: refreshAll,
    // A session ended elsewhere (signed out on every device, expired) ends the stream, and the
    // browser's reconnection is refused: find out, and send the person to sign in again.
    onRefused() {
      api.get<UserResponse>("/api/me").catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 401) setUser(null);
      });
    },
  });

  const state = useMemo(
    () =>
      data && {
        workspace: data.workspace,
        membership: data.membership,
        revision,
        streamStatus,
        reloadWorkspace,
      },
    [data, revision, streamStatus, reloadWorkspace],
  );

  // Refused outright (e.g. we were just removed): the stale page must not stay usable.
  const refused = error instanceof ApiError && (error.status === 403 || error.status === 404);
  if (!state || refused) {
    if (!error) return <PageLoading />;
    return (
      <div className="page">
        <HandOffPrerendered />
        <h1>{t("unavailable")}</h1>
        {/* Not "your role does not allow this": say why in plain words, and offer the way back. */}
        {refused ? <p>{error.status === 403 ? t("notMember") : t("gone")}</p> : <ErrorAlert error={error} />}
        <p>
          <Link to="/" className="button">
            {t("backToWorkspaces")}
          </Link>
        </p>
      </div>
    );
  }
  const { workspace, membership } = state;
  const period = [workspace.periodStart, workspace.periodEnd].filter((d) => d !== null).map(formatDate);
  const place = [workspace.jurisdiction, workspace.country].filter(Boolean).join(", ");
  return (
    <WorkspaceContext value={state}>
      <div className="page">
        <div className="workspace-header">
          <div className="workspace-title-row">
            <h1 className="workspace-name">{workspace.name}</h1>
            <StreamStatusBadge status={streamStatus} />
          </div>
          <p className="workspace-meta">
            {place}
            {period.length > 0 && ` · ${t("period", { period: period.join(" – ") })}`}
            <span className="wide-only">
              {" · "}
              {t("yourRole", {
                role: tc(`roles.${membership.role}`),
                sector: tc(`sectors.${membership.sector}`),
              })}
            </span>
          </p>
        </div>
        {error !== null && <ErrorAlert error={error} />}
        <WorkspaceNav workspaceId={workspace.id} />
        <Outlet />
      </div>
    </WorkspaceContext>
  );
}
