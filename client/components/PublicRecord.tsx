import type { RecordResponse } from "@shared/record";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "~/components/ErrorAlert";
import { RecordPanel } from "~/components/record/RecordPanel";
import { useApiGet } from "~/hooks/useApiGet";

/** The record of co-creation on the public process page, with its downloads. */
export function PublicRecord({ slug }: { slug: string }) {
  const { t } = useTranslation("record");
  const path = `/api/public/workspaces/${encodeURIComponent(slug)}/record`;
  const answer = useApiGet<RecordResponse>(path);
  if (answer.error) return <ErrorAlert error={answer.error} />;
  if (!answer.data) return <p aria-busy="true">{t("loading")}</p>;
  return (
    <>
      <p>{t("publicIntro")}</p>
      <RecordPanel record={answer.data.record} exportPath={`${path}/export`} headingLevel={3} />
    </>
  );
}
