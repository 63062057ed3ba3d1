import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  message: string;
  onUndo(): void;
  onDismiss(): void;
}

/**
 * "X removed. [Undo] [Dismiss]" after a removal (the caller announces the removal itself). Focus
 * moves to Undo: the button that removed the item is gone, and Undo is what one may want next.
 */
export function UndoBar({ message, onUndo, onDismiss }: Props) {
  const { t } = useTranslation("plan");
  const undo = useRef<HTMLButtonElement>(null);
  useEffect(() => undo.current?.focus(), []);
  return (
    <div className="undo-bar">
      <p>{message}</p>
      <div className="actions">
        <button type="button" ref={undo} onClick={onUndo}>
          {t("commitments.undo")}
        </button>
        <button type="button" className="secondary" onClick={onDismiss}>
          {t("commitments.dismiss")}
        </button>
      </div>
    </div>
  );
}
