import { type ReactNode, useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  title: string;
  message: string;
  confirmLabel: string;
  /** The cancel button's label; "Cancel" by default. */
  cancelLabel?: string;
  /** Further choices, shown between cancelling and confirming. */
  children?: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal question (native <dialog>: focus is trapped inside; Escape cancels; focus returns to
 * the button that opened it). Rendered only while the question is open.
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel,
  children,
  onConfirm,
  onCancel,
}: Props) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    const element = dialog.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element?.showModal();
    return () => {
      element?.close();
      // The dialog is already out of the DOM here, so the browser cannot restore focus itself.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={messageId}>{message}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {cancelLabel ?? t("dialog.cancel")}
        </button>
        {children}
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
