import { RESPONSE_STATUSES } from "@shared/comments";
import type { ConsultationReport, ReportGroup, ReportInput } from "@shared/consultationReport";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useFormatDate } from "~/hooks/useFormatDate";
import "./HeardReport.css";

const STATUSES = [...RESPONSE_STATUSES, "hidden", "none"] as const;

/** The level of the report's headings: h2 on its own page, lower inside the record of co-creation. */
type ReportHeadingLevel = 2 | 3 | 4 | 5;
const HEADINGS = { 2: "h2", 3: "h3", 4: "h4", 5: "h5" } as const;

/** A small table of counts with a bar in each row, so the shares read at a glance on a phone. */
function CountTable({ caption, label, rows }: { caption: string; label: string; rows: [string, number][] }) {
  const { t, i18n } = useTranslation("consultation");
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language);
  const most = Math.max(1, ...rows.map(([, n]) => n));
  return (
    <table className="heard-counts">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{label}</th>
          <th scope="col" className="number">
            {t("heard.inputs")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, count]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="number">
              <span className="heard-bar" style={{ width: `${(count / most) * 100}%` }} aria-hidden="true" />
              <span className="heard-count">{number.format(count)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function InputItem({ input }: { input: ReportInput }) {
  const { t } = useTranslation("consultation");
  const { t: tc } = useTranslation();
  const { t: tp } = useTranslation("public");
  const formatDate = useFormatDate();
  const { author } = input;
  const sector = tc(`sectors.${author.sector}`);
  const who =
    author.name === null
      ? t("inputs.participant", { sector })
      : author.organization
        ? t("inputs.namedOrganization", { name: author.name, organization: author.organization, sector })
        : t("inputs.named", { name: author.name, sector });
  return (
    <li data-testid="heard-input">
      {input.body === null ? (
        <p className="input-hidden" data-testid="heard-hidden">
          {t("moderation.hiddenBy", { reason: input.hiddenReason ?? "" })}
        </p>
      ) : (
        <blockquote className="notes">{input.body}</blockquote>
      )}
      <p className="meta">
        {who}
        {author.community && ` · ${t("inputs.community", { community: author.community })}`} ·{" "}
        {t(`channel.${input.channel}`)} · {formatDate(input.createdAt)} ·{" "}
        {t("inputs.supports", { count: input.supports })}
      </p>
      {input.answer ? (
        <div className={`heard-answer status-${input.answer.status}`} data-testid="heard-answer">
          <p>
            <strong>{t("heard.ourAnswer", { status: tp(`responseStatus.${input.answer.status}`) })}</strong>
          </p>
          <p className="notes">{input.answer.reason}</p>
        </div>
      ) : (
        // A hidden input's public reason is its answer: it awaits nothing.
        input.body !== null && (
          <p className="tag" data-response="awaiting">
            {t("inputs.awaiting")}
          </p>
        )
      )}
    </li>
  );
}

function Group({ group, headingLevel }: { group: ReportGroup; headingLevel: ReportHeadingLevel }) {
  const Heading = HEADINGS[headingLevel];
  const { t } = useTranslation("consultation");
  const id = useId();
  const title =
    group.kind === "commitment"
      ? group.title.trim()
        ? t("heard.commitment", { number: group.number, title: group.title })
        : t("heard.untitled", { number: group.number })
      : t(`heard.group.${group.kind}`);
  return (
    <section className="heard-group" aria-labelledby={id} data-testid="heard-group">
      <Heading id={id}>
        {title}{" "}
        <span className="heard-group-count">({t("heard.count", { count: group.inputs.length })})</span>
      </Heading>
      {group.inputs.length === 0 ? (
        <p className="hint">{t("heard.noInputs")}</p>
      ) : (
        <ul className="public-list">
          {group.inputs.map((input) => (
            <InputItem key={input.id} input={input} />
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * "What we heard and what we did": the figures as small tables, then each part of the plan with
 * every input and its answer. The same document for members and the public: the report holds only
 * what is public. The record of co-creation shows the one frozen with a version, without its dates.
 */
export function HeardReport({
  report,
  headingLevel = 2,
}: {
  report: Pick<ConsultationReport, "counts" | "groups">;
  headingLevel?: ReportHeadingLevel;
}) {
  const Heading = HEADINGS[headingLevel];
  const { t, i18n } = useTranslation("consultation");
  const { t: tc } = useTranslation();
  const { t: tp } = useTranslation("public");
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? i18n.language);
  const { counts } = report;
  const figuresId = useId();
  return (
    <div className="heard-report">
      <section aria-labelledby={figuresId} className="heard-figures">
        <Heading id={figuresId}>{t("heard.figures")}</Heading>
        <dl className="heard-key-figures">
          {(
            [
              ["received", counts.inputs],
              ["answered", counts.answered],
              ["awaiting", counts.unanswered],
              ["hidden", counts.hidden],
              ["supports", counts.supports],
            ] as const
          ).map(([key, value]) => (
            <div key={key}>
              <dt>{t(`heard.key.${key}`)}</dt>
              <dd>{number.format(value)}</dd>
            </div>
          ))}
        </dl>
        <div className="heard-tables">
          <CountTable
            caption={t("heard.byStatus")}
            label={t("heard.answer")}
            rows={STATUSES.flatMap((s): [string, number][] => {
              const count = counts.byStatus[s];
              // A record frozen before hidden inputs had their own row counts them under "none".
              if (count === undefined) return [];
              const label =
                s === "none"
                  ? t("heard.noAnswer")
                  : s === "hidden"
                    ? t("heard.key.hidden")
                    : tp(`responseStatus.${s}`);
              return [[label, count]];
            })}
          />
          <CountTable
            caption={t("heard.bySector")}
            label={t("heard.sector")}
            rows={counts.bySector.map((c) => [tc(`sectors.${c.sector}`), c.count])}
          />
          <CountTable
            caption={t("heard.byChannel")}
            label={t("heard.channel")}
            rows={counts.byChannel.map((c) => [t(`channel.${c.channel}`), c.count])}
          />
        </div>
      </section>
      {report.groups.map((group) => (
        <Group
          key={group.kind === "commitment" ? group.commitmentId : group.kind}
          group={group}
          headingLevel={headingLevel}
        />
      ))}
    </div>
  );
}

/** The downloads of a report at `path` (…/report), labelled in the reader's language. */
export function HeardDownloads({ path }: { path: string }) {
  const { t, i18n } = useTranslation("consultation");
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return (
    <p className="heard-downloads">
      {t("heard.download")}{" "}
      {(["docx", "md", "csv"] as const).map((format, i) => (
        <span key={format}>
          {i > 0 && " · "}
          <a href={`${path}/export?format=${format}&lang=${encodeURIComponent(lang)}`} download>
            {t(`heard.format.${format}`)}
          </a>
        </span>
      ))}
    </p>
  );
}
