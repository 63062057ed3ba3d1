import { fieldAnchor } from "@shared/freeze";
import { type Commitment, OGP_VALUES } from "@shared/plan";
// One module per icon: the server renders this view, and Node would load the whole icon set (~60 MB)
// for the package's index; the browser bundle is the same either way.
import ChevronDown from "lucide-react/icons/chevron-down";
import ChevronRight from "lucide-react/icons/chevron-right";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type * as Y from "yjs";
import { useFormatDate } from "~/hooks/useFormatDate";
import { AuthoredPlainText } from "./Authored";
import { NotWritten, ReadingRichText } from "./ReadingRichText";
import { useYDeep } from "./useYDeep";

interface Props {
  commitment: Commitment;
  number: number;
  collapsed: boolean;
  onToggle(): void;
}

const plain = (text: Y.Text | null): string => text?.toString().trim() ?? "";

/** Marks where the title goes in the translated heading, so the title can be a coloured passage. */
const TITLE_SLOT = "\u0000";

/**
 * One commitment as a numbered section of the document: its fields as headed paragraphs, the OGP
 * values as a short list with their justifications, the milestones as a table. Collapses to its
 * heading (a disclosure button, as GOV.UK's accordion).
 */
export function CommitmentReading({ commitment, number, collapsed, onToggle }: Props) {
  const { t } = useTranslation("plan");
  const formatDate = useFormatDate();
  useYDeep(commitment.map);
  const headingId = useId();
  const bodyId = useId();
  const notWritten = t("reading.notWritten");
  const title = plain(commitment.text("title"));
  const dates = (start: string, end: string) =>
    start || end
      ? t("reading.dates", { start: start ? formatDate(start) : "…", end: end ? formatDate(end) : "…" })
      : "";
  const paragraph = (label: string, value: ReactNode): ReactNode => (
    <div className="reading-fact">
      <h4>{label}</h4>
      {value ? <p>{value}</p> : <NotWritten text={notWritten} />}
    </div>
  );
  // A plain field of the plan: its text, in its authors' colours while they are shown.
  const written = (text: Y.Text | null): ReactNode => (plain(text) ? <AuthoredPlainText text={text} /> : "");
  const titleText = commitment.text("title");
  const [beforeTitle, afterTitle] = t("commitments.heading_titled", { number, title: TITLE_SLOT }).split(
    TITLE_SLOT,
  );
  const checked = commitment.checkedValues();
  const milestones = commitment.milestones();
  const Chevron = collapsed ? ChevronRight : ChevronDown;

  return (
    <section
      className="reading-commitment"
      id={fieldAnchor(commitment.id, null)}
      aria-labelledby={headingId}
      data-outline-part={commitment.id}
    >
      <h3 id={headingId} className="reading-commitment-heading">
        <button type="button" aria-expanded={!collapsed} aria-controls={bodyId} onClick={onToggle}>
          <Chevron aria-hidden="true" size={20} />
          {title ? (
            // One span: the button lays out its children as flex items, which would not wrap.
            <span>
              {beforeTitle}
              <AuthoredPlainText text={titleText} />
              {afterTitle}
            </span>
          ) : (
            t("commitments.heading_titled", { number, title: t("commitments.untitled") })
          )}
        </button>
      </h3>
      <div id={bodyId} hidden={collapsed}>
        <p className="commitment-links">
          <Link to={`../votes?commitmentId=${encodeURIComponent(commitment.id)}`} relative="path">
            {t("commitments.votes", { number })}
          </Link>
        </p>
        <div className="reading-facts">
          {paragraph(t("fields.leadAgency"), written(commitment.text("leadAgency")))}
          {paragraph(t("fields.contactPerson"), written(commitment.text("contactPerson")))}
          {paragraph(t("reading.period"), dates(commitment.date("startDate"), commitment.date("endDate")))}
        </div>
        {(["problem", "commitment", "contribution"] as const).map((field) => (
          <div key={field} className="reading-field" id={fieldAnchor(commitment.id, field)}>
            <h4>{t(`fields.${field}.label`)}</h4>
            <ReadingRichText fragment={commitment.richText(field)} headingLevel={5} />
          </div>
        ))}
        <div className="reading-field">
          <h4>{t("ogp.legend")}</h4>
          {checked.length === 0 ? (
            <NotWritten text={notWritten} />
          ) : (
            <ul className="reading-values">
              {OGP_VALUES.filter((value) => checked.includes(value)).map((value) => {
                const justification = commitment.justification(value);
                return (
                  <li key={value}>
                    <strong>{t(`ogp.values.${value}`)}</strong>
                    {plain(justification) ? (
                      <>
                        {": "}
                        <AuthoredPlainText text={justification} />
                      </>
                    ) : (
                      <span className="not-written">{` — ${t("reading.noJustification")}`}</span>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        <div className="reading-field">
          <h4 id={`${headingId}-milestones`}>{t("milestones.legend")}</h4>
          {milestones.length === 0 ? (
            <NotWritten text={notWritten} />
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
            <section className="table-scroll" aria-labelledby={`${headingId}-milestones`} tabIndex={0}>
              <table className="reading-milestones" aria-labelledby={`${headingId}-milestones`}>
                <thead>
                  <tr>
                    <th scope="col">{t("reading.milestoneNumber")}</th>
                    <th scope="col">{t("milestones.description")}</th>
                    <th scope="col">{t("milestones.output")}</th>
                    <th scope="col">{t("milestones.responsible")}</th>
                    <th scope="col">{t("reading.period")}</th>
                  </tr>
                </thead>
                <tbody>
                  {milestones.map((m, i) => (
                    <tr key={m.id}>
                      <td>{i + 1}</td>
                      {(["description", "output", "responsible"] as const).map((field) => (
                        <td key={field}>
                          {written(m.text(field)) || <span className="not-written">{notWritten}</span>}
                        </td>
                      ))}
                      <td>
                        {dates(m.date("startDate"), m.date("endDate")) || (
                          <span className="not-written">{notWritten}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </div>
        <div className="reading-facts">
          {paragraph(t("fields.governmentActors"), written(commitment.text("governmentActors")))}
          {paragraph(t("fields.nonGovernmentActors"), written(commitment.text("nonGovernmentActors")))}
          {paragraph(
            t("fields.policyArea"),
            commitment.policyArea ? t(`policyAreas.${commitment.policyArea}`) : "",
          )}
          {paragraph(
            t("fields.sdg"),
            commitment.sdg === null
              ? ""
              : t("sdgs.option", { number: commitment.sdg, name: t(`sdgs.${commitment.sdg}` as "sdgs.1") }),
          )}
          {paragraph(t("fields.budget"), written(commitment.text("budget")))}
        </div>
      </div>
    </section>
  );
}
