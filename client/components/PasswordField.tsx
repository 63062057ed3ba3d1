import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "./Field";

interface Props {
  label: string;
  autoComplete: "current-password" | "new-password";
  minLength?: number;
  maxLength: number;
  hint?: string;
}

/** A password input with a "show password" toggle (typing on a phone keyboard is error-prone). */
export function PasswordField({ label, autoComplete, minLength, maxLength, hint }: Props) {
  const { t } = useTranslation("auth");
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-field">
      <TextField
        name="password"
        type={visible ? "text" : "password"}
        label={label}
        hint={hint}
        autoComplete={autoComplete}
        required
        minLength={minLength}
        maxLength={maxLength}
      />
      <label className="checkbox">
        <input type="checkbox" checked={visible} onChange={(event) => setVisible(event.target.checked)} />
        {t("showPassword")}
      </label>
    </div>
  );
}
