import type { MembersResponse } from "@shared/api";
import type { Role, Sector } from "@shared/roles";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api } from "~/api";
import { useApiGet } from "~/hooks/useApiGet";
import { useMemberOptions } from "~/hooks/useMemberOptions";
import { useWorkspace } from "~/hooks/useWorkspace";
import { ConfirmDialog } from "./ConfirmDialog";
import { ErrorAlert } from "./ErrorAlert";
import { SelectField } from "./Field";

/** A member as listed (the email only for facilitators). */
type Member = MembersResponse["members"][number];

/** The workspace's members; facilitators change roles and sectors and remove people here. */
export function MemberList() {
  const { t } = useTranslation("workspace");
  const { workspace, membership, revision } = useWorkspace();
  const navigate = useNavigate();
  const headingId = useId();
  const membersPath = `/api/workspaces/${encodeURIComponent(workspace.id)}/members`;
  const { data, error, reload } = useApiGet<MembersResponse>(membersPath, revision);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState("");
  const [removing, setRemoving] = useState<Member | null>(null);
  const canManage = membership.role === "facilitator";

  const update = async (member: Member, change: { role?: Role; sector?: Sector }) => {
    setActionError(null);
    setNotice("");
    try {
      await api.patch(`${membersPath}/${encodeURIComponent(member.userId)}`, change);
      setNotice(t("members.saved", { name: member.name }));
      reload();
      return true;
    } catch (failure) {
      setActionError(failure);
      return false;
    }
  };

  const remove = async (member: Member) => {
    setRemoving(null);
    setActionError(null);
    setNotice("");
    try {
      await api.delete(`${membersPath}/${encodeURIComponent(member.userId)}`);
      if (member.userId === membership.userId) {
        navigate("/");
        return;
      }
      setNotice(t("members.removed", { name: member.name }));
      reload();
    } catch (failure) {
      setActionError(failure);
    }
  };

  const members = data?.members ?? [];
  const facilitators = members.filter((member) => member.role === "facilitator").length;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {t("members.title")} {data && <span className="count">({members.length})</span>}
      </h2>
      <ErrorAlert error={actionError ?? error} />
      <p className="notice" role="status">
        {notice}
      </p>
      <ul className="member-list">
        {members.map((member) => (
          <MemberItem
            // A new key when the server's values change resets the row's unsaved selection.
            key={`${member.userId}:${member.role}:${member.sector}`}
            member={member}
            isMe={member.userId === membership.userId}
            // Said before anyone asks to leave: the server would refuse the last facilitator anyway.
            soleFacilitator={member.role === "facilitator" && facilitators === 1}
            canManage={canManage}
            onSave={update}
            onRemove={setRemoving}
          />
        ))}
      </ul>
      {removing && (
        <ConfirmDialog
          title={
            removing.userId === membership.userId
              ? t("members.leaveTitle")
              : t("members.removeTitle", { name: removing.name })
          }
          message={
            removing.userId === membership.userId
              ? t("members.removeSelfMessage", { workspace: workspace.name })
              : t("members.removeMessage", { name: removing.name, workspace: workspace.name })
          }
          confirmLabel={
            removing.userId === membership.userId ? t("members.leave") : t("members.removeConfirm")
          }
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      )}
    </section>
  );
}

interface MemberItemProps {
  member: Member;
  isMe: boolean;
  soleFacilitator: boolean;
  canManage: boolean;
  onSave(member: Member, change: { role?: Role; sector?: Sector }): Promise<boolean>;
  onRemove(member: Member): void;
}

function MemberItem({ member, isMe, soleFacilitator, canManage, onSave, onRemove }: MemberItemProps) {
  const { t } = useTranslation("workspace");
  const { t: tc } = useTranslation();
  const { roleOptions, sectorOptions } = useMemberOptions();
  const [role, setRole] = useState<Role>(member.role);
  const [sector, setSector] = useState<Sector>(member.sector);
  const [saving, setSaving] = useState(false);
  const dirty = role !== member.role || sector !== member.sector;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    const saved = await onSave(member, {
      ...(role !== member.role && { role }),
      ...(sector !== member.sector && { sector }),
    });
    setSaving(false);
    if (saved) return;
    setRole(member.role);
    setSector(member.sector);
  };

  return (
    <li className="member" data-testid="member">
      <p className="member-name">
        {member.name}
        {isMe && <span className="tag">{t("members.you")}</span>}
      </p>
      <p className="member-org">{member.organization || t("members.noOrganization")}</p>
      {canManage ? (
        <form
          className="member-edit"
          aria-label={t("members.editLabel", { name: member.name })}
          onSubmit={save}
        >
          <SelectField
            name="role"
            label={t("members.role")}
            options={roleOptions}
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
          />
          <SelectField
            name="sector"
            label={t("members.sector")}
            options={sectorOptions}
            value={sector}
            onChange={(event) => setSector(event.target.value as Sector)}
          />
          <div className="actions">
            {dirty && (
              <button type="submit" disabled={saving}>
                {saving ? t("members.saving") : t("members.save")}
              </button>
            )}
            {isMe && soleFacilitator ? (
              <p className="hint">{t("members.soleFacilitator")}</p>
            ) : (
              <button type="button" className="danger" onClick={() => onRemove(member)}>
                {isMe ? t("members.leave") : t("members.remove")}
                {!isMe && <span className="visually-hidden"> {member.name}</span>}
              </button>
            )}
          </div>
        </form>
      ) : (
        <p className="member-role">
          {tc(`roles.${member.role}`)} · {tc(`sectors.${member.sector}`)}
        </p>
      )}
    </li>
  );
}
