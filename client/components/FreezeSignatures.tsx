import type { Signature } from "@shared/freeze";
import { useTranslation } from "react-i18next";
import { useFormatDate } from "~/hooks/useFormatDate";

/** Who signed or declined, with the organisation and sector they had when they did, and why they declined. */
export function FreezeSignatures({
  signatures,
  heading = true,
}: {
  signatures: Signature[];
  heading?: boolean;
}) {
  const { t } = useTranslation("versions");
  const { t: tc } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <>
      {heading && <h4>{t("freeze.signaturesHeading")}</h4>}
      {signatures.length === 0 ? (
        <p className="hint">{t("freeze.noSignatures")}</p>
      ) : (
        <ul className="signature-list">
          {signatures.map((s) => (
            <li key={s.userId} data-testid="signature" data-decision={s.decision}>
              <strong>
                {t(s.decision === "signed" ? "freeze.signedBy" : "freeze.declinedBy", { name: s.name })}
              </strong>
              {s.organization && ` (${s.organization})`}
              <br />
              <span className="hint">
                {t("freeze.signatureMeta", { sector: tc(`sectors.${s.sector}`), date: formatDate(s.at) })}
              </span>
              {s.reason && <blockquote>{s.reason}</blockquote>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
