import { type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, useId } from "react";
import { useTranslation } from "react-i18next";

interface FieldProps {
  label: string;
  hint?: string;
  /** Marks the label "(optional)": most forms here have more required fields than optional ones. */
  optional?: boolean;
  /** The id of the field as a whole (label, hint and control), for links to it. */
  anchor?: string;
  /** What is wrong with the value, shown at the field (GOV.UK style) and tied to the control. */
  error?: string | null;
  children(control: { id: string; "aria-describedby"?: string; "aria-invalid"?: true }): ReactNode;
}

/**
 * A label, an optional hint and error tied to the control with aria-describedby, and the
 * control itself.
 */
export function Field({ label, hint, optional, anchor, error, children }: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field" id={anchor} data-invalid={error ? "" : undefined}>
      <label htmlFor={id}>
        {label}
        {optional && <span className="optional"> {t("form.optional")}</span>}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {children({ id, "aria-describedby": describedBy, ...(error ? { "aria-invalid": true as const } : {}) })}
    </div>
  );
}

type TextFieldProps = Omit<FieldProps, "children"> &
  InputHTMLAttributes<HTMLInputElement> & { name: string; ref?: Ref<HTMLInputElement> };

export function TextField({ label, hint, optional, error, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} optional={optional} error={error}>
      {(control) => <input {...control} {...input} />}
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
  lang?: string;
}

type SelectFieldProps = Omit<FieldProps, "children"> &
  SelectHTMLAttributes<HTMLSelectElement> & { name: string; options: readonly Option[] };

export function SelectField({ label, hint, optional, options, ...select }: SelectFieldProps) {
  return (
    <Field label={label} hint={hint} optional={optional}>
      {(control) => (
        <select {...control} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
