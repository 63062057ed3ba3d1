import type { ActivityItem } from "@shared/dashboard";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormatDateTime } from "~/hooks/useFormatDate";
import { useWorkspace } from "~/hooks/useWorkspace";

/** The latest things that happened in the workspace, newest first; refreshed by the live stream. */
export function ActivityList({ items }: { items: ActivityItem[] }) {
  const { t } = useTranslation("dashboard");
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime();
  const base = `/w/${encodeURIComponent(workspace.id)}`;
  return (
    <section className="activity" aria-labelledby="activity-title">
      <h3 id="activity-title" className="section-title">
        {t("activity.title")}
      </h3>
      {items.length === 0 ? (
        <p className="quiet">{t("activity.none")}</p>
      ) : (
        <ul className="activity-list">
          {items.map((item) => {
            const text = t(`activity.types.${item.type}`, {
              actor: item.actorName ?? t("activity.someone"),
              subject: item.subject ?? "",
              defaultValue: t("activity.other"),
            });
            return (
              <li key={item.id}>
                {item.path ? <Link to={`${base}/${item.path}`}>{text}</Link> : text}
                <span className="quiet"> · {formatDateTime(item.at)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
