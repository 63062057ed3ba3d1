import type { ReactNode } from "react";
import { Button, Dialog, Modal, ModalOverlay } from "react-aria-components";
import { useTranslation } from "react-i18next";

interface Props {
  children: ReactNode;
  onClose(): void;
}

/**
 * One comment thread in a sheet from the bottom of a phone's screen: a modal dialog (React Aria:
 * focus kept inside, Escape or a tap outside closes, focus back where it was), so the text stays
 * in view above it.
 */
export function ThreadSheet({ children, onClose }: Props) {
  const { t } = useTranslation("comments");
  return (
    <ModalOverlay
      isOpen
      isDismissable
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      className="modal-overlay sheet-overlay"
    >
      <Modal className="thread-sheet">
        <Dialog className="thread-sheet-dialog" aria-label={t("sheet.label")}>
          <div className="thread-sheet-header">
            <Button className="button secondary" onPress={onClose}>
              {t("sheet.close")}
            </Button>
          </div>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
