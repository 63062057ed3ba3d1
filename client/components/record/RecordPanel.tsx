import type { CocreationRecord } from "@shared/record";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { useFormatDateTime } from "~/hooks/useFormatDate";

import type { HeadingLevel } from "./RecordView";

// The charts (and the chart library, recharts) load only where a record is shown.
const RecordView = lazy(() => import("./RecordView").then((module) => ({ default: module.RecordView })));

interface RecordPanelProps {
  record: CocreationRecord;
  /** The download route, without `?format=`; null when the record is frozen in a version (its JSON export holds it). */
  exportPath: string | null;
  /** A record frozen with a version says so, with when it was pinned. */
  frozen?: boolean;
  /** The level of its section headings: 2 on a page of its own, 3 inside another page's section. */
  headingLevel?: HeadingLevel;
}

/** When the figures are from, the downloads, and the charts. */
export function RecordPanel({ record, exportPath, frozen = false, headingLevel = 2 }: RecordPanelProps) {
  const { t } = useTranslation("record");
  const formatDateTime = useFormatDateTime();
  const asOf = formatDateTime(record.asOf);
  return (
    <div className="record-panel">
      <p className="hint">{frozen ? t("frozenAsOf", { date: asOf }) : t("asOf", { date: asOf })}</p>
      {exportPath && (
        <p className="record-downloads">
          <span>{t("download")}:</span>
          <a href={`${exportPath}?format=csv`} download>
            {t("downloadCsv")}
          </a>
          <a href={`${exportPath}?format=json`} download>
            {t("downloadJson")}
          </a>
        </p>
      )}
      <Suspense fallback={<p aria-busy="true">{t("loading")}</p>}>
        <RecordView record={record} headingLevel={headingLevel} />
      </Suspense>
    </div>
  );
}
