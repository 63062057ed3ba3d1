import { useDraggable } from "@dnd-kit/core";
import { type Card, MEETING_LIMITS } from "@shared/meetings";
import { GripVertical } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ActionMenu, type MenuAction } from "../ActionMenu";
import { InlineEdit } from "../InlineEdit";
import { short } from "./short";

interface Props {
  card: Card;
  /** May be dragged into a category (revealed, and the reader may write). */
  draggable: boolean;
  /** Set right after a keyboard drop moved this card to another column: the handle takes the focus back. */
  focusHandle: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canMakeCommitment: boolean;
  onSave(text: string): Promise<boolean>;
  onDelete(): void;
  onMakeCommitment(): void;
}

/**
 * One sticky note: the text, a grip to drag it by (pointer, touch, or Space and the arrows) and
 * its actions in a menu, so the card stays small enough for a wall of them.
 */
export function BoardCard({
  card,
  draggable,
  focusHandle,
  canEdit,
  canDelete,
  canMakeCommitment,
  onSave,
  onDelete,
  onMakeCommitment,
}: Props) {
  const { t } = useTranslation("meetings");
  const [editing, setEditing] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: card.id,
    disabled: !draggable,
    attributes: { roleDescription: t("board.drag.roleDescription") },
  });
  const handle = useRef<HTMLButtonElement | null>(null);

  const wasEditing = useRef(false);

  useEffect(() => {
    if (focusHandle) handle.current?.focus();
  }, [focusHandle]);
  // Saved or cancelled: back to the menu that opened the form, once it is on the page again.
  useEffect(() => {
    if (wasEditing.current && !editing) menuButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const actions: MenuAction[] = [
    ...(canEdit ? [{ id: "edit", label: t("board.edit"), onAction: () => setEditing(true) }] : []),
    ...(canMakeCommitment
      ? [{ id: "commitment", label: t("board.toCommitment"), onAction: onMakeCommitment }]
      : []),
    ...(canDelete ? [{ id: "delete", label: t("board.delete"), danger: true, onAction: onDelete }] : []),
  ];

  return (
    <li
      ref={setNodeRef}
      className="board-card"
      data-testid="brainstorm-card"
      data-dragging={isDragging ? "" : undefined}
    >
      {draggable && (
        <button
          type="button"
          ref={(node) => {
            handle.current = node;
            setActivatorNodeRef(node);
          }}
          className="icon-button drag-handle"
          aria-label={t("board.drag.handle", { card: short(card.text) })}
          {...attributes}
          {...listeners}
        >
          <GripVertical aria-hidden="true" size={18} />
        </button>
      )}
      {editing ? (
        <InlineEdit
          fieldLabel={t("board.cardText")}
          value={card.text}
          maxLength={MEETING_LIMITS.cardMaxLength}
          onSave={onSave}
          onClose={() => setEditing(false)}
        />
      ) : (
        <p className="board-card-text">{card.text}</p>
      )}
      {card.mine && <span className="board-card-mine">{t("board.mine")}</span>}
      {actions.length > 0 && !editing && (
        <span className="board-card-menu">
          <ActionMenu
            label={t("board.cardActions", { card: short(card.text) })}
            actions={actions}
            triggerRef={menuButton}
          />
        </span>
      )}
    </li>
  );
}

/** What follows the pointer (or the keyboard) while a card is held: the note itself, lifted. */
export function CardPreview({ text }: { text: string }) {
  return (
    <div className="board-card board-card-preview">
      <span className="icon-button drag-handle" aria-hidden="true">
        <GripVertical size={18} />
      </span>
      <p className="board-card-text">{text}</p>
    </div>
  );
}
