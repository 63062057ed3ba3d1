import type { Workspace } from "@shared/api";
import type { Meeting } from "@shared/meetings";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** The guide's two messages (invitation, public announcement), filled from the workspace and meeting. */
export function MeetingMessages({ workspace, meeting }: { workspace: Workspace; meeting: Meeting }) {
  const { t, i18n } = useTranslation("meetings");
  const date = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: "full",
    timeStyle: "short",
  }).format(new Date(meeting.startsAt));
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
  const area = useRef<HTMLTextAreaElement>(null);
  const [result, setResult] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setResult("copied");
    } catch {
      area.current?.focus();
      area.current?.select();
      setResult("failed");
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} ref={area} className="message-text" value={text} readOnly />
      <button type="button" onClick={copy}>
        {t("messages.copy")}
      </button>
      <p className="notice" role="status">
        {result === "copied" && t("messages.copied")}
        {result === "failed" && t("messages.failed")}
      </p>
    </div>
  );
}
