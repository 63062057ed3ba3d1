import type { DraftResponse, FrozenPlan, VersionResponse, VersionsResponse } from "@shared/freeze";
import { comparePlans } from "@shared/planCompare";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DiffView } from "~/components/DiffView";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { useApiGet } from "~/hooks/useApiGet";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Versions.css";

/** A side of a comparison: an official version's number, or "draft". */
function usePlanContent(side: string | null): { content: FrozenPlan | undefined; error: unknown } {
  const { workspace, revision } = useWorkspace();
  const base = `/api/workspaces/${encodeURIComponent(workspace.id)}`;
  const isDraft = side === "draft";
  const version = useApiGet<VersionResponse>(
    side && !isDraft ? `${base}/versions/${encodeURIComponent(side)}` : null,
  );
  // The draft moves on: refetch it with every live event.
  const draft = useApiGet<DraftResponse>(isDraft ? `${base}/draft` : null, revision);
  return isDraft
    ? { content: draft.data?.content, error: draft.error }
    : { content: version.data?.version.content, error: version.error };
}

/** Compares two official versions, or the draft with one, field by field and word by word. */
export function ComparePage() {
  const { t } = useTranslation("versions");
  const { workspace } = useWorkspace();
  usePageTitle(t("comparePageTitle", { workspace: workspace.name }));
  const [search, setSearch] = useSearchParams();
  const from = search.get("from");
  const to = search.get("to") ?? "draft";
  const [onlyChanged, setOnlyChanged] = useState(true);
  const headingId = useId();
  const fromId = useId();
  const toId = useId();
  const onlyId = useId();
  const versions = useApiGet<VersionsResponse>(
    `/api/workspaces/${encodeURIComponent(workspace.id)}/versions`,
  );
  const before = usePlanContent(from);
  const after = usePlanContent(to);
  const rows = useMemo(
    () => (before.content && after.content ? comparePlans(before.content, after.content) : null),
    [before.content, after.content],
  );
  const numbers = versions.data?.versions.map((v) => String(v.number)) ?? [];
  const option = (value: string) => (
    <option key={value} value={value}>
      {value === "draft" ? t("compare.draft") : t("compare.versionOption", { number: value })}
    </option>
  );
  const shown = rows?.filter((row) => !onlyChanged || row.changed) ?? [];
  const changes = rows?.filter((row) => row.changed).length ?? 0;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <p>
        <Link to={`/w/${encodeURIComponent(workspace.id)}/versions`}>{t("compare.back")}</Link>
      </p>
      <h2 id={headingId}>{t("compare.heading")}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={fromId}>{t("compare.from")}</label>
          <select
            id={fromId}
            value={from ?? ""}
            onChange={(event) => setSearch({ from: event.target.value, to }, { replace: true })}
          >
            {from === null && <option value="" />}
            {numbers.map(option)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={toId}>{t("compare.to")}</label>
          <select
            id={toId}
            value={to}
            onChange={(event) => setSearch({ from: from ?? "", to: event.target.value }, { replace: true })}
          >
            {[...numbers, "draft"].map(option)}
          </select>
        </div>
      </div>
      <label className="checkbox" htmlFor={onlyId}>
        <input
          id={onlyId}
          type="checkbox"
          checked={onlyChanged}
          onChange={(e) => setOnlyChanged(e.target.checked)}
        />
        {t("compare.onlyChanged")}
      </label>
      <ErrorAlert error={versions.error ?? before.error ?? after.error} />
      {from !== null && !rows && !before.error && !after.error && <PageLoading />}
      {rows && (
        <>
          <p role="status">{t("compare.changes", { count: changes })}</p>
          <p className="hint">{t("compare.legend")}</p>
          <DiffView rows={shown} />
        </>
      )}
    </section>
  );
}
