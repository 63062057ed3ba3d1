import { fieldAnchor } from "@shared/freeze";
import { type Commitment, POLICY_AREAS, type PolicyArea, SDG_COUNT } from "@shared/plan";
import { ChevronDown, ChevronRight } from "lucide-react";
import { useCallback, useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import * as Y from "yjs";
import { MilestoneList } from "./MilestoneList";
import { MoveButtons } from "./MoveButtons";
import { OgpValuesField } from "./OgpValuesField";
import { usePlanEditor } from "./PlanEditorContext";
import { RichTextField } from "./RichTextField";
import { ChoiceField, DateField } from "./ScalarFields";
import { useReportLocation } from "./useReportLocation";
import { useYObserve } from "./useYObserve";
import { useYTextValue } from "./useYTextValue";
import { YTextField } from "./YTextField";

interface Props {
  commitment: Commitment;
  number: number;
  isLast: boolean;
  onMove(direction: -1 | 1): void;
  onRemove(): void;
}

/** One commitment as the OGP Local template lays it out, every field bound live to the plan. */
export function CommitmentForm({ commitment, number, isLast, onMove, onRemove }: Props) {
  const { t } = useTranslation("plan");
  const { editable, provider, user, collapsed: folded, toggleCollapsed } = usePlanEditor();
  const collapsed = folded.has(commitment.id);
  const Chevron = collapsed ? ChevronRight : ChevronDown;
  const headingId = useId();
  const bodyId = useId();
  const datesErrorId = useId();
  const reportLocation = useReportLocation(commitment.id);

  // Re-render for the commitment's own values (dates, selects) and its checkboxes, not on typing.
  const valuesChanged = useCallback(
    (events: Y.YEvent<Y.AbstractType<unknown>>[]) =>
      events.some(
        (event) =>
          event.target === commitment.map ||
          (event instanceof Y.YMapEvent && event.keysChanged.has("checked")),
      ),
    [commitment.map],
  );
  useYObserve(commitment.map, valuesChanged);
  const title = useYTextValue(commitment.text("title")).trim();

  const policyOptions = useMemo(
    () => [
      { value: "", label: t("fields.policyAreaNone") },
      ...POLICY_AREAS.map((area) => ({ value: area, label: t(`policyAreas.${area}`) })),
    ],
    [t],
  );
  const sdgOptions = useMemo(
    () => [
      { value: "", label: t("fields.sdgNone") },
      ...Array.from({ length: SDG_COUNT }, (_, i) => ({
        value: String(i + 1),
        label: t("sdgs.option", { number: i + 1, name: t(`sdgs.${i + 1}` as "sdgs.1") }),
      })),
    ],
    [t],
  );

  const start = commitment.date("startDate");
  const end = commitment.date("endDate");
  const reversed = start !== "" && end !== "" && end < start;
  const rich = { provider, user, editable };
  const anchor = (field: string) => fieldAnchor(commitment.id, field);

  return (
    <section className="commitment" aria-labelledby={headingId} onFocus={reportLocation}>
      <div className="item-header">
        <h3 id={headingId} className="commitment-heading">
          <button
            type="button"
            aria-expanded={!collapsed}
            aria-controls={bodyId}
            onClick={() => toggleCollapsed(commitment.id)}
          >
            <Chevron aria-hidden="true" size={20} />
            {t("commitments.heading_titled", { number, title: title || t("commitments.untitled") })}
          </button>
        </h3>
        {editable && (
          <MoveButtons
            upLabel={t("commitments.moveUp", { number })}
            downLabel={t("commitments.moveDown", { number })}
            removeLabel={t("commitments.remove", { number })}
            isFirst={number === 1}
            isLast={isLast}
            onMove={onMove}
            onRemove={onRemove}
          />
        )}
      </div>
      <div id={bodyId} hidden={collapsed}>
        <p className="commitment-links">
          <Link to={`../votes?commitmentId=${encodeURIComponent(commitment.id)}`} relative="path">
            {t("commitments.votes", { number })}
          </Link>
        </p>
        <YTextField
          text={commitment.text("title")}
          anchor={anchor("title")}
          label={t("fields.title")}
          disabled={!editable}
        />
        <div className="field-row">
          <YTextField
            text={commitment.text("leadAgency")}
            anchor={anchor("leadAgency")}
            label={t("fields.leadAgency")}
            disabled={!editable}
          />
          <YTextField
            text={commitment.text("contactPerson")}
            anchor={anchor("contactPerson")}
            label={t("fields.contactPerson")}
            disabled={!editable}
          />
        </div>
        <div className="field-row">
          <DateField
            label={t("fields.startDate")}
            value={start}
            disabled={!editable}
            onChange={(value) => commitment.setDate("startDate", value)}
          />
          <DateField
            label={t("fields.endDate")}
            value={end}
            disabled={!editable}
            errorId={reversed ? datesErrorId : undefined}
            onChange={(value) => commitment.setDate("endDate", value)}
          />
        </div>
        {reversed && (
          <p className="field-warning" id={datesErrorId}>
            {t("fields.datesReversed")}
          </p>
        )}
        <RichTextField
          fragment={commitment.richText("problem")}
          anchor={anchor("problem")}
          label={t("fields.problem.label")}
          hint={t("fields.problem.hint")}
          {...rich}
        />
        <RichTextField
          fragment={commitment.richText("commitment")}
          anchor={anchor("commitment")}
          label={t("fields.commitment.label")}
          hint={t("fields.commitment.hint")}
          {...rich}
        />
        <RichTextField
          fragment={commitment.richText("contribution")}
          anchor={anchor("contribution")}
          label={t("fields.contribution.label")}
          hint={t("fields.contribution.hint")}
          {...rich}
        />
        <OgpValuesField commitment={commitment} />
        <MilestoneList commitment={commitment} />
        <fieldset className="other-actors">
          <legend>{t("fields.otherActors")}</legend>
          <YTextField
            text={commitment.text("governmentActors")}
            anchor={anchor("governmentActors")}
            label={t("fields.governmentActors")}
            multiline
            disabled={!editable}
          />
          <YTextField
            text={commitment.text("nonGovernmentActors")}
            anchor={anchor("nonGovernmentActors")}
            label={t("fields.nonGovernmentActors")}
            multiline
            disabled={!editable}
          />
        </fieldset>
        <div className="field-row">
          <ChoiceField
            label={t("fields.policyArea")}
            value={commitment.policyArea}
            options={policyOptions}
            disabled={!editable}
            onChange={(value) => {
              commitment.policyArea = value as PolicyArea | "";
            }}
          />
          <ChoiceField
            label={t("fields.sdg")}
            value={commitment.sdg === null ? "" : String(commitment.sdg)}
            options={sdgOptions}
            disabled={!editable}
            onChange={(value) => {
              commitment.sdg = value === "" ? null : Number(value);
            }}
          />
        </div>
        <YTextField
          text={commitment.text("budget")}
          anchor={anchor("budget")}
          label={t("fields.budget")}
          optional
          disabled={!editable}
        />
      </div>
    </section>
  );
}
