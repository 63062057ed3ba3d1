import { type ResolvedAnchor, resolveAnchor } from "@shared/commentAnchors";
import {
  type CommentSummaryResponse,
  RESPONSE_STATUSES,
  type Thread,
  type ThreadsResponse,
} from "@shared/comments";
import { SECTORS } from "@shared/roles";
import { MessagesSquare, SlidersHorizontal } from "lucide-react";
import {
  type FormEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { Button, Disclosure, DisclosurePanel } from "react-aria-components";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { api } from "~/api";
import { CommentThread } from "~/components/CommentThread";
import { ErrorAlert } from "~/components/ErrorAlert";
import { MarginThreads } from "~/components/MarginThreads";
import { SelectionCommentBar } from "~/components/SelectionCommentBar";
import { ThreadSheet } from "~/components/ThreadSheet";
import { COMMENT_SHORTCUT, commentHighlightsFor } from "~/editor/commentHighlightsStore";
import { useCommitmentOrder } from "~/editor/useCommitmentOrder";
import { useApiGet } from "~/hooks/useApiGet";
import { useRequest } from "~/hooks/useRequest";
import { useWorkspace } from "~/hooks/useWorkspace";
import { useMediaQuery } from "~/reading/useMediaQuery";
import { shortcutKeys } from "~/shortcutKeys";
import "./Comments.css";

/**
 * Re-renders on every change of the plan document (coalesced to one per frame while typing) while
 * `active`; not at all otherwise (with no passage to follow, the text's changes change nothing here).
 */
function useDocVersion(doc: Y.Doc, active: boolean): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!active) return;
    let frame = 0;
    const bump = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion((n) => n + 1);
      });
    };
    doc.on("update", bump);
    return () => {
      doc.off("update", bump);
      cancelAnimationFrame(frame);
    };
  }, [doc, active]);
  return version;
}

/** The median response time in the reader's words: minutes, hours or days. */
function useDuration(): (ms: number) => string {
  const { i18n } = useTranslation();
  return (ms) => {
    const minutes = ms / 60_000;
    const [value, unit] =
      minutes < 90
        ? [minutes, "minute"]
        : minutes < 36 * 60
          ? [minutes / 60, "hour"]
          : [minutes / 1440, "day"];
    return new Intl.NumberFormat(i18n.resolvedLanguage, {
      style: "unit",
      unit: unit as "minute",
      unitDisplay: "long",
      maximumFractionDigits: 0,
    }).format(Math.max(1, value));
  };
}

/**
 * The plan's comment threads in a drawer (a bottom sheet on phones): counts, filters, a new
 * comment on the selected passage, a commitment or the plan, and each thread with its responses.
 * Feeds the editors' highlights; detachment is computed here, from the live document.
 */
export function CommentsPanel(props: Props) {
  // Loading this namespace must not suspend the plan page: a suspended, already shown editor
  // would be torn down and lose its view. The drawer appears once its words have arrived.
  const { ready } = useTranslation("comments", { useSuspense: false });
  return ready ? <LoadedCommentsPanel {...props} /> : null;
}

interface Props {
  doc: Y.Doc;
  /** The column beside the text where threads sit on wide screens (null until it is laid out). */
  margin: HTMLElement | null;
  /**
   * Where the "Comments (N)" button goes, in the plan's bar: on a phone nothing may float over the
   * text being read (null until laid out; the button then waits).
   */
  toggleSlot: HTMLElement | null;
}

const NO_FILTERS = { state: "", status: "", sector: "", commitmentId: "" };
/** Where the drawer stops being a bottom sheet and sits beside the text (as in Comments.css). */
const WIDE = "(min-width: 56rem)";
/** Where threads sit in the margin beside their passages (as in Comments.css). */
const MARGIN = "(min-width: 75rem)";

function LoadedCommentsPanel({ doc, margin, toggleSlot }: Props) {
  const { t } = useTranslation("comments");
  const { t: tc } = useTranslation();
  const { workspace, membership, revision } = useWorkspace();
  const highlights = commentHighlightsFor(doc);
  const canComment = membership.role !== "viewer";
  const [open, setOpen] = useState(false);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [filters, setFilters] = useState(NO_FILTERS);
  const [pending, setPending] = useState<{ threadId: string; focus: boolean } | null>(null);
  // The thread in the margin to focus once it is placed beside its words.
  const [marginFocus, setMarginFocus] = useState<string | null>(null);
  // On a phone, the thread opened from its highlight, in a sheet.
  const [sheetId, setSheetId] = useState<string | null>(null);
  const phone = !useMediaQuery(WIDE);
  const marginShown = useMediaQuery(MARGIN) && margin !== null;
  const panelRef = useRef<HTMLElement>(null);
  const formRef = useRef<HTMLTextAreaElement>(null);
  const panelId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const selection = useSyncExternalStore(
    (listener) => highlights.subscribe(listener),
    () => highlights.selection,
  );

  const base = `/api/workspaces/${encodeURIComponent(workspace.id)}/threads`;
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== "")).toString();
  const list = useApiGet<ThreadsResponse>(query ? `${base}?${query}` : base, revision);
  const all = useApiGet<ThreadsResponse>(base, revision);
  const summary = useApiGet<CommentSummaryResponse>(`${base}/summary`, revision);
  const refresh = useCallback(() => {
    list.reload();
    all.reload();
    summary.reload();
  }, [list.reload, all.reload, summary.reload]);

  // The same array until the order changes (ids have no spaces).
  const orderKey = useCommitmentOrder(doc)
    .map((c) => c.id)
    .join(" ");
  const commitments = useMemo(() => (orderKey ? orderKey.split(" ") : []), [orderKey]);
  // Passages move and vanish as the text changes: followed only while some thread has one.
  const docVersion = useDocVersion(
    doc,
    (all.data?.threads ?? []).some((thread) => thread.target.kind === "text"),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: docVersion re-resolves anchors as the text changes
  const anchors = useMemo(() => {
    const resolved = new Map<string, ResolvedAnchor>();
    for (const thread of all.data?.threads ?? []) {
      if (thread.target.kind === "text") resolved.set(thread.id, resolveAnchor(doc, thread.target));
    }
    return resolved;
  }, [doc, docVersion, all.data]);

  // The threads beside their passages: open, on words still in the text.
  const marginThreads = useMemo(
    () =>
      (all.data?.threads ?? []).filter(
        (thread) =>
          thread.open && thread.target.kind === "text" && anchors.get(thread.id)?.detached === false,
      ),
    [all.data, anchors],
  );

  // Highlight every open text thread's passage; the editors follow the words as they move.
  useEffect(() => {
    const texts = (all.data?.threads ?? []).flatMap((thread) =>
      thread.open && thread.target.kind === "text"
        ? [
            {
              threadId: thread.id,
              ...thread.target,
              description: t("highlight", {
                name: thread.comments[0]?.author.name ?? "",
                status: t(`status.${thread.status}`),
              }),
            },
          ]
        : [],
    );
    highlights.setAnchors(texts, activeId);
  }, [highlights, all.data, activeId, t]);

  // The outline shows each part's open threads: the plan's own fields, or the commitment.
  useEffect(() => {
    const counts = new Map<string, number>();
    for (const thread of all.data?.threads ?? []) {
      const { target } = thread;
      const part =
        target.kind === "commitment"
          ? target.commitmentId
          : target.kind === "text"
            ? (target.commitmentId ?? target.field)
            : null;
      if (thread.open && part) counts.set(part, (counts.get(part) ?? 0) + 1);
    }
    highlights.setOpenThreads(counts);
  }, [highlights, all.data]);

  useEffect(() => {
    highlights.setKeyboardHint(t(canComment ? "keyboard.commenter" : "keyboard.viewer"));
  }, [highlights, canComment, t]);

  // What the editors ask: the new-comment form (Mod-Alt-M), a thread (a click on its highlight).
  useEffect(() => {
    highlights.setPanel({
      comment() {
        if (!canComment) return;
        setOpen(true);
        requestAnimationFrame(() => formRef.current?.focus());
      },
      openThread(threadId, focus) {
        setActiveId(threadId);
        if (marginShown && !open && marginThreads.some((thread) => thread.id === threadId)) {
          if (focus) setMarginFocus(threadId);
          return;
        }
        if (phone && focus) {
          setSheetId(threadId);
          return;
        }
        if (focus) setOpen(true);
        if (focus || open) setPending({ threadId, focus });
      },
    });
    return () => highlights.setPanel(null);
  }, [highlights, open, canComment, marginShown, marginThreads, phone]);

  // Bring the thread an editor asked for into view once it is listed (clearing filters that hide it).
  // biome-ignore lint/correctness/useExhaustiveDependencies: list.data renders the thread's article, looked up in the DOM
  useEffect(() => {
    if (!pending) return;
    const article = panelRef.current?.querySelector<HTMLElement>(
      `article[data-thread-id="${pending.threadId}"]`,
    );
    if (article) {
      if (pending.focus) article.focus();
      else article.scrollIntoView({ block: "nearest" });
      setPending(null);
    } else if (Object.values(filters).some((value) => value !== "")) {
      setFilters(NO_FILTERS);
    } else if (!all.data?.threads.some((thread) => thread.id === pending.threadId)) {
      setPending(null); // gone meanwhile
    }
  }, [pending, list.data, all.data, filters]);

  const targetLabel = (thread: Thread): string => {
    const { target } = thread;
    if (target.kind === "plan") return t("target.plan");
    if (target.kind === "text" && target.commitmentId === null) {
      return t("target.text", { field: t(`fields.${target.field as "vision" | "cocreationSummary"}`) });
    }
    const number = commitments.indexOf(target.commitmentId ?? "") + 1;
    if (number === 0) return t("target.removedCommitment");
    if (target.kind === "commitment") return t("target.commitment", { number });
    const name = target.field.split("/").at(-1) as "problem" | "commitment" | "contribution";
    return t("target.text", { field: t(`fields.${name}`, { number }) });
  };

  const show = (thread: Thread) => {
    setActiveId(thread.id);
    // On a phone the drawer covers the text: it steps aside for the passage.
    if (highlights.reveal(thread.id) && !window.matchMedia(WIDE).matches) setOpen(false);
  };

  const renderThread = (thread: Thread, onShow = () => show(thread)) => (
    <CommentThread
      thread={thread}
      targetLabel={targetLabel(thread)}
      anchor={anchors.get(thread.id) ?? null}
      active={thread.id === activeId}
      onShow={thread.open ? onShow : undefined}
      onChanged={refresh}
    />
  );
  const sheetThread = sheetId ? all.data?.threads.find((thread) => thread.id === sheetId) : undefined;

  const activeFilters = Object.values(filters).filter((value) => value !== "").length;
  const s = summary.data?.summary;
  const duration = useDuration();
  const rate = s?.responseRate;

  return (
    <>
      {selection && canComment && !open && (
        <SelectionCommentBar
          passage={`${selection.start} ${selection.end}`}
          label={t("selectionButton", {
            quote: selection.quote.length > 40 ? `${selection.quote.slice(0, 39)}…` : selection.quote,
          })}
          text={t("selectionBar")}
          keys={shortcutKeys(COMMENT_SHORTCUT)}
          onComment={() => {
            setOpen(true);
            requestAnimationFrame(() => formRef.current?.focus());
          }}
        />
      )}
      {toggleSlot &&
        createPortal(
          <button
            ref={toggleRef}
            type="button"
            className="secondary comments-toggle"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((value) => !value)}
          >
            <MessagesSquare aria-hidden="true" size={18} />
            {t("open", { count: s?.open ?? 0 })}
          </button>,
          toggleSlot,
        )}
      <aside
        ref={panelRef}
        id={panelId}
        className="comments-panel"
        hidden={!open}
        aria-label={t("title")}
        onKeyDown={(event) => {
          if (event.key !== "Escape") return;
          setOpen(false);
          toggleRef.current?.focus();
        }}
      >
        <div className="comments-panel-header">
          <h2>{t("title")}</h2>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setOpen(false);
              toggleRef.current?.focus();
            }}
          >
            {t("close")}
          </button>
        </div>
        {s && (
          <div className="comments-summary">
            <p>
              {t("summary.open", { count: s.open })} · {t("summary.awaiting", { count: s.awaiting })}
            </p>
            <p>
              {rate === null || rate === undefined
                ? t("summary.noResponses")
                : t("summary.rate", {
                    rate: new Intl.NumberFormat(undefined, { style: "percent" }).format(rate),
                  })}
              {s.medianResponseMs !== null &&
                ` · ${t("summary.median", { time: duration(s.medianResponseMs) })}`}
            </p>
          </div>
        )}
        {canComment && (
          <NewThreadForm
            base={base}
            selection={selection}
            commitments={commitments}
            textareaRef={formRef}
            onPosted={(thread) => {
              highlights.setSelection(null);
              setActiveId(thread.id);
              refresh();
              // A comment on words goes where its thread lives: the margin, or a phone's sheet.
              if (thread.target.kind !== "text" || !(marginShown || phone)) return;
              setOpen(false);
              if (marginShown) setMarginFocus(thread.id);
              else setSheetId(thread.id);
            }}
          />
        )}
        <ErrorAlert error={list.error} />
        <h3 className="visually-hidden">{t("list")}</h3>
        {/* Threads first: the filters fold away behind one line. */}
        <Disclosure className="comments-filters-disclosure">
          <Button slot="trigger" className="button secondary filters-toggle">
            <SlidersHorizontal aria-hidden="true" size={16} />
            {t("filters.toggle")}
            {activeFilters > 0 && ` (${activeFilters})`}
          </Button>
          <DisclosurePanel>
            <fieldset className="comments-filters">
              <legend className="visually-hidden">{t("filters.label")}</legend>
              <FilterSelect
                label={t("filters.state")}
                value={filters.state}
                onChange={(state) => setFilters({ ...filters, state })}
                options={[
                  ["", t("filters.all")],
                  ["open", t("filters.open")],
                  ["awaiting", t("filters.awaiting")],
                ]}
              />
              <FilterSelect
                label={t("filters.status")}
                value={filters.status}
                onChange={(status) => setFilters({ ...filters, status })}
                options={[
                  ["", t("filters.anyStatus")],
                  ...(["awaiting", ...RESPONSE_STATUSES] as const).map(
                    (v) => [v, t(`status.${v}`)] as [string, string],
                  ),
                ]}
              />
              <FilterSelect
                label={t("filters.sector")}
                value={filters.sector}
                onChange={(sector) => setFilters({ ...filters, sector })}
                options={[
                  ["", t("filters.anySector")],
                  ...SECTORS.map((v) => [v, tc(`sectors.${v}`)] as [string, string]),
                ]}
              />
              <FilterSelect
                label={t("filters.commitment")}
                value={filters.commitmentId}
                onChange={(commitmentId) => setFilters({ ...filters, commitmentId })}
                options={[
                  ["", t("filters.anyCommitment")],
                  ...commitments.map(
                    (id, i) =>
                      [id, `${t("new.onCommitment", { number: i + 1 })} (${s?.byCommitment[id] ?? 0})`] as [
                        string,
                        string,
                      ],
                  ),
                ]}
              />
            </fieldset>
          </DisclosurePanel>
        </Disclosure>
        {list.data && list.data.threads.length === 0 && <p>{t("none")}</p>}
        <ol className="comment-threads" aria-label={t("list")}>
          {(list.data?.threads ?? []).map((thread) => (
            <li key={thread.id}>{renderThread(thread)}</li>
          ))}
        </ol>
      </aside>
      {marginShown &&
        createPortal(
          <MarginThreads
            container={margin}
            threads={marginThreads}
            activeId={activeId}
            onActivate={setActiveId}
            focusId={marginFocus}
            onFocused={() => setMarginFocus(null)}
            textVersion={docVersion}
            renderThread={renderThread}
          />,
          margin,
        )}
      {sheetThread && (
        <ThreadSheet onClose={() => setSheetId(null)}>
          {renderThread(sheetThread, () => {
            // The sheet steps aside for the passage.
            setSheetId(null);
            requestAnimationFrame(() => highlights.reveal(sheetThread.id));
          })}
        </ThreadSheet>
      )}
    </>
  );
}

function FilterSelect(props: {
  label: string;
  value: string;
  options: [string, string][];
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface NewThreadProps {
  base: string;
  selection: ReturnType<typeof commentHighlightsFor>["selection"];
  commitments: string[];
  textareaRef: React.RefObject<HTMLTextAreaElement | null>;
  onPosted(thread: Thread): void;
}

function NewThreadForm({ base, selection, commitments, textareaRef, onPosted }: NewThreadProps) {
  const { t } = useTranslation("comments");
  const [target, setTarget] = useState("plan");
  const [body, setBody] = useState("");
  const [notice, setNotice] = useState("");
  const { error, busy, run } = useRequest();
  const targetId = useId();
  const bodyId = useId();
  // A fresh selection is what the reader most likely wants to comment on.
  useEffect(() => {
    if (selection) setTarget("selection");
  }, [selection]);
  const chosen = target === "selection" && !selection ? "plan" : target;

  const post = async (event: FormEvent) => {
    event.preventDefault();
    const payload =
      chosen === "selection" && selection
        ? { target: "text", ...selection, body }
        : chosen === "plan"
          ? { target: "plan", body }
          : { target: "commitment", commitmentId: chosen, body };
    await run(async () => {
      const { thread } = await api.post<{ thread: Thread }>(base, payload);
      setBody("");
      setTarget("plan");
      setNotice(t("new.done"));
      onPosted(thread);
    });
  };

  return (
    <form className="stack comments-new" onSubmit={post} aria-label={t("new.title")}>
      <h3>{t("new.title")}</h3>
      <p className="hint">{t("new.selectionHint", { keys: shortcutKeys(COMMENT_SHORTCUT) })}</p>
      <label htmlFor={targetId}>{t("new.on")}</label>
      <select id={targetId} value={chosen} onChange={(e) => setTarget(e.target.value)}>
        {selection && (
          <option value="selection">{`${t("new.onSelection")}: “${selection.quote.slice(0, 60)}”`}</option>
        )}
        <option value="plan">{t("new.onPlan")}</option>
        {commitments.map((id, i) => (
          <option key={id} value={id}>
            {t("new.onCommitment", { number: i + 1 })}
          </option>
        ))}
      </select>
      <label htmlFor={bodyId}>{t("new.body")}</label>
      <textarea
        id={bodyId}
        ref={textareaRef}
        value={body}
        required
        maxLength={5000}
        onChange={(e) => setBody(e.target.value)}
      />
      <ErrorAlert error={error} />
      <p className="notice" role="status">
        {notice}
      </p>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t("new.submit")}
        </button>
      </div>
    </form>
  );
}
