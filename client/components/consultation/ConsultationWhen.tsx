import type { ConsultationSummary } from "@shared/consultation";
import { useTranslation } from "react-i18next";
import { useFormatDateTime } from "~/hooks/useFormatDate";

/** A consultation's status as a tag and its dates as a sentence ("Open until 30 Mar 2027, 23:59 CET."). */
export function ConsultationWhen({ consultation }: { consultation: ConsultationSummary }) {
  const { t } = useTranslation("consultation");
  const formatDateTime = useFormatDateTime();
  const { status } = consultation;
  return (
    <p className="consultation-when" data-testid="consultation-status" data-status={status}>
      <span className={`tag status-${status}`}>{t(`status.${status}`)}</span>{" "}
      {t(`when.${status}`, {
        start: formatDateTime(consultation.startsAt),
        // The last minute it is open: "until 16 Dec, 23:59", not "until 17 Dec, 00:00".
        end: formatDateTime(new Date(Date.parse(consultation.endsAt) - 60_000).toISOString()),
      })}
    </p>
  );
}
