import { LIMITS } from "@shared/limits";
import { useTranslation } from "react-i18next";
import { TextField } from "./Field";

/** The account's email address, as the sign-in and sign-up forms ask for it. */
export function EmailField() {
  const { t } = useTranslation("auth");
  return (
    <TextField
      name="email"
      type="email"
      label={t("email")}
      autoComplete="email"
      required
      maxLength={LIMITS.emailMaxLength}
    />
  );
}
