import { type AgendaItem, type BoardResponse, type Card, MEETING_LIMITS } from "@shared/meetings";
import { type FormEvent, type RefObject, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "~/api";
import { useApiGet } from "~/hooks/useApiGet";
import { ActionMenu } from "../ActionMenu";
import { ConfirmDialog } from "../ConfirmDialog";
import { ErrorAlert } from "../ErrorAlert";
import { TextField } from "../Field";
import { InlineEdit } from "../InlineEdit";
import { BoardCard } from "./BoardCard";
import { type BoardColumn, BoardColumns } from "./BoardColumns";
import { short } from "./short";
import "./Board.css";

interface Props {
  workspaceId: string;
  meetingId: string;
  item: AgendaItem;
  revision: number;
  canWrite: boolean;
  isFacilitator: boolean;
  /** Drafters and facilitators: they may turn a revealed card or a category into a commitment. */
  canEditPlan: boolean;
  ended: boolean;
}

/**
 * The guide's brainstorm: each person writes alone (their cards stay on the server, private to
 * them), the facilitator reveals the board, and everyone drags the cards into categories. Plan
 * writers can turn a revealed card or a whole category into a candidate commitment of the plan in
 * one step. Authors edit and delete their cards (facilitators too, once revealed); participants
 * rename and delete categories, whose cards go back to unsorted (so that needs no confirmation).
 */
export function BrainstormBoard({
  workspaceId,
  meetingId,
  item,
  revision,
  canWrite,
  isFacilitator,
  canEditPlan,
  ended,
}: Props) {
  const { t } = useTranslation("meetings");
  const base = `/api/workspaces/${encodeURIComponent(workspaceId)}/meetings/${encodeURIComponent(meetingId)}`;
  const {
    data,
    error: loadError,
    reload,
  } = useApiGet<BoardResponse>(`${base}/items/${encodeURIComponent(item.id)}/board`, revision);
  const [error, setError] = useState<unknown>(null);
  const [madeCommitment, setMadeCommitment] = useState(false);
  const [deleting, setDeleting] = useState<Card | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  // Where the focus goes once a deleted card or category (and its menu) leaves the page.
  const cardField = useRef<HTMLInputElement>(null);
  const categoryField = useRef<HTMLInputElement>(null);
  const writable = canWrite && !ended;

  const call = async (request: () => Promise<unknown>) => {
    try {
      await request();
      setError(null);
      reload();
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    }
  };
  const submitText = (path: string, field: "text" | "name") => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const value = String(new FormData(formElement).get(field) ?? "").trim();
    if (await call(() => api.post(`${base}/${path}`, { itemId: item.id, [field]: value })))
      formElement.reset();
  };
  const remove = async (path: string, focusAfter: RefObject<HTMLInputElement | null>) => {
    if (await call(() => api.delete(path))) focusAfter.current?.focus();
  };
  const cardPath = (card: Card) => `${base}/cards/${encodeURIComponent(card.id)}`;
  const categoryPath = (categoryId: string) => `${base}/categories/${encodeURIComponent(categoryId)}`;
  const makeCommitment = async (path: string) => {
    setMadeCommitment(false);
    if (await call(() => api.post(`${base}/${path}/commitment`))) setMadeCommitment(true);
  };

  if (!data) return <ErrorAlert error={loadError} />;

  const renderCard = (card: Card, focusHandle = false) => {
    const ownsCard = writable && (card.mine || (isFacilitator && card.revealed));
    return (
      <BoardCard
        key={card.id}
        card={card}
        draggable={writable && card.revealed}
        focusHandle={focusHandle}
        canEdit={ownsCard}
        canDelete={ownsCard}
        canMakeCommitment={canEditPlan && card.revealed}
        onSave={(text) => call(() => api.patch(cardPath(card), { text }))}
        onDelete={() => setDeleting(card)}
        onMakeCommitment={() => void makeCommitment(`cards/${encodeURIComponent(card.id)}`)}
      />
    );
  };

  const renderColumnActions = (column: BoardColumn) => {
    const { id, name } = column;
    if (id === null) return null;
    if (renaming === id)
      return (
        <InlineEdit
          fieldLabel={t("board.categoryName")}
          value={name}
          maxLength={MEETING_LIMITS.categoryMaxLength}
          onSave={(next) => call(() => api.patch(categoryPath(id), { name: next }))}
          onClose={() => setRenaming(null)}
        />
      );
    const actions = [
      ...(writable ? [{ id: "rename", label: t("board.rename"), onAction: () => setRenaming(id) }] : []),
      ...(canEditPlan
        ? [
            {
              id: "commitment",
              label: t("board.toCommitment"),
              onAction: () => void makeCommitment(`categories/${encodeURIComponent(id)}`),
            },
          ]
        : []),
      ...(writable
        ? [
            {
              id: "delete",
              label: t("board.deleteCategory"),
              danger: true,
              onAction: () => void remove(categoryPath(id), categoryField),
            },
          ]
        : []),
    ];
    return (
      actions.length > 0 && (
        <ActionMenu label={t("board.categoryActions", { name: short(name) })} actions={actions} />
      )
    );
  };

  const columns: BoardColumn[] = [{ id: null, name: t("board.uncategorised") }, ...data.categories];

  return (
    <div className="brainstorm-board">
      <p>{data.revealed ? t("board.revealed") : t("board.private")}</p>
      {data.revealed && writable && <p className="hint">{t("board.howToMove")}</p>}
      {!data.revealed && (
        <p data-testid="private-count">{t("board.privateCount", { count: data.privateCount })}</p>
      )}
      <ErrorAlert error={error ?? loadError} />
      {madeCommitment && (
        <p role="status">
          {t("board.commitmentMade")}{" "}
          <Link to={`/w/${encodeURIComponent(workspaceId)}/plan`}>{t("board.openPlan")}</Link>
        </p>
      )}
      {writable && (
        <AddForm
          onSubmit={submitText("cards", "text")}
          field={cardField}
          name="text"
          label={t("board.card")}
          maxLength={MEETING_LIMITS.cardMaxLength}
          submit={t("board.addCard")}
        />
      )}
      {isFacilitator && !ended && !data.revealed && (
        <button
          type="button"
          onClick={() => call(() => api.post(`${base}/items/${encodeURIComponent(item.id)}/reveal`))}
        >
          {t("board.reveal")}
        </button>
      )}
      {!data.revealed && data.cards.length > 0 && (
        <>
          <h4>{t("board.yourCards")}</h4>
          <ul className="card-list board-private">{data.cards.map((card) => renderCard(card))}</ul>
        </>
      )}
      {data.revealed && (
        <>
          {writable && (
            <AddForm
              onSubmit={submitText("categories", "name")}
              field={categoryField}
              name="name"
              label={t("board.category")}
              maxLength={MEETING_LIMITS.categoryMaxLength}
              submit={t("board.addCategory")}
              secondary
            />
          )}
          {data.cards.length === 0 ? (
            <p>{t("board.none")}</p>
          ) : (
            <BoardColumns
              columns={columns}
              cards={data.cards}
              writable={writable}
              renderCard={renderCard}
              renderActions={renderColumnActions}
              onMove={(cardId, categoryId) =>
                call(() => api.patch(`${base}/cards/${encodeURIComponent(cardId)}`, { categoryId }))
              }
            />
          )}
        </>
      )}
      {deleting && (
        <ConfirmDialog
          title={t("board.deleteCardTitle")}
          message={t("board.deleteCardMessage", { card: short(deleting.text) })}
          confirmLabel={t("board.delete")}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            setDeleting(null);
            void remove(cardPath(deleting), cardField);
          }}
        />
      )}
    </div>
  );
}

/** One field and its button: a new card, or a new category (secondary: cards come first). */
function AddForm({
  onSubmit,
  field,
  name,
  label,
  maxLength,
  submit,
  secondary = false,
}: {
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  field: RefObject<HTMLInputElement | null>;
  name: string;
  label: string;
  maxLength: number;
  submit: string;
  secondary?: boolean;
}) {
  return (
    <form onSubmit={onSubmit} className="board-add">
      <TextField ref={field} name={name} label={label} required maxLength={maxLength} />
      <button type="submit" className={secondary ? "secondary" : undefined}>
        {submit}
      </button>
    </form>
  );
}
