import { useTranslation } from "react-i18next";

interface Props {
  message: string;
  onUndo(): void;
  onDismiss(): void;
}

/** "X removed. [Undo] [Dismiss]" after a removal (the caller announces the removal itself). */
export function UndoBar({ message, onUndo, onDismiss }: Props) {
  const { t } = useTranslation("plan");
  return (
    <div className="undo-bar">
      <p>{message}</p>
      <div className="actions">
        <button type="button" onClick={onUndo}>
          {t("commitments.undo")}
        </button>
        <button type="button" className="secondary" onClick={onDismiss}>
          {t("commitments.dismiss")}
        </button>
      </div>
    </div>
  );
}
