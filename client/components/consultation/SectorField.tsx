import { SECTORS } from "@shared/roles";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/Field";

/** A required choice of sector, with no sector chosen for the person beforehand. */
export function SectorField({ label, hint, choose }: { label: string; hint?: string; choose?: string }) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation("consultation");
  return (
    <SelectField
      name="sector"
      label={label}
      hint={hint}
      required
      defaultValue=""
      options={[
        { value: "", label: choose ?? tc("participation.choose") },
        ...SECTORS.map((sector) => ({ value: sector, label: t(`sectors.${sector}`) })),
      ]}
    />
  );
}
