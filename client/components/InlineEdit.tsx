import { type FormEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "./Field";

export interface InlineEditProps {
  fieldLabel: string;
  value: string;
  maxLength: number;
  /** Resolves true when saved: the form closes; false keeps it open (the caller shows the error). */
  onSave(value: string): Promise<boolean>;
  /** Saved or cancelled: the caller shows the text again and puts the focus back where it was. */
  onClose(): void;
}

/**
 * A one-field form shown in place of the text it edits (opened from an "Edit" menu item). The
 * field takes the focus; Enter saves; Escape or Cancel close it.
 */
export function InlineEdit({ fieldLabel, value, maxLength, onSave, onClose }: InlineEditProps) {
  const { t } = useTranslation("meetings");
  const { t: tc } = useTranslation();
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    field.current?.focus();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get("value") ?? "").trim();
    if (await onSave(next)) onClose();
  };

  return (
    <form
      className="inline-form"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
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
      <span className="button-row">
        <button type="submit">{t("board.save")}</button>
        <button type="button" className="secondary" onClick={onClose}>
          {tc("dialog.cancel")}
        </button>
      </span>
    </form>
  );
}
