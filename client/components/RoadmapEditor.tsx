import { PHASE_KINDS, type PhaseKind, type RoadmapPhase } from "@shared/publication";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useRequest } from "~/hooks/useRequest";
import { ErrorAlert } from "./ErrorAlert";

/** The facilitator's editor of the roadmap: dated phases in order, saved all at once. */
export function RoadmapEditor({
  workspaceId,
  initial,
  onSaved,
}: {
  workspaceId: string;
  initial: RoadmapPhase[];
  onSaved(): void;
}) {
  const { t } = useTranslation("public");
  const headingId = useId();
  const [phases, setPhases] = useState<RoadmapPhase[]>(initial);
  const [saved, setSaved] = useState(false);
  const { error, busy, run } = useRequest();
  const change = (index: number, patch: Partial<RoadmapPhase>) => {
    setSaved(false);
    setPhases((all) => all.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  };
  const add = () => {
    const last = phases.at(-1);
    const kind = PHASE_KINDS[Math.min(phases.length, PHASE_KINDS.length - 1)] ?? "preparation";
    const day = last?.endsOn ?? new Date().toISOString().slice(0, 10);
    setPhases((all) => [...all, { kind, startsOn: day, endsOn: day }]);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => api.put(`/api/workspaces/${workspaceId}/publication/roadmap`, { phases }))) {
      setSaved(true);
      onSaved();
    }
  };
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("settings.roadmap")}</h2>
      <p className="hint">{t("settings.roadmapHint")}</p>
      <form onSubmit={submit}>
        {phases.map((phase, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: phases have no id; their position is their identity
          <fieldset key={i} className="roadmap-phase">
            <legend>{t("settings.phaseLegend", { number: i + 1 })}</legend>
            <label>
              {t("settings.phaseKind")}
              <select value={phase.kind} onChange={(e) => change(i, { kind: e.target.value as PhaseKind })}>
                {PHASE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`phases.${kind}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("settings.startsOn")}
              <input
                type="date"
                required
                value={phase.startsOn}
                onChange={(e) => change(i, { startsOn: e.target.value })}
              />
            </label>
            <label>
              {t("settings.endsOn")}
              <input
                type="date"
                required
                value={phase.endsOn}
                onChange={(e) => change(i, { endsOn: e.target.value })}
              />
            </label>
            <button
              type="button"
              className="secondary"
              onClick={() => setPhases((all) => all.filter((_, j) => j !== i))}
            >
              {t("settings.removePhase", { number: i + 1 })}
            </button>
          </fieldset>
        ))}
        <ErrorAlert error={error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={add}>
            {t("settings.addPhase")}
          </button>
          <button type="submit" disabled={busy}>
            {t("settings.saveRoadmap")}
          </button>
        </div>
        {saved && (
          <p role="status" className="hint">
            {t("settings.saved")}
          </p>
        )}
      </form>
    </section>
  );
}
