import type { ChangeEvent } from "react";
import { Field, type Option } from "~/components/Field";

interface DateProps {
  label: string;
  value: string;
  onChange(value: string): void;
  disabled: boolean;
  /** Id of a message about this field (e.g. "end before start"). */
  errorId?: string;
}

/** A date bound to a plan value (yyyy-mm-dd or ""); the last person to pick one wins. */
export function DateField({ label, value, onChange, disabled, errorId }: DateProps) {
  return (
    <Field label={label}>
      {(control) => (
        <input
          {...control}
          type="date"
          value={value}
          disabled={disabled}
          aria-describedby={errorId}
          aria-invalid={errorId ? true : undefined}
          onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

interface SelectProps {
  label: string;
  value: string;
  options: readonly Option[];
  onChange(value: string): void;
  disabled: boolean;
}

/** A select bound to a plan value; the first option is "none" (value ""). */
export function ChoiceField({ label, value, options, onChange, disabled }: SelectProps) {
  return (
    <Field label={label} optional>
      {(control) => (
        <select
          {...control}
          value={value}
          disabled={disabled}
          onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.target.value)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
