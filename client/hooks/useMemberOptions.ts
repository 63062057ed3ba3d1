import { ROLES, SECTORS } from "@shared/roles";
import { useTranslation } from "react-i18next";
import type { Option } from "~/components/Field";

/** Translated choices for the role and sector selects. */
export function useMemberOptions(): { roleOptions: Option[]; sectorOptions: Option[] } {
  const { t } = useTranslation();
  return {
    roleOptions: ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) })),
    sectorOptions: SECTORS.map((sector) => ({ value: sector, label: t(`sectors.${sector}`) })),
  };
}
