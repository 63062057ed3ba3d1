import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "./Field";

export interface InlineEditProps {
  /** The button's accessible name, naming what it edits. */
  buttonLabel: string;
  fieldLabel: string;
  value: string;
  maxLength: number;
  /** Resolves true when saved: the form closes; false keeps it open (the caller shows the error). */
  onSave(value: string): Promise<boolean>;
}

/**
 * An "Edit" button that becomes a one-field form in place. The field takes the focus when it
 * opens; Escape or Cancel close it, and the focus goes back to the button.
 */
export function InlineEdit({ buttonLabel, fieldLabel, value, maxLength, onSave }: InlineEditProps) {
  const { t } = useTranslation("meetings");
  const { t: tc } = useTranslation();
  const [editing, setEditing] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);

  useEffect(() => {
    if (editing) field.current?.focus();
    else if (opened.current) button.current?.focus();
    opened.current = editing;
  }, [editing]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get("value") ?? "").trim();
    if (await onSave(next)) setEditing(false);
  };

  if (!editing) {
    return (
      <button
        ref={button}
        type="button"
        className="secondary"
        aria-label={buttonLabel}
        onClick={() => setEditing(true)}
      >
        {t("board.edit")}
      </button>
    );
  }
  return (
    <form
      className="inline-form"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") setEditing(false);
      }}
    >
      <TextField
        ref={field}
        name="value"
        label={fieldLabel}
        defaultValue={value}
        required
        maxLength={maxLength}
      />
      <button type="submit">{t("board.save")}</button>{" "}
      <button type="button" className="secondary" onClick={() => setEditing(false)}>
        {tc("dialog.cancel")}
      </button>
    </form>
  );
}
