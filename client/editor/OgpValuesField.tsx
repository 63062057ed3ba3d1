import { fieldAnchor } from "@shared/freeze";
import { type Commitment, OGP_VALUES, relevantValues } from "@shared/plan";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { usePlanEditor } from "./PlanEditorContext";
import { YTextField } from "./YTextField";

/**
 * The five OGP values, each a checkbox with its justification. The caller re-renders this when a
 * checkbox changes (it observes the commitment).
 */
export function OgpValuesField({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation("plan");
  const { editable } = usePlanEditor();
  const hintId = useId();
  const warningId = useId();
  const { notCounted } = relevantValues(commitment.checkedValues());
  return (
    <fieldset className="ogp-values" aria-describedby={hintId} id={fieldAnchor(commitment.id, "ogpValues")}>
      <legend>{t("ogp.legend")}</legend>
      <p className="hint" id={hintId}>
        {t("ogp.hint")}
      </p>
      {OGP_VALUES.map((value) => {
        const checked = commitment.isChecked(value);
        const label = t(`ogp.values.${value}`);
        return (
          <div key={value} className="ogp-value" id={fieldAnchor(commitment.id, `ogpValues.${value}`)}>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={checked}
                disabled={!editable}
                aria-describedby={notCounted.includes(value) ? warningId : undefined}
                onChange={(event) => commitment.setChecked(value, event.target.checked)}
              />
              {label}
            </label>
            {checked && (
              <YTextField
                text={commitment.justification(value)}
                label={t("ogp.justification", { value: label })}
                multiline
                disabled={!editable}
              />
            )}
          </div>
        );
      })}
      {notCounted.length > 0 && (
        <p className="field-warning" id={warningId}>
          {t("ogp.notCounted")}
        </p>
      )}
    </fieldset>
  );
}
