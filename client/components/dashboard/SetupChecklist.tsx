import { type SetupStep, setupChecklist } from "@shared/dashboard";
import type { Sector } from "@shared/roles";
import { CheckCircle2, Circle, Clock } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useWorkspace } from "~/hooks/useWorkspace";

/** Where each setup step is done in Cocrea; null while the feature is not in this version. */
const STEP_PATHS: Record<SetupStep, string | null> = {
  invite: "members",
  meeting: "meetings",
  vision: "plan",
  rules: null,
  publish: null,
};

/** The facilitator's first steps, until all that can be done is done. */
export function SetupChecklist(props: {
  membersBySector: Partial<Record<Sector, number>>;
  meetings: number;
  visionWritten: boolean;
}) {
  const { t } = useTranslation("dashboard");
  const { workspace } = useWorkspace();
  const items = setupChecklist({
    ...props,
    features: { forumRules: STEP_PATHS.rules !== null, processPage: STEP_PATHS.publish !== null },
  });
  if (items.every((i) => i.done || !i.available)) return null;
  const done = items.filter((i) => i.done).length;
  const base = `/w/${encodeURIComponent(workspace.id)}`;
  return (
    <section className="setup" aria-labelledby="setup-title">
      <h3 id="setup-title" className="section-title">
        {t("setup.title")} <span className="count">{t("setup.progress", { done, total: items.length })}</span>
      </h3>
      <ol className="checklist">
        {items.map((item) => {
          const path = STEP_PATHS[item.step];
          const Icon = item.done ? CheckCircle2 : item.available ? Circle : Clock;
          return (
            <li
              key={item.step}
              data-done={item.done || undefined}
              data-unavailable={!item.available || undefined}
            >
              <Icon aria-hidden="true" size={20} className="check-icon" />
              <span>
                <span className="visually-hidden">
                  {item.done
                    ? t("setup.done")
                    : item.available
                      ? t("setup.todo")
                      : t("setup.unavailable")}{" "}
                </span>
                {path && !item.done ? (
                  <Link to={`${base}/${path}`}>{t(`setup.steps.${item.step}`)}</Link>
                ) : (
                  <span className="step-name">{t(`setup.steps.${item.step}`)}</span>
                )}
              </span>
              {!item.available && <span className="quiet">{t("setup.comingSoon")}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
