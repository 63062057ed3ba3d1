import { type AwarenessUser, SECTOR_COLORS } from "@shared/collab";
import { listCommitments, planDocName } from "@shared/plan";
import { canEditPlan } from "@shared/roles";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { CommentsPanel } from "~/components/CommentsPanel";
import { PageLoading } from "~/components/PageLoading";
import { CommitmentList } from "~/editor/CommitmentList";
import { ConnectionBanner } from "~/editor/ConnectionBanner";
import { type PlanEditor, PlanEditorContext } from "~/editor/PlanEditorContext";
import { PlanSection } from "~/editor/PlanSection";
import { PresenceList } from "~/editor/PresenceList";
import { useFocusHash } from "~/editor/useFocusHash";
import { type CollabDoc, useCollabDoc } from "~/hooks/useCollabDoc";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useSession } from "~/hooks/useSession";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/editor/planEditor.css";

/** The workspace's action plan, co-written live: vision, co-creation summary, commitments. */
export function PlanPage() {
  const { t } = useTranslation("plan");
  const { workspace, membership, reloadWorkspace } = useWorkspace();
  const { user } = useSession();
  usePageTitle(t("pageTitle", { workspace: workspace.name }));
  const canWrite = canEditPlan(membership.role);
  const awarenessUser = useMemo(
    () => ({
      id: user?.id ?? "",
      name: user?.name ?? "",
      sector: membership.sector,
      color: SECTOR_COLORS[membership.sector],
    }),
    [user?.id, user?.name, membership.sector],
  );
  const collab = useCollabDoc(planDocName(workspace.id), {
    canWrite,
    user: awarenessUser,
    onAccessChanged: reloadWorkspace,
  });
  if (!collab) return <PageLoading />;
  return (
    <LoadedPlan
      collab={collab}
      user={awarenessUser}
      canWrite={canWrite}
      maxCommitments={workspace.maxCommitments}
    />
  );
}

interface LoadedProps {
  collab: CollabDoc;
  user: AwarenessUser;
  canWrite: boolean;
  maxCommitments: number;
}

function LoadedPlan({ collab, user, canWrite, maxCommitments }: LoadedProps) {
  const { t } = useTranslation("plan");
  const { t: tc } = useTranslation();
  const { membership } = useWorkspace();
  const { doc, provider, awareness, status } = collab;
  const [announcement, setAnnouncement] = useState("");
  useFocusHash(provider);
  const editable = canWrite && status.connection !== "refused";
  const editor = useMemo<PlanEditor>(
    () => ({ doc, provider, user, editable, announce: setAnnouncement }),
    [doc, provider, user, editable],
  );

  const describePlace = useCallback(
    (place: string) => {
      if (place === "vision" || place === "cocreationSummary") return t(`places.${place}`);
      const index = listCommitments(doc).findIndex((commitment) => commitment.id === place);
      return index >= 0 ? t("places.commitment", { number: index + 1 }) : null;
    },
    [doc, t],
  );

  return (
    <PlanEditorContext value={editor}>
      <div className="plan">
        <div className="plan-bar">
          <h2 className="plan-heading">
            {t("heading")}
            {!canWrite && <span className="tag read-only-badge">{t("readOnly.badge")}</span>}
          </h2>
          <ConnectionBanner status={status} canWrite={canWrite} />
          {!canWrite && (
            <p className="hint">{t("readOnly.explanation", { role: tc(`roles.${membership.role}`) })}</p>
          )}
          <PresenceList awareness={awareness} describePlace={describePlace} />
        </div>
        <p className="visually-hidden" aria-live="polite">
          {announcement}
        </p>
        <PlanSection place="vision" />
        <PlanSection place="cocreationSummary" />
        <CommitmentList maxCommitments={maxCommitments} />
        <CommentsPanel doc={doc} />
      </div>
    </PlanEditorContext>
  );
}
