import type { Completeness } from "@shared/dashboard";
import { COMPLETENESS_PARTS } from "@shared/dashboard";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useWorkspace } from "~/hooks/useWorkspace";

/** Each commitment's completeness as a bar and, when something is missing, what. */
export function PlanProgress({
  commitments,
  completeness,
}: {
  commitments: { id: string; title: string }[];
  completeness: Completeness[];
}) {
  const { t } = useTranslation("dashboard");
  const { workspace } = useWorkspace();
  const total = COMPLETENESS_PARTS.length;
  return (
    <section className="card" aria-labelledby="progress-title">
      <h3 id="progress-title" className="section-title">
        {t("progress.title")}
      </h3>
      {commitments.length === 0 ? (
        <p className="quiet">{t("progress.none")}</p>
      ) : (
        <ul className="progress-list">
          {completeness.map((c) => {
            const title =
              commitments.find((x) => x.id === c.commitmentId)?.title.trim() ||
              t("progress.untitled", { number: c.number });
            return (
              <li key={c.commitmentId}>
                <Link to={`/w/${encodeURIComponent(workspace.id)}/plan#commitment-${c.commitmentId}`}>
                  {title}
                </Link>
                <div className="progress-row">
                  <progress max={total} value={c.done.length} aria-label={t("progress.label", { title })} />
                  <span>{t("progress.parts", { done: c.done.length, total })}</span>
                </div>
                {c.missing.length > 0 && (
                  <p className="quiet">
                    {t("progress.missing", {
                      parts: c.missing.map((p) => t(`progress.part.${p}`)).join(", "),
                    })}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
