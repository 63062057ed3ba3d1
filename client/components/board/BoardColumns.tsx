import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import type { Card } from "@shared/meetings";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { CardPreview } from "./BoardCard";
import { centreWithin, columnCoordinates } from "./columnKeyboard";
import { short } from "./short";

export interface BoardColumn {
  /** null: the cards not in any category yet. */
  id: string | null;
  name: string;
}

/** dnd-kit needs an id for the "not in a category" column; category ids are UUIDs, so no clash. */
const NONE = "none";
const toDroppable = (id: string | null): string => id ?? NONE;
const NOTHING_DROPPED: ReadonlyMap<string, string | null> = new Map();
const fromDroppable = (id: UniqueIdentifier): string | null => (id === NONE ? null : String(id));

interface Props {
  columns: BoardColumn[];
  cards: Card[];
  writable: boolean;
  renderCard(card: Card, focusHandle: boolean): ReactNode;
  /** The column's menu (rename, delete, …), or nothing. */
  renderActions(column: BoardColumn): ReactNode;
  /** Resolves false when the server refused: the card goes back where it was. */
  onMove(cardId: string, categoryId: string | null): Promise<boolean>;
}

/**
 * The revealed board: columns that wrap, cards dragged between them with dnd-kit (pointer, touch,
 * or the keyboard: Space on a card's grip, arrows to step through the columns, Space to drop),
 * announced to screen readers in the reader's language. A dropped card shows in its new column at
 * once; the server's answer then confirms it (or puts it back).
 */
export function BoardColumns({ columns, cards, writable, renderCard, renderActions, onMove }: Props) {
  const { t } = useTranslation("meetings");
  // Where cards were dropped, until the server's next board (a new `cards` array) says where they are.
  const [dropped, setDropped] = useState<{ of: Card[]; placed: ReadonlyMap<string, string | null> }>({
    of: cards,
    placed: new Map(),
  });
  const placed = dropped.of === cards ? dropped.placed : NOTHING_DROPPED;
  const [held, setHeld] = useState<Card | null>(null);
  const [focusCard, setFocusCard] = useState<string | null>(null);
  const sensors = useSensors(
    // A few px of movement before a drag starts, so a tap on the grip is not a drag.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );

  const columnOf = (card: Card) => (placed.has(card.id) ? (placed.get(card.id) ?? null) : card.categoryId);
  const cardText = (id: UniqueIdentifier) => short(cards.find((card) => card.id === id)?.text ?? "");
  const columnName = (id: UniqueIdentifier | undefined) =>
    columns.find((column) => id !== undefined && toDroppable(column.id) === id)?.name ?? "";
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("board.drag.picked", { card: cardText(active.id) }),
    onDragOver: ({ active, over }) =>
      over
        ? t("board.drag.over", { card: cardText(active.id), column: columnName(over.id) })
        : t("board.drag.overNone", { card: cardText(active.id) }),
    onDragEnd: ({ active, over }) =>
      over
        ? t("board.drag.dropped", { card: cardText(active.id), column: columnName(over.id) })
        : t("board.drag.cancelled", { card: cardText(active.id) }),
    onDragCancel: ({ active }) => t("board.drag.cancelled", { card: cardText(active.id) }),
  };

  const drop = async ({ active, over, activatorEvent }: DragEndEvent) => {
    setHeld(null);
    const card = cards.find((c) => c.id === active.id);
    if (!card || !over) return;
    const target = fromDroppable(over.id);
    if (target === columnOf(card)) return;
    setDropped({ of: cards, placed: new Map(placed).set(card.id, target) });
    // Moved from the keyboard: the card's grip is re-created in its new column; give it the focus.
    if (activatorEvent instanceof KeyboardEvent) setFocusCard(card.id);
    if (!(await onMove(card.id, target))) setDropped({ of: cards, placed: new Map() });
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={centreWithin}
      accessibility={{ announcements, screenReaderInstructions: { draggable: t("board.drag.instructions") } }}
      onDragStart={({ active }) => {
        setFocusCard(null);
        setHeld(cards.find((card) => card.id === active.id) ?? null);
      }}
      onDragCancel={() => setHeld(null)}
      onDragEnd={(event) => void drop(event)}
    >
      <div className="board-columns">
        {columns.map((column) => {
          const inColumn = cards.filter((card) => columnOf(card) === column.id);
          return (
            <DropColumn key={toDroppable(column.id)} column={column} actions={renderActions(column)}>
              {inColumn.length === 0 && writable && <li className="board-empty">{t("board.dropHere")}</li>}
              {inColumn.map((card) => renderCard(card, focusCard === card.id))}
            </DropColumn>
          );
        })}
      </div>
      <DragOverlay dropAnimation={null}>{held && <CardPreview text={held.text} />}</DragOverlay>
    </DndContext>
  );
}

function DropColumn({
  column,
  actions,
  children,
}: {
  column: BoardColumn;
  actions: ReactNode;
  children: ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: toDroppable(column.id) });
  return (
    <section
      ref={setNodeRef}
      className="board-column"
      data-over={isOver ? "" : undefined}
      data-uncategorised={column.id === null ? "" : undefined}
      aria-label={column.name}
    >
      <div className="board-column-head">
        <h4>{column.name}</h4>
        {actions}
      </div>
      <ul className="card-list">{children}</ul>
    </section>
  );
}
