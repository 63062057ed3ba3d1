import type { SignOffRules, SignOffState } from "@shared/signOff";
import { useTranslation } from "react-i18next";

/** The forum's sign-off rules in plain words (public page, versions page). */
export function SignOffRulesView({ rules }: { rules: SignOffRules }) {
  const { t } = useTranslation("public");
  const { t: tc } = useTranslation();
  return (
    <ul data-testid="signoff-rules">
      <li>
        {t("rules.nonGovernmental", {
          sectors: rules.nonGovernmentalSectors.map((s) => tc(`sectors.${s}`)).join(", "),
        })}
      </li>
      <li>{t("rules.government", { count: rules.governmentSignatures })}</li>
      <li>{t("rules.nonGovernmentalNeeded", { count: rules.nonGovernmentalSignatures })}</li>
      <li>{t(rules.declineBlocks ? "rules.declineBlocks" : "rules.declineRecorded")}</li>
    </ul>
  );
}

/** How far a proposal's sign-off has come under its frozen rules, and whether a decline blocks it. */
export function SignOffProgress({ signOff }: { signOff: SignOffState }) {
  const { t } = useTranslation("public");
  if (signOff.blocked) {
    return (
      <p className="alert" role="status">
        {t("rules.blocked")}
      </p>
    );
  }
  return (
    <p>
      {t("rules.progress", {
        governmentSigned: signOff.government.signed,
        governmentNeeded: signOff.government.needed,
        nonGovernmentalSigned: signOff.nonGovernmental.signed,
        nonGovernmentalNeeded: signOff.nonGovernmental.needed,
      })}
    </p>
  );
}
