import type { PublicInput } from "@shared/publication";
import { useTranslation } from "react-i18next";
import { useFormatDate } from "~/hooks/useFormatDate";

/** The inputs a facilitator published, each with its reasoned responses (or "awaiting"). */
export function PublicInputs({ inputs }: { inputs: PublicInput[] }) {
  const { t } = useTranslation("public");
  const { t: tc } = useTranslation();
  const formatDate = useFormatDate();
  if (inputs.length === 0) return <p className="hint">{t("inputs.none")}</p>;
  return (
    <ul className="public-list">
      {inputs.map((input) => {
        const who = {
          name: input.author.name ?? t("inputs.anonymous"),
          organization: input.author.organization,
          sector: tc(`sectors.${input.author.sector}`),
        };
        return (
          <li key={input.id} data-testid="public-input">
            {input.quote && (
              <p className="hint">
                {t("inputs.quote")}: “{input.quote}”
              </p>
            )}
            <blockquote>{input.body}</blockquote>
            <p className="meta">
              {t(who.organization ? "inputs.byOrganization" : "inputs.by", who)} ·{" "}
              {formatDate(input.createdAt)}
            </p>
            {input.responses.length === 0 ? (
              <p className="tag" data-response="awaiting">
                {t("inputs.awaiting")}
              </p>
            ) : (
              input.responses.map((r) => (
                <div key={r.at} className="public-response">
                  <span className="tag" data-response={r.status}>
                    {t(`responseStatus.${r.status}`)}
                  </span>{" "}
                  {r.reason}
                </div>
              ))
            )}
          </li>
        );
      })}
    </ul>
  );
}
