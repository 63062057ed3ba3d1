import type { CreatedInvitationResponse, Invitation, InvitationsResponse } from "@shared/api";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useApiGet } from "~/hooks/useApiGet";
import { useFormatDate } from "~/hooks/useFormatDate";
import { useWorkspace } from "~/hooks/useWorkspace";
import { ConfirmDialog } from "./ConfirmDialog";
import { CopyLink } from "./CopyLink";
import { ErrorAlert } from "./ErrorAlert";
import { InvitationForm } from "./InvitationForm";

type InvitationState = "active" | "revoked" | "expired" | "usedUp";

function stateOf(invitation: Invitation, now: number): InvitationState {
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt && Date.parse(invitation.expiresAt) <= now) return "expired";
  if (invitation.maxUses !== null && invitation.uses >= invitation.maxUses) return "usedUp";
  return "active";
}

/** Facilitators' invitation links: create one (its link is shown once), see the others, revoke. */
export function InvitationsPanel() {
  const { t } = useTranslation("workspace");
  const { workspace, revision } = useWorkspace();
  const headingId = useId();
  const listHeadingId = useId();
  const path = `/api/workspaces/${encodeURIComponent(workspace.id)}/invitations`;
  const { data, error, reload } = useApiGet<InvitationsResponse>(path, revision);
  const [created, setCreated] = useState<CreatedInvitationResponse["invitation"] | null>(null);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const revoke = async (invitation: Invitation) => {
    setRevoking(null);
    setActionError(null);
    try {
      await api.delete(`${path}/${encodeURIComponent(invitation.id)}`);
      reload();
    } catch (failure) {
      setActionError(failure);
    }
  };

  const invitations = data?.invitations ?? [];
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("invitations.title")}</h2>
      <p>{t("invitations.intro")}</p>
      <InvitationForm
        workspaceId={workspace.id}
        onCreated={(invitation) => {
          setCreated(invitation);
          reload();
        }}
      />
      {created && (
        <div className="new-link">
          <p>{t("invitations.createdOnce")}</p>
          <CopyLink key={created.url} label={t("invitations.link")} url={created.url} />
        </div>
      )}
      <h3 id={listHeadingId}>{t("invitations.listTitle")}</h3>
      <ErrorAlert error={actionError ?? error} />
      {data && invitations.length === 0 && <p>{t("invitations.none")}</p>}
      <ul className="invitation-list" aria-labelledby={listHeadingId}>
        {invitations.map((invitation) => (
          <InvitationItem key={invitation.id} invitation={invitation} onRevoke={setRevoking} />
        ))}
      </ul>
      {revoking && (
        <ConfirmDialog
          title={t("invitations.revokeTitle")}
          message={t("invitations.revokeMessage")}
          confirmLabel={t("invitations.revokeConfirm")}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        />
      )}
    </section>
  );
}

function InvitationItem({ invitation, onRevoke }: { invitation: Invitation; onRevoke(i: Invitation): void }) {
  const { t } = useTranslation("workspace");
  const { t: tc } = useTranslation();
  const formatDate = useFormatDate();
  const state = stateOf(invitation, Date.now());
  const uses =
    invitation.maxUses === null
      ? t("invitations.uses", { uses: invitation.uses })
      : t("invitations.usesOf", { uses: invitation.uses, max: invitation.maxUses });
  return (
    <li className="invitation" data-state={state}>
      <p className="invitation-who">
        {tc(`roles.${invitation.role}`)} · {tc(`sectors.${invitation.sector}`)}
        <span className="tag">{t(`invitations.state.${state}`)}</span>
      </p>
      <p className="invitation-meta">
        {uses} ·{" "}
        {invitation.expiresAt
          ? t("invitations.expires", { date: formatDate(invitation.expiresAt) })
          : t("invitations.noExpiry")}{" "}
        · {t("invitations.created", { date: formatDate(invitation.createdAt) })}
      </p>
      {state === "active" && (
        <button type="button" className="secondary" onClick={() => onRevoke(invitation)}>
          {t("invitations.revoke")}
          <span className="visually-hidden">
            {" "}
            {tc(`roles.${invitation.role}`)} · {tc(`sectors.${invitation.sector}`)}
          </span>
        </button>
      )}
    </li>
  );
}
