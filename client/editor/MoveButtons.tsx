interface Props {
  upLabel: string;
  downLabel: string;
  removeLabel: string;
  isFirst: boolean;
  isLast: boolean;
  onMove(direction: -1 | 1): void;
  onRemove(): void;
}

/** Move up, move down and remove, as keyboard-reachable buttons (`data-move` lets focus follow a move). */
export function MoveButtons({ upLabel, downLabel, removeLabel, isFirst, isLast, onMove, onRemove }: Props) {
  return (
    <div className="item-actions">
      <button
        type="button"
        className="secondary icon"
        data-move="up"
        aria-label={upLabel}
        title={upLabel}
        disabled={isFirst}
        onClick={() => onMove(-1)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="secondary icon"
        data-move="down"
        aria-label={downLabel}
        title={downLabel}
        disabled={isLast}
        onClick={() => onMove(1)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        className="danger icon"
        aria-label={removeLabel}
        title={removeLabel}
        onClick={onRemove}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
