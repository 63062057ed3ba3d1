import { type FormEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { Field } from "~/components/Field";
import { AuthoredPlainText } from "~/reading/Authored";
import { useAuthorship } from "~/reading/authorship";
import { diffStrings, mapPosition, type TextDelta } from "./textDiff";
import { useYTextValue } from "./useYTextValue";

interface Props {
  text: Y.Text | null;
  label: string;
  hint?: string;
  optional?: boolean;
  multiline?: boolean;
  disabled: boolean;
  /** The field's element id, for links to it (see fieldAnchor). */
  anchor?: string;
}

/**
 * A plain input (or textarea) bound live to a Y.Text. Uncontrolled on purpose: a remote change is
 * written into the element synchronously, so the element never lags behind the Y.Text and each
 * input event diffs exactly what the person typed; their caret is moved past remote insertions.
 */
export function YTextField({ text, label, hint, optional, multiline, disabled, anchor }: Props) {
  const element = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  useEffect(() => {
    const input = element.current;
    if (!text || !input) return;
    input.value = text.toString();
    const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === input) return;
      const focused = document.activeElement === input;
      const start = input.selectionStart ?? 0;
      const end = input.selectionEnd ?? 0;
      input.value = text.toString();
      if (focused) {
        const delta = event.delta as TextDelta;
        input.setSelectionRange(mapPosition(delta, start), mapPosition(delta, end));
      }
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  const onInput = (event: FormEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const input = event.currentTarget;
    if (!text) return;
    const { index, remove, insert } = diffStrings(text.toString(), input.value);
    // The element is the origin, so its own observer skips the echo.
    text.doc?.transact(() => {
      if (remove > 0) text.delete(index, remove);
      if (insert) text.insert(index, insert);
    }, input);
  };

  const authorship = useAuthorship();
  return (
    <Field label={label} hint={hint} optional={optional} anchor={anchor}>
      {(control) => (
        <>
          {multiline ? (
            <textarea {...control} ref={element} rows={3} disabled={disabled || !text} onInput={onInput} />
          ) : (
            <input {...control} ref={element} type="text" disabled={disabled || !text} onInput={onInput} />
          )}
          {authorship && text && <WhoWroteIt text={text} />}
        </>
      )}
    </Field>
  );
}

/**
 * While "Show who wrote what" is on: the field's words again below it, in their writers' colours
 * (an input cannot colour its own text), following every change.
 */
function WhoWroteIt({ text }: { text: Y.Text }) {
  const { t } = useTranslation("plan");
  const value = useYTextValue(text);
  if (value.trim() === "") return null;
  return (
    <p className="who-wrote-it">
      <span className="who-wrote-it-label">{t("reading.authorship.whoWrote")}</span>{" "}
      <AuthoredPlainText text={text} />
    </p>
  );
}
