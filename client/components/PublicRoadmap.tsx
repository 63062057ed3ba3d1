import type { PublicProcessResponse } from "@shared/publication";
import { useTranslation } from "react-i18next";
import { useFormatDate } from "~/hooks/useFormatDate";

/** The dated phases of the process, the current one marked (for screen readers too). */
export function PublicRoadmap({ roadmap }: { roadmap: PublicProcessResponse["roadmap"] }) {
  const { t } = useTranslation("public");
  const formatDate = useFormatDate();
  if (roadmap.phases.length === 0) return <p className="hint">{t("roadmap.none")}</p>;
  return (
    <ol className="roadmap">
      {roadmap.phases.map((phase, i) => {
        const current = i === roadmap.current;
        return (
          <li
            key={`${phase.kind}-${phase.startsOn}`}
            className={current ? "current" : undefined}
            aria-current={current ? "step" : undefined}
          >
            <strong>{t(`phases.${phase.kind}`)}</strong>
            {current && <span className="tag">{t("roadmap.current")}</span>}
            <br />
            <span className="meta">
              {t("roadmap.dates", { start: formatDate(phase.startsOn), end: formatDate(phase.endsOn) })}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
