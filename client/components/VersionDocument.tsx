import type { FrozenPlan } from "@shared/freeze";
import { type CommitmentJson, OGP_VALUES } from "@shared/plan";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useFormatDate } from "~/hooks/useFormatDate";
import { VersionRichText } from "./VersionRichText";

/**
 * The text of a frozen plan, read-only: vision, co-creation summary and every commitment field;
 * `commitmentsOnly` leaves out the first two (a consultation opening chosen commitments).
 */
export function VersionDocument({
  content,
  commitmentsOnly = false,
}: {
  content: FrozenPlan;
  commitmentsOnly?: boolean;
}) {
  const { t } = useTranslation("plan");
  const { t: tv } = useTranslation("versions");
  const empty = tv("public.none");
  return (
    <div className="version-document">
      {!commitmentsOnly && (
        <>
          <section>
            <h3>{t("vision.label")}</h3>
            <VersionRichText value={content.plan.vision} empty={empty} headingLevel={4} />
          </section>
          <section>
            <h3>{t("cocreationSummary.label")}</h3>
            <VersionRichText value={content.plan.cocreationSummary} empty={empty} headingLevel={4} />
          </section>
        </>
      )}
      <h3>{tv("public.commitments")}</h3>
      {content.plan.commitments.map((commitment, i) => (
        <CommitmentView key={commitment.id} commitment={commitment} number={i + 1} />
      ))}
    </div>
  );
}

function CommitmentView({ commitment: c, number }: { commitment: CommitmentJson; number: number }) {
  const { t } = useTranslation("plan");
  const { t: tv } = useTranslation("versions");
  const formatDate = useFormatDate();
  const headingId = useId();
  const empty = tv("public.none");
  const dates = (start: string, end: string) =>
    start || end ? `${start ? formatDate(start) : "…"} – ${end ? formatDate(end) : "…"}` : empty;
  const fact = (label: string, value: string) => (
    <div>
      <dt>{label}</dt>
      <dd>{value.trim() || empty}</dd>
    </div>
  );
  return (
    <section className="version-commitment" aria-labelledby={headingId} id={`commitment-${c.id}`}>
      <h4 id={headingId}>
        {t("commitments.heading_titled", { number, title: c.title || t("commitments.untitled") })}
      </h4>
      <dl className="facts">
        {fact(t("fields.leadAgency"), c.leadAgency)}
        {fact(t("fields.contactPerson"), c.contactPerson)}
        {fact(`${t("fields.startDate")} – ${t("fields.endDate")}`, dates(c.startDate, c.endDate))}
        {fact(t("fields.policyArea"), c.policyArea ? t(`policyAreas.${c.policyArea}`) : "")}
        {fact(t("fields.budget"), c.budget)}
        {fact(
          t("fields.sdg"),
          c.sdg === null ? "" : t("sdgs.option", { number: c.sdg, name: t(`sdgs.${c.sdg}` as "sdgs.1") }),
        )}
        {fact(t("fields.governmentActors"), c.governmentActors)}
        {fact(t("fields.nonGovernmentActors"), c.nonGovernmentActors)}
      </dl>
      <h5>{t("fields.problem.label")}</h5>
      <VersionRichText value={c.problem} empty={empty} headingLevel={6} />
      <h5>{t("fields.commitment.label")}</h5>
      <VersionRichText value={c.commitment} empty={empty} headingLevel={6} />
      <h5>{t("fields.contribution.label")}</h5>
      <VersionRichText value={c.contribution} empty={empty} headingLevel={6} />
      <h5>{t("ogp.legend")}</h5>
      <ul>
        {OGP_VALUES.filter((value) => c.ogpValues[value]?.checked).map((value) => (
          <li key={value}>
            <strong>{t(`ogp.values.${value}`)}</strong>
            {c.ogpValues[value]?.justification ? `: ${c.ogpValues[value]?.justification}` : ""}
          </li>
        ))}
      </ul>
      <h5>{tv("public.milestones")}</h5>
      {c.milestones.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ol>
          {c.milestones.map((m) => (
            <li key={m.id}>
              <p>{m.description || empty}</p>
              <dl className="facts">
                {fact(t("milestones.output"), m.output)}
                {fact(t("milestones.responsible"), m.responsible)}
                {fact(`${t("fields.startDate")} – ${t("fields.endDate")}`, dates(m.startDate, m.endDate))}
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
