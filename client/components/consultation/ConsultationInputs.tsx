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
 * The input's text, or the facilitators' public reason in its place while it is hidden (and, for
 * facilitators, who still receive the text, that text folded under the reason); then each earlier
 * hiding that was undone, so the record shows it.
 */
function InputText({ input }: { input: ConsultationInput }) {
  const { t } = useTranslation("consultation");
  const formatDate = useFormatDate();
  const undone: { reason: string; hiddenAt: string; shownAt: string }[] = [];
  input.moderation.forEach((m, i) => {
    const next = input.moderation[i + 1];
    if (m.action === "hide" && next?.action === "show") {
      undone.push({ reason: m.reason ?? "", hiddenAt: m.at, shownAt: next.at });
    }
  });
  return (
    <>
      {input.hidden ? (
        <>
          <p className="input-hidden" data-testid="input-hidden">
            {t("moderation.hiddenBy", { reason: input.hidden.reason })}
          </p>
          {input.body !== null && (
            <details>
              <summary>{t("moderation.hiddenText")}</summary>
              <blockquote className="notes">{input.body}</blockquote>
            </details>
          )}
        </>
      ) : (
        <blockquote className="notes">{input.body}</blockquote>
      )}
      {undone.map((u) => (
        <p key={u.hiddenAt} className="hint">
          {t("moderation.wasHidden", {
            hidden: formatDate(u.hiddenAt),
            shown: formatDate(u.shownAt),
            reason: u.reason,
          })}
        </p>
      ))}
    </>
  );
}

/**
 * Inputs of a consultation with their reasoned answers (or "awaiting"), newest last. `titles`
 * names the commitments; `mine` the reader's own inputs (marked "Yours"); `actions` adds what the
 * reader may do with each (support, report, answer, hide).
 */
export function ConsultationInputs({
  inputs,
  titles,
  mine,
  actions,
}: {
  inputs: ConsultationInput[];
  titles: ReadonlyMap<string, string>;
  mine?: ReadonlySet<string>;
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
        // Focusable from script only: "Show more" moves focus to the first input it loaded.
        <li key={input.id} data-testid="consultation-input" tabIndex={-1}>
          <p className="hint">
            {about(input)}
            {mine?.has(input.id) && (
              <span className="tag tag-yours" data-testid="input-yours">
                {t("inputs.yours")}
              </span>
            )}
          </p>
          <InputText input={input} />
          <p className="meta">
            {authorLine(input)}
            {input.author.community && ` · ${t("inputs.community", { community: input.author.community })}`} ·{" "}
            {t(`channel.${input.channel}`)} · {formatDate(input.createdAt)} ·{" "}
            {t("inputs.supports", { count: input.supports })}
          </p>
          {input.responses.length === 0
            ? // A hidden input's public reason is its answer (the dashboard counts it so too).
              input.hidden === null && (
                <p className="tag" data-response="awaiting">
                  {t("inputs.awaiting")}
                </p>
              )
            : input.responses.map((r) => (
                <div key={r.at} className="public-response" data-testid="consultation-answer">
                  <span className="tag" data-response={r.status}>
                    {tp(`responseStatus.${r.status}`)}
                  </span>{" "}
                  {r.reason}
                </div>
              ))}
          {input.reports && input.reports.count > 0 && (
            <div className="input-reports" data-testid="input-reports">
              <p>
                <span className="tag" data-severity="warning">
                  {t("moderation.reported", { count: input.reports.count })}
                </span>
              </p>
              {input.reports.reasons.length > 0 && (
                <ul>
                  {input.reports.reasons.map((reason, i) => (
                    // Reasons carry no id and may repeat: their order is the record's.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    <li key={i}>{reason}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {actions?.(input)}
        </li>
      ))}
    </ul>
  );
}
