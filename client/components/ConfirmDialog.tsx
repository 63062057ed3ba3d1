import { AlertTriangle } from "lucide-react";
import type { ReactNode } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";

interface Props {
  title: string;
  /** What will happen, in plain words: the person decides on this sentence. */
  message: ReactNode;
  confirmLabel: string;
  /** The cancel button's label; "Cancel" by default. */
  cancelLabel?: string;
  /** "danger" (the default) for what cannot be undone: red, with a warning icon; "primary" otherwise. */
  tone?: "danger" | "primary";
  /** Further choices, shown between cancelling and confirming. */
  children?: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal question (React Aria: focus is contained, Escape cancels, focus returns to the button
 * that opened it, the page behind is inert). Rendered only while the question is open. Cancelling
 * comes first and takes the focus, so Enter never confirms an irreversible step by accident.
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel,
  tone = "danger",
  children,
  onConfirm,
  onCancel,
}: Props) {
  const { t } = useTranslation();
  return (
    <ModalOverlay
      isOpen
      isDismissable={false}
      onOpenChange={(open) => {
        if (!open) onCancel();
      }}
      className="modal-overlay"
    >
      <Modal className="modal">
        <Dialog className="confirm-dialog" data-tone={tone}>
          <Heading slot="title" className="dialog-title">
            {tone === "danger" && <AlertTriangle aria-hidden="true" className="dialog-icon" size={22} />}
            {title}
          </Heading>
          <div className="dialog-message">{message}</div>
          <div className="actions dialog-actions">
            <Button className="button secondary" onPress={onCancel} autoFocus>
              {cancelLabel ?? t("dialog.cancel")}
            </Button>
            {children}
            <Button
              className={`button ${tone === "danger" ? "danger-solid" : "primary"}`}
              onPress={onConfirm}
            >
              {confirmLabel}
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
