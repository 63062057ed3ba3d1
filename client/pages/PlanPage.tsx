import { type AwarenessUser, SECTOR_COLORS } from "@shared/collab";
import { fieldAnchor } from "@shared/freeze";
import { listCommitments, planDocName } from "@shared/plan";
import { canEditPlan } from "@shared/roles";
import { BookOpen, Pencil } from "lucide-react";
import {
  type ComponentProps,
  lazy,
  memo,
  Suspense,
  useCallback,
  useLayoutEffect,
  useMemo,
  useState,
} from "react";
import { ToggleButton, ToggleButtonGroup } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { planStatePath, takeEarly } from "~/boot";
import { CommentsPanel } from "~/components/CommentsPanel";
import { PageLoading } from "~/components/PageLoading";
import { ConnectionBanner } from "~/editor/ConnectionBanner";
import { PresenceList } from "~/editor/PresenceList";
import { loadedPlanEditorView, loadPlanEditorView } from "~/editor/planEditorChunk";
import { useFocusHash } from "~/editor/useFocusHash";
import { type CollabDoc, useCollabDoc } from "~/hooks/useCollabDoc";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useSession } from "~/hooks/useSession";
import { useWorkspace } from "~/hooks/useWorkspace";
import { handOffPrerendered, prerenderedPlanState } from "~/prerendered";
import { AuthorshipControls } from "~/reading/AuthorshipControls";
import { PlanOutline } from "~/reading/PlanOutline";
import { PlanReading } from "~/reading/PlanReading";
import { useCollapsed } from "~/reading/useCollapsed";
import { type PlanMode, usePlanMode } from "~/reading/usePlanMode";
import { usePlanProgress } from "~/reading/usePlanProgress";
import "~/editor/planEditor.css";
import "~/reading/reading.css";

// The editor (Tiptap, ProseMirror) is its own chunk, downloaded only when someone edits.
const LazyPlanEditorView = lazy(loadPlanEditorView);

/** The editor view: at once when its chunk is already here (boot fetches it early), else lazily. */
function PlanEditorViewWhenReady(props: ComponentProps<typeof LazyPlanEditorView>) {
  // Chosen once per mount: switching from the lazy component to the loaded one would re-create
  // every editor.
  const [View] = useState(() => loadedPlanEditorView() ?? LazyPlanEditorView);
  return <View {...props} />;
}

// Memoized, as the reading view and the outline: the connection status changes with every
// keystroke (saving, saved), and must not re-render the whole plan each time.
const PlanEditorView = memo(PlanEditorViewWhenReady);
const Reading = memo(PlanReading);
const Outline = memo(PlanOutline);
const Comments = memo(CommentsPanel);
const Presence = memo(PresenceList);
const Authorship = memo(AuthorshipControls);

/** Read or Edit, for those who write (a component of its own: it need not follow the connection). */
const ModeSwitch = memo(function ModeSwitch({
  mode,
  onChange,
}: {
  mode: PlanMode;
  onChange(mode: PlanMode): void;
}) {
  const { t } = useTranslation("plan");
  return (
    <ToggleButtonGroup
      className="mode-switch"
      aria-label={t("reading.mode")}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[mode]}
      onSelectionChange={(keys) => {
        const [key] = keys;
        if (key === "read" || key === "edit") onChange(key satisfies PlanMode);
      }}
    >
      <ToggleButton id="read" className="mode-button">
        <BookOpen aria-hidden="true" size={18} />
        {t("reading.read")}
      </ToggleButton>
      <ToggleButton id="edit" className="mode-button">
        <Pencil aria-hidden="true" size={18} />
        {t("reading.edit")}
      </ToggleButton>
    </ToggleButtonGroup>
  );
});

/**
 * The plan as stored: from the page the server rendered, else over HTTP (started at boot when the
 * page is opened directly).
 */
async function loadPlanState(workspaceId: string): Promise<Uint8Array | null> {
  const prerendered = prerenderedPlanState(workspaceId);
  if (prerendered) return prerendered;
  const path = planStatePath(workspaceId);
  const response = await (takeEarly(path) ?? fetch(path, { credentials: "same-origin" })).catch(() => null);
  if (!response?.ok) return null;
  return new Uint8Array(await response.arrayBuffer());
}

/** The workspace's action plan, co-written live: vision, co-creation summary, commitments. */
export function PlanPage() {
  const { t } = useTranslation("plan");
  const { workspace, membership, reloadWorkspace } = useWorkspace();
  const { user } = useSession();
  usePageTitle(t("pageTitle", { workspace: workspace.name }));
  const canWrite = canEditPlan(membership.role);
  const awarenessUser = useMemo(
    () => ({
      id: user?.id ?? "",
      name: user?.name ?? "",
      sector: membership.sector,
      color: SECTOR_COLORS[membership.sector],
    }),
    [user?.id, user?.name, membership.sector],
  );
  const collab = useCollabDoc(planDocName(workspace.id), {
    canWrite,
    user: awarenessUser,
    onAccessChanged: reloadWorkspace,
    loadInitialState: () => loadPlanState(workspace.id),
  });
  if (!collab) return <PageLoading />;
  return (
    <LoadedPlan
      collab={collab}
      user={awarenessUser}
      canWrite={canWrite}
      maxCommitments={workspace.maxCommitments}
    />
  );
}

interface LoadedProps {
  collab: CollabDoc;
  user: AwarenessUser;
  canWrite: boolean;
  maxCommitments: number;
}

function LoadedPlan({ collab, user, canWrite, maxCommitments }: LoadedProps) {
  const { t } = useTranslation("plan");
  const { t: tc } = useTranslation();
  const { workspace, membership } = useWorkspace();
  const { doc, provider, awareness, status } = collab;
  const [mode, setMode] = usePlanMode(user.id, canWrite);
  const collapsed = useCollapsed();
  const [margin, setMargin] = useState<HTMLDivElement | null>(null);
  const [commentsToggle, setCommentsToggle] = useState<HTMLDivElement | null>(null);
  const progress = usePlanProgress(doc);
  // "#commitment-3" names the third commitment (ids, as the dashboard links, work too).
  const resolveHash = useCallback(
    (id: string) => {
      const number = /^commitment-(\d{1,3})$/.exec(id)?.[1];
      const commitment = number ? listCommitments(doc)[Number(number) - 1] : undefined;
      const anchor = commitment ? fieldAnchor(commitment.id, null) : id;
      // A folded commitment opens for a link into it.
      for (const { id: commitmentId } of listCommitments(doc)) {
        if (anchor === fieldAnchor(commitmentId, null) || anchor.startsWith(`field-${commitmentId}-`)) {
          collapsed.expand(commitmentId);
        }
      }
      return anchor;
    },
    [doc, collapsed.expand],
  );
  // The server's copy of the page gives way once this one has the text (or will not get it soon).
  const loaded = status.serverLoaded || status.connection === "offline" || status.connection === "refused";
  useLayoutEffect(() => {
    if (loaded) handOffPrerendered();
  }, [loaded]);
  useFocusHash(provider, resolveHash);
  const editable = canWrite && status.connection !== "refused";

  const describePlace = useCallback(
    (place: string) => {
      if (place === "vision" || place === "cocreationSummary") return t(`places.${place}`);
      const index = listCommitments(doc).findIndex((commitment) => commitment.id === place);
      return index >= 0 ? t("places.commitment", { number: index + 1 }) : null;
    },
    [doc, t],
  );

  // The connection's status changes with every keystroke (saving, saved): what does not depend on
  // it is made once per change of its own inputs, so that LoadedPlan's re-renders stop here.
  const text = useMemo(() => {
    const reading = <Reading doc={doc} collapsed={collapsed.ids} onToggle={collapsed.toggle} />;
    if (mode === "read") return reading;
    return (
      // Until the editor has arrived, the text is already there to read (marked busy, so a
      // self-check link waits for the editor's field rather than focusing the placeholder).
      <Suspense fallback={<div aria-busy="true">{reading}</div>}>
        <PlanEditorView
          doc={doc}
          provider={provider}
          user={user}
          editable={editable}
          maxCommitments={maxCommitments}
          collapsed={collapsed.ids}
          onToggle={collapsed.toggle}
        />
      </Suspense>
    );
  }, [doc, provider, user, editable, maxCommitments, mode, collapsed.ids, collapsed.toggle]);
  return (
    <div className="plan" data-mode={mode}>
      <div className="plan-bar">
        <div className="plan-title-row">
          <h2 className="plan-heading">
            {t("heading")}
            {!canWrite && <span className="tag read-only-badge">{t("readOnly.badge")}</span>}
          </h2>
          {canWrite && <ModeSwitch mode={mode} onChange={setMode} />}
          <div className="plan-comments-toggle" ref={setCommentsToggle} />
        </div>
        <ConnectionBanner status={status} canWrite={canWrite} />
        {!canWrite && (
          <p className="hint">{t("readOnly.explanation", { role: tc(`roles.${membership.role}`) })}</p>
        )}
        <Presence awareness={awareness} describePlace={describePlace} />
      </div>
      <div className="plan-layout">
        <Outline doc={doc} progress={progress} expand={collapsed.expand} />
        <div className="plan-main">
          <Authorship workspaceId={workspace.id} doc={doc} userId={user.id}>
            {text}
          </Authorship>
        </div>
        {/* Comment threads beside their passages on wide screens (placed by the comments panel). */}
        <div className="plan-margin" ref={setMargin} />
      </div>
      <Comments doc={doc} margin={margin} toggleSlot={commentsToggle} />
    </div>
  );
}
