import type { AwarenessUser } from "@shared/collab";
import { createContext, useContext } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";

/** What every part of the plan editor needs; provided once by PlanPage. */
export interface PlanEditor {
  doc: Y.Doc;
  provider: WebsocketProvider;
  user: AwarenessUser;
  /** False for commenters and viewers, and once the server has refused us. */
  editable: boolean;
  /** Says what a button did to screen reader users (e.g. "Commitment moved to position 2."). */
  announce(message: string): void;
  /** Commitments folded to their heading (shared with the reading view). */
  collapsed: ReadonlySet<string>;
  toggleCollapsed(commitmentId: string): void;
}

export const PlanEditorContext = createContext<PlanEditor | null>(null);

export function usePlanEditor(): PlanEditor {
  const editor = useContext(PlanEditorContext);
  if (!editor) throw new Error("usePlanEditor must be used inside PlanEditorContext");
  return editor;
}
