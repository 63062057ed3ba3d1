import type { PublicDecline } from "@shared/publication";
import { useTranslation } from "react-i18next";
import { useFormatDate } from "~/hooks/useFormatDate";

/** Who declined to sign an official version, with the organisation, sector and reason they gave. */
export function PublicDeclines({ declines }: { declines: PublicDecline[] }) {
  const { t } = useTranslation("public");
  const { t: tc } = useTranslation();
  const formatDate = useFormatDate();
  if (declines.length === 0) return null;
  return (
    <>
      <h3>{t("versions.declines")}</h3>
      <ul className="public-list">
        {declines.map((d) => (
          <li key={`${d.versionNumber}-${d.name}-${d.at}`} data-testid="public-decline">
            <strong>{d.name}</strong>
            {d.organization && ` (${d.organization})`} · {tc(`sectors.${d.sector}`)}
            <br />
            <span className="meta">
              {d.versionNumber !== null && `${t("versions.declinedVersion", { number: d.versionNumber })} · `}
              {formatDate(d.at)}
            </span>
            {d.reason && <blockquote>{d.reason}</blockquote>}
          </li>
        ))}
      </ul>
    </>
  );
}
