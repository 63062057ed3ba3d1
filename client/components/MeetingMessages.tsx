import type { Workspace } from "@shared/api";
import type { Meeting } from "@shared/meetings";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useCopy } from "~/hooks/useCopy";
import { useFormatDateTime } from "~/hooks/useFormatDate";
import { CopyButton } from "./CopyLink";

/** The guide's two messages (invitation, public announcement), filled from the workspace and meeting. */
export function MeetingMessages({ workspace, meeting }: { workspace: Workspace; meeting: Meeting }) {
  const { t } = useTranslation("meetings");
  // With its time zone: a message is forwarded to people who may be elsewhere.
  const date = useFormatDateTime("long")(meeting.startsAt);
  const values = {
    jurisdiction: workspace.jurisdiction,
    workspace: workspace.name,
    title: meeting.title,
    date,
    place: [meeting.place, meeting.link].filter(Boolean).join(" · ") || "—",
  };
  return (
    <>
      <p>{t("messages.intro")}</p>
      <MessageBox label={t("messages.invitation")} text={t("messages.invitationText", values)} />
      <MessageBox label={t("messages.announcement")} text={t("messages.announcementText", values)} />
    </>
  );
}

function MessageBox({ label, text }: { label: string; text: string }) {
  const { t } = useTranslation("meetings");
  const id = useId();
  const { field, result, copy } = useCopy<HTMLTextAreaElement>(text);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} ref={field} className="message-text" value={text} readOnly />
      <CopyButton
        onCopy={copy}
        result={result}
        labels={{ button: t("messages.copy"), copied: t("messages.copied"), failed: t("messages.failed") }}
      />
    </div>
  );
}
