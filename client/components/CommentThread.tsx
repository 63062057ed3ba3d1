import type { ResolvedAnchor } from "@shared/commentAnchors";
import {
  RESPONSE_STATUSES,
  type ReasonedResponse,
  type ResponseStatus,
  type Thread,
  type ThreadComment,
} from "@shared/comments";
import { canEditPlan } from "@shared/roles";
import { type FormEvent, type ReactNode, type Ref, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { ConfirmDialog } from "~/components/ConfirmDialog";
import { ErrorAlert } from "~/components/ErrorAlert";
import { useFormatDate } from "~/hooks/useFormatDate";
import { useRequest } from "~/hooks/useRequest";
import { useSession } from "~/hooks/useSession";
import { useWorkspace } from "~/hooks/useWorkspace";

interface Props {
  thread: Thread;
  /** Where the thread points, in words (e.g. "On the vision"). */
  targetLabel: string;
  /** For text threads: the passage resolved in the live document (detached when its words are gone). */
  anchor: ResolvedAnchor | null;
  active: boolean;
  /** Selects the passage in the text; absent when the thread is not highlighted (withdrawn, hidden). */
  onShow?: () => void;
  onChanged(): void;
}

/** Sends a request, reports its failure, and tells the list to refresh once it succeeded. */
function useAction(onChanged: () => void) {
  const { error, busy, run: runRequest } = useRequest();
  const run = (request: () => Promise<unknown>): Promise<boolean> =>
    runRequest(async () => {
      await request();
      onChanged();
    });
  return { error, busy, run };
}

/** One thread: what it points at, its comments with their history, its reasoned responses. */
export function CommentThread({ thread, targetLabel, anchor, active, onShow, onChanged }: Props) {
  const { t } = useTranslation("comments");
  const { t: tc } = useTranslation();
  const { membership } = useWorkspace();
  const formatDate = useFormatDate();
  const headingId = useId();
  const path = `/api/workspaces/${encodeURIComponent(thread.workspaceId)}/threads/${thread.id}`;
  const latest = thread.responses.at(-1);
  const canComment = membership.role !== "viewer";
  const detached = anchor?.detached === true;
  const respondedBy = (response: ReasonedResponse) =>
    t("response.by", {
      name: response.author.name,
      sector: tc(`sectors.${response.author.sector}`),
      date: formatDate(response.createdAt),
    });

  return (
    <article
      className={`comment-thread${active ? " is-active" : ""}`}
      aria-labelledby={headingId}
      data-thread-id={thread.id}
      // Focused when its highlight in the text is opened.
      tabIndex={-1}
    >
      <header className="comment-thread-header">
        <h4 id={headingId}>{targetLabel}</h4>
        <span className="tag" data-response={thread.status}>
          {t(`status.${thread.status}`)}
        </span>
      </header>
      {thread.target.kind === "text" && (
        <>
          <blockquote className={`comment-quote${detached ? " is-detached" : ""}`}>
            {thread.target.quote}
          </blockquote>
          {detached ? (
            <p className="hint comment-detached">{t("target.detached")}</p>
          ) : (
            onShow && (
              <button type="button" className="link-button" onClick={onShow}>
                {t("showThread")}
              </button>
            )
          )}
        </>
      )}
      <ol className="comment-list">
        {thread.comments.map((comment) => (
          <li key={comment.id}>
            <CommentItem comment={comment} path={path} onChanged={onChanged} />
          </li>
        ))}
      </ol>
      {latest && (
        <section className="comment-response" aria-label={t("response.title")}>
          <p>
            <strong>{t(`status.${latest.status}`)}</strong>
            {" — "}
            {latest.reason}
          </p>
          <p className="hint">{respondedBy(latest)}</p>
          {thread.responses.length > 1 && (
            <details>
              <summary>{t("response.history")}</summary>
              <ol>
                {thread.responses.slice(0, -1).map((response) => (
                  <li key={response.id}>
                    <strong>{t(`status.${response.status}`)}</strong> — {response.reason}{" "}
                    <span className="hint">{respondedBy(response)}</span>
                  </li>
                ))}
              </ol>
            </details>
          )}
        </section>
      )}
      {canEditPlan(membership.role) && (
        <ResponseForm path={path} revising={latest !== undefined} onChanged={onChanged} />
      )}
      {canComment && <ReplyForm path={path} onChanged={onChanged} />}
    </article>
  );
}

function CommentItem({
  comment,
  path,
  onChanged,
}: {
  comment: ThreadComment;
  path: string;
  onChanged(): void;
}) {
  const { t } = useTranslation("comments");
  const { t: tc } = useTranslation();
  const { user } = useSession();
  const { membership } = useWorkspace();
  const formatDate = useFormatDate();
  const [mode, setMode] = useState<"view" | "edit" | "withdraw" | "hide">("view");
  const [draft, setDraft] = useState("");
  const { error, busy, run } = useAction(onChanged);
  const commentPath = `${path}/comments/${comment.id}`;
  const mine = comment.author.userId === user?.id;
  const standing = comment.withdrawnAt === null && comment.hidden === null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => api.patch(commentPath, { body: draft }))) setMode("view");
  };
  const hide = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => api.post(`${commentPath}/hide`, { reason: draft }))) setMode("view");
  };

  return (
    <div className="comment">
      <p className="comment-meta">
        <strong>
          {t("author", { name: comment.author.name, sector: tc(`sectors.${comment.author.sector}`) })}
        </strong>{" "}
        <span className="hint">
          {t("posted", { date: formatDate(comment.createdAt) })}
          {comment.editedAt && ` · ${t("edited")}`}
        </span>
      </p>
      {comment.withdrawnAt && <p className="hint">{t("withdrawn")}</p>}
      {comment.hidden && (
        <p className="hint">{t("hidden", { name: comment.hidden.byName, reason: comment.hidden.reason })}</p>
      )}
      {mode === "edit" ? (
        <TextForm
          label={t("actions.editLabel")}
          value={draft}
          onChange={setDraft}
          submitLabel={t("actions.save")}
          busy={busy}
          onSubmit={save}
          onCancel={() => setMode("view")}
        />
      ) : (
        // Plain text, rendered as a React text node: never parsed as HTML.
        comment.body !== null && (
          <p className={`comment-body${standing ? "" : " is-retracted"}`}>{comment.body}</p>
        )
      )}
      {comment.edits.length > 0 && (
        <details className="comment-history">
          <summary>{t("history", { count: comment.edits.length })}</summary>
          <ol>
            {comment.edits.map((edit) => (
              <li key={edit.editedAt}>
                <span className="hint">{t("historyItem", { date: formatDate(edit.editedAt) })}</span>{" "}
                <span className="comment-body">{edit.body}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
      {mode === "hide" && (
        <TextForm
          label={t("actions.hideReason")}
          value={draft}
          onChange={setDraft}
          submitLabel={t("actions.hideConfirm")}
          submitClassName="danger"
          busy={busy}
          onSubmit={hide}
          onCancel={() => setMode("view")}
        />
      )}
      {mode === "view" && standing && (mine || membership.role === "facilitator") && (
        <div className="actions comment-actions">
          {mine && membership.role !== "viewer" && (
            <>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setDraft(comment.body ?? "");
                  setMode("edit");
                }}
              >
                {t("actions.edit")}
              </button>
              <button type="button" className="secondary" onClick={() => setMode("withdraw")}>
                {t("actions.withdraw")}
              </button>
            </>
          )}
          {membership.role === "facilitator" && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setDraft("");
                setMode("hide");
              }}
            >
              {t("actions.hide")}
            </button>
          )}
        </div>
      )}
      {mode === "withdraw" && (
        <ConfirmDialog
          title={t("actions.withdrawTitle")}
          message={t("actions.withdrawMessage")}
          confirmLabel={t("actions.withdraw")}
          onConfirm={() => {
            setMode("view");
            void run(() => api.post(`${commentPath}/withdraw`));
          }}
          onCancel={() => setMode("view")}
        />
      )}
      <ErrorAlert error={error} />
    </div>
  );
}

function ReplyForm({ path, onChanged }: { path: string; onChanged(): void }) {
  const { t } = useTranslation("comments");
  const [body, setBody] = useState("");
  const [open, setOpen] = useState(false);
  const { error, busy, run } = useAction(onChanged);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // The reader just asked to reply: take them to the text box.
  useEffect(() => {
    if (open) textRef.current?.focus();
  }, [open]);
  if (!open)
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {t("actions.reply")}
      </button>
    );
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => api.post(`${path}/comments`, { body }))) {
      setBody("");
      setOpen(false);
    }
  };
  return (
    <TextForm
      label={t("actions.replyLabel")}
      value={body}
      onChange={setBody}
      textRef={textRef}
      alert={<ErrorAlert error={error} />}
      submitLabel={t("actions.send")}
      busy={busy}
      onSubmit={send}
      onCancel={() => setOpen(false)}
    />
  );
}

function ResponseForm({ path, revising, onChanged }: { path: string; revising: boolean; onChanged(): void }) {
  const { t } = useTranslation("comments");
  // Starts empty: nobody should send "Accepted" because it happened to be preselected.
  const [status, setStatus] = useState<ResponseStatus | "">("");
  const [reason, setReason] = useState("");
  const [open, setOpen] = useState(false);
  const { error, busy, run } = useAction(onChanged);
  const statusId = useId();
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {revising ? t("response.revise") : t("response.give")}
      </button>
    );
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => api.post(`${path}/responses`, { status, reason }))) {
      setReason("");
      setOpen(false);
    }
  };
  return (
    <TextForm
      className="stack comment-response-form"
      label={t("response.reason")}
      value={reason}
      onChange={setReason}
      alert={<ErrorAlert error={error} />}
      submitLabel={t("response.submit")}
      busy={busy}
      onSubmit={save}
      onCancel={() => setOpen(false)}
    >
      <label htmlFor={statusId}>{t("response.status")}</label>
      <select
        id={statusId}
        value={status}
        required
        onChange={(e) => setStatus(e.target.value as ResponseStatus | "")}
      >
        <option value="">{t("response.choose")}</option>
        {RESPONSE_STATUSES.map((option) => (
          <option key={option} value={option}>
            {t(`status.${option}`)}
          </option>
        ))}
      </select>
    </TextForm>
  );
}

interface TextFormProps {
  label: string;
  value: string;
  onChange(value: string): void;
  submitLabel: string;
  submitClassName?: string;
  busy: boolean;
  onSubmit(event: FormEvent): void;
  onCancel(): void;
  className?: string;
  textRef?: Ref<HTMLTextAreaElement>;
  /** Shown between the text box and the buttons. */
  alert?: ReactNode;
  /** Fields asked before the text box. */
  children?: ReactNode;
}

/** The plain-text form every thread action uses: a labelled text box, then send and cancel. */
function TextForm({
  label,
  value,
  onChange,
  submitLabel,
  submitClassName,
  busy,
  onSubmit,
  onCancel,
  className = "stack",
  textRef,
  alert,
  children,
}: TextFormProps) {
  const { t } = useTranslation("comments");
  const id = useId();
  return (
    <form onSubmit={onSubmit} className={className}>
      {children}
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        required
        maxLength={5000}
        ref={textRef}
        onChange={(e) => onChange(e.target.value)}
      />
      {alert}
      <div className="actions">
        <button type="submit" className={submitClassName} disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t("actions.cancel")}
        </button>
      </div>
    </form>
  );
}
