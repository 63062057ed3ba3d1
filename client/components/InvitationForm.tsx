import type { CreatedInvitationResponse } from "@shared/api";
import type { Role, Sector } from "@shared/roles";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useMemberOptions } from "~/hooks/useMemberOptions";
import { useRequest } from "~/hooks/useRequest";
import { ErrorAlert } from "./ErrorAlert";
import { SelectField, TextField } from "./Field";
import { SubmitButton } from "./SubmitButton";

const MAX_USES_CEILING = 10_000;

/** The local calendar day as YYYY-MM-DD, the format of <input type="date">. */
function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

interface Props {
  workspaceId: string;
  onCreated(invitation: CreatedInvitationResponse["invitation"]): void;
}

/** Creates an invitation link: role and sector, optionally an expiry day and a use limit. */
export function InvitationForm({ workspaceId, onCreated }: Props) {
  const { t } = useTranslation("workspace");
  const { roleOptions, sectorOptions } = useMemberOptions();
  const { error, busy: pending, run } = useRequest();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const expiresOn = String(form.get("expiresOn") ?? "");
    const maxUses = String(form.get("maxUses") ?? "");
    await run(async () => {
      const { invitation } = await api.post<CreatedInvitationResponse>(
        `/api/workspaces/${encodeURIComponent(workspaceId)}/invitations`,
        {
          role: form.get("role") as Role,
          sector: form.get("sector") as Sector,
          // The link works until the end of the chosen day, in the facilitator's time zone.
          ...(expiresOn && { expiresAt: new Date(`${expiresOn}T23:59:59`).toISOString() }),
          ...(maxUses && { maxUses: Number(maxUses) }),
        },
      );
      // Back to the defaults, so a use limit or expiry is never carried into the next link unnoticed.
      element.reset();
      onCreated(invitation);
    });
  };

  return (
    <form className="stack" onSubmit={submit} aria-label={t("invitations.formLabel")}>
      <p className="hint">{t("invitations.roleHint")}</p>
      <div className="field-row">
        <SelectField name="role" label={t("invitations.role")} options={roleOptions} defaultValue="drafter" />
        <SelectField
          name="sector"
          label={t("invitations.sector")}
          options={sectorOptions}
          defaultValue="civil_society"
        />
      </div>
      <div className="field-row">
        <TextField name="expiresOn" type="date" label={t("invitations.expiresOn")} optional min={today()} />
        <TextField
          name="maxUses"
          type="number"
          inputMode="numeric"
          label={t("invitations.maxUses")}
          optional
          min={1}
          max={MAX_USES_CEILING}
          step={1}
        />
      </div>
      <ErrorAlert
        error={error}
        fieldLabels={{
          role: t("invitations.role"),
          sector: t("invitations.sector"),
          expiresAt: t("invitations.expiresOn"),
          maxUses: t("invitations.maxUses"),
        }}
      />
      <SubmitButton
        pending={pending}
        label={t("invitations.create")}
        pendingLabel={t("invitations.creating")}
      />
    </form>
  );
}
