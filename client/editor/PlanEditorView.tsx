import type { AwarenessUser } from "@shared/collab";
import { useMemo, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { CommitmentList } from "./CommitmentList";
import { type PlanEditor, PlanEditorContext } from "./PlanEditorContext";
import { PlanSection } from "./PlanSection";
import { ShortcutsDialog } from "./ShortcutsDialog";

interface Props {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: AwarenessUser;
  editable: boolean;
  maxCommitments: number;
  collapsed: ReadonlySet<string>;
  onToggle(commitmentId: string): void;
}

/**
 * The plan as a form of live fields (Tiptap and Yjs), for drafters and facilitators in Edit. Its own
 * chunk: the plan page loads it only when someone edits, so readers never download an editor.
 */
export function PlanEditorView({
  doc,
  provider,
  user,
  editable,
  maxCommitments,
  collapsed,
  onToggle,
}: Props) {
  const [announcement, setAnnouncement] = useState("");
  const editor = useMemo<PlanEditor>(
    () => ({
      doc,
      provider,
      user,
      editable,
      announce: setAnnouncement,
      collapsed,
      toggleCollapsed: onToggle,
    }),
    [doc, provider, user, editable, collapsed, onToggle],
  );
  return (
    <PlanEditorContext value={editor}>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <PlanSection place="vision" />
      <PlanSection place="cocreationSummary" />
      <CommitmentList maxCommitments={maxCommitments} />
      <ShortcutsDialog />
    </PlanEditorContext>
  );
}
