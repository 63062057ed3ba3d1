import { PHASES, type Phase } from "@shared/dashboard";
import { useTranslation } from "react-i18next";

/** The four phases of co-creation, the current one marked (and announced as the current step). */
export function PhaseSteps({ phase }: { phase: Phase }) {
  const { t } = useTranslation("dashboard");
  const current = PHASES.indexOf(phase);
  return (
    <section className="phase" aria-labelledby="phase-title">
      <h3 id="phase-title" className="section-title">
        {t("phase.title")}
      </h3>
      <ol className="phase-steps">
        {PHASES.map((p, i) => (
          <li
            key={p}
            data-state={i < current ? "done" : i === current ? "current" : "todo"}
            aria-current={i === current ? "step" : undefined}
          >
            <span className="phase-number" aria-hidden="true">
              {i + 1}
            </span>
            <span>{t(`phase.${p}`)}</span>
          </li>
        ))}
      </ol>
      <p className="phase-explain">{t(`phase.explain.${phase}`)}</p>
    </section>
  );
}
