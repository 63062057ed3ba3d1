import { type AgendaItem, type BoardResponse, type Card, MEETING_LIMITS } from "@shared/meetings";
import { type DragEvent, type FormEvent, type RefObject, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "~/api";
import { useApiGet } from "~/hooks/useApiGet";
import { ConfirmDialog } from "./ConfirmDialog";
import { ErrorAlert } from "./ErrorAlert";
import { TextField } from "./Field";
import { InlineEdit, type InlineEditProps } from "./InlineEdit";

/** Card and category names in button labels: enough to tell them apart. */
const short = (text: string): string => text.slice(0, 40);

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
 * them), the facilitator reveals the board, and everyone sorts the cards into categories, by
 * dragging or with each card's "move to" select (the keyboard way). Plan writers can turn a
 * revealed card or a whole category into a candidate commitment of the plan in one step.
 * Authors edit and delete their cards (facilitators too, once revealed); participants rename and
 * delete categories, whose cards go back to unsorted (so that needs no confirmation).
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
  // Where the focus goes once a deleted card or category (and its Delete button) leaves the page.
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
  const move = (cardId: string, categoryId: string | null) =>
    call(() => api.patch(`${base}/cards/${encodeURIComponent(cardId)}`, { categoryId }));
  const makeCommitment = async (path: string) => {
    setMadeCommitment(false);
    if (await call(() => api.post(`${base}/${path}/commitment`))) setMadeCommitment(true);
  };
  const commitmentButton = (path: string, name: string) =>
    canEditPlan && (
      <button
        type="button"
        className="secondary"
        aria-label={t("board.toCommitmentOf", { name: short(name) })}
        onClick={() => void makeCommitment(path)}
      >
        {t("board.toCommitment")}
      </button>
    );

  if (!data) return <ErrorAlert error={loadError} />;
  const columns: { id: string | null; name: string }[] = data.revealed
    ? [{ id: null, name: t("board.uncategorised") }, ...data.categories]
    : [];

  /** Edit (inline) and Delete buttons for a card or a category. */
  const editAndDelete = (edit: InlineEditProps, deleteLabel: string, onDelete: () => void) => (
    <span className="button-row">
      <InlineEdit {...edit} />
      <button type="button" className="secondary" aria-label={deleteLabel} onClick={onDelete}>
        {t("board.delete")}
      </button>
    </span>
  );
  const cardControls = (card: Card) =>
    writable &&
    (card.mine || (isFacilitator && card.revealed)) &&
    editAndDelete(
      {
        buttonLabel: t("board.editCardOf", { card: short(card.text) }),
        fieldLabel: t("board.cardText"),
        value: card.text,
        maxLength: MEETING_LIMITS.cardMaxLength,
        onSave: (text) => call(() => api.patch(cardPath(card), { text })),
      },
      t("board.deleteCardOf", { card: short(card.text) }),
      () => setDeleting(card),
    );
  const categoryControls = (category: { id: string; name: string }) =>
    writable &&
    editAndDelete(
      {
        buttonLabel: t("board.renameCategoryOf", { name: short(category.name) }),
        fieldLabel: t("board.categoryName"),
        value: category.name,
        maxLength: MEETING_LIMITS.categoryMaxLength,
        onSave: (name) => call(() => api.patch(categoryPath(category.id), { name })),
      },
      t("board.deleteCategoryOf", { name: short(category.name) }),
      () => void remove(categoryPath(category.id), categoryField),
    );

  const renderCard = (card: Card) => (
    <li
      key={card.id}
      className="brainstorm-card"
      data-testid="brainstorm-card"
      draggable={writable && card.revealed}
      onDragStart={(event: DragEvent) => event.dataTransfer.setData("text/plain", card.id)}
    >
      <p>{card.text}</p>
      {card.mine && <span className="meta">{t("board.mine")}</span>}
      {cardControls(card)}
      {card.revealed && commitmentButton(`cards/${encodeURIComponent(card.id)}`, card.text)}
      {writable && card.revealed && data.categories.length > 0 && (
        <label>
          {t("board.moveTo", { card: short(card.text) })}{" "}
          <select
            value={card.categoryId ?? ""}
            onChange={(event) => move(card.id, event.target.value || null)}
          >
            <option value="">{t("board.uncategorised")}</option>
            {data.categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </li>
  );

  return (
    <div className="brainstorm-board">
      <p>{data.revealed ? t("board.revealed") : t("board.private")}</p>
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
        <form onSubmit={submitText("cards", "text")} className="inline-form">
          <TextField
            ref={cardField}
            name="text"
            label={t("board.card")}
            required
            maxLength={MEETING_LIMITS.cardMaxLength}
          />
          <button type="submit">{t("board.addCard")}</button>
        </form>
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
          <ul className="card-list">{data.cards.map(renderCard)}</ul>
        </>
      )}
      {data.revealed && (
        <>
          {writable && (
            <form onSubmit={submitText("categories", "name")} className="inline-form">
              <TextField
                ref={categoryField}
                name="name"
                label={t("board.category")}
                required
                maxLength={MEETING_LIMITS.categoryMaxLength}
              />
              <button type="submit">{t("board.addCategory")}</button>
            </form>
          )}
          <div className="board-columns">
            {columns.map((column) => (
              <section
                key={column.id ?? "none"}
                className="board-column"
                aria-label={column.name}
                onDragOver={(event) => writable && event.preventDefault()}
                onDrop={(event) => {
                  event.preventDefault();
                  const cardId = event.dataTransfer.getData("text/plain");
                  if (cardId) void move(cardId, column.id);
                }}
              >
                <h4>{column.name}</h4>
                {column.id !== null && (
                  <>
                    {categoryControls({ id: column.id, name: column.name })}
                    {commitmentButton(`categories/${encodeURIComponent(column.id)}`, column.name)}
                  </>
                )}
                <ul className="card-list">
                  {data.cards.filter((card) => card.categoryId === column.id).map(renderCard)}
                </ul>
              </section>
            ))}
          </div>
          {data.cards.length === 0 && <p>{t("board.none")}</p>}
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
