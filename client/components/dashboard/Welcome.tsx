import { X } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useWorkspace } from "~/hooks/useWorkspace";

/** New members are welcomed for two weeks after joining, unless they close the note. */
const WELCOME_DAYS = 14;
const storageKey = (workspaceId: string, userId: string) => `cocrea:welcomed:${workspaceId}:${userId}`;

/** A short note for a new member: what their role lets them do and why their sector matters. */
export function Welcome() {
  const { t } = useTranslation("dashboard");
  const { t: tc } = useTranslation();
  const { workspace, membership } = useWorkspace();
  const key = storageKey(workspace.id, membership.userId);
  const [closed, setClosed] = useState(() => localStorage.getItem(key) !== null);
  const recent = Date.now() - Date.parse(membership.joinedAt) < WELCOME_DAYS * 24 * 60 * 60 * 1000;
  if (closed || !recent) return null;
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <div className="welcome-head">
        <h3 id="welcome-title">{t("welcome.title", { workspace: workspace.name })}</h3>
        <button
          type="button"
          className="icon-button"
          aria-label={t("welcome.close")}
          onClick={() => {
            localStorage.setItem(key, new Date().toISOString());
            setClosed(true);
          }}
        >
          <X aria-hidden="true" size={18} />
        </button>
      </div>
      <p>
        {t("welcome.youAre", {
          role: tc(`roles.${membership.role}`),
          sector: tc(`sectors.${membership.sector}`),
        })}
      </p>
      <p>{t(`welcome.role.${membership.role}`)}</p>
      <p>{t("welcome.sector")}</p>
    </section>
  );
}
