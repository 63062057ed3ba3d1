import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "./Field";

interface Props {
  /** The form field's name: "password" unless a form has two (a password change). */
  name?: string;
  label: string;
  autoComplete: "current-password" | "new-password";
  minLength?: number;
  maxLength: number;
  hint?: string;
  /** What is wrong with it, shown at the field. */
  error?: string | null;
}

/** A password input with a "show password" toggle (typing on a phone keyboard is error-prone). */
export function PasswordField({
  name = "password",
  label,
  autoComplete,
  minLength,
  maxLength,
  hint,
  error,
}: Props) {
  const { t } = useTranslation("auth");
  const [visible, setVisible] = useState(false);
  return (
    <div className="password-field">
      <TextField
        name={name}
        error={error}
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
