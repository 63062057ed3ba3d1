import type { ConsultationInput } from "@shared/consultation";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormatDate } from "~/hooks/useFormatDate";

/** Who gave an input, as the public may see it: a name only with consent. */
function useAuthorLine() {
  const { t } = useTranslation("consultation");
  const { t: tc } = useTranslation();
  return ({ author }: ConsultationInput): string => {
    const sector = tc(`sectors.${author.sector}`);
    if (author.name === null) return t("inputs.participant", { sector });
    return author.organization
      ? t("inputs.namedOrganization", { name: author.name, organization: author.organization, sector })
      : t("inputs.named", { name: author.name, sector });
  };
}

/**
 * Inputs of a consultation with their reasoned answers (or "awaiting"), newest last. `titles`
 * names the commitments; `actions` adds what the reader may do with each (support, answer).
 */
export function ConsultationInputs({
  inputs,
  titles,
  actions,
}: {
  inputs: ConsultationInput[];
  titles: ReadonlyMap<string, string>;
  actions?: (input: ConsultationInput) => ReactNode;
}) {
  const { t } = useTranslation("consultation");
  const { t: tp } = useTranslation("public");
  const formatDate = useFormatDate();
  const authorLine = useAuthorLine();
  if (inputs.length === 0) return <p className="hint">{t("inputs.none")}</p>;
  const about = (input: ConsultationInput): string => {
    if (input.kind === "idea") return t("inputs.idea");
    if (input.commitmentId === null) return t("inputs.wholeDraft");
    return t("inputs.about", { commitment: titles.get(input.commitmentId) ?? input.commitmentId });
  };
  return (
    <ul className="public-list consultation-inputs">
      {inputs.map((input) => (
        <li key={input.id} data-testid="consultation-input">
          <p className="hint">{about(input)}</p>
          <blockquote className="notes">{input.body}</blockquote>
          <p className="meta">
            {authorLine(input)}
            {input.author.community && ` · ${t("inputs.community", { community: input.author.community })}`} ·{" "}
            {t(`channel.${input.channel}`)} · {formatDate(input.createdAt)} ·{" "}
            {t("inputs.supports", { count: input.supports })}
          </p>
          {input.responses.length === 0 ? (
            <p className="tag">{t("inputs.awaiting")}</p>
          ) : (
            input.responses.map((r) => (
              <div key={r.at} className="public-response" data-testid="consultation-answer">
                <span className="tag">{tp(`responseStatus.${r.status}`)}</span> {r.reason}
              </div>
            ))
          )}
          {actions?.(input)}
        </li>
      ))}
    </ul>
  );
}
