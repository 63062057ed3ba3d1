import type { Membership, Workspace } from "@shared/api";
import { createContext, useContext } from "react";
import type { StreamStatus } from "./useWorkspaceEvents";

export interface WorkspaceState {
  workspace: Workspace;
  /** The signed-in user's membership: their role decides what the page offers. */
  membership: Membership;
  /** Grows by one with every live event (or resync): use it as a dependency to refetch lists. */
  revision: number;
  streamStatus: StreamStatus;
  /** Fetches the workspace and our membership again; settles once the answer is on screen. */
  reloadWorkspace(): Promise<void>;
}

export const WorkspaceContext = createContext<WorkspaceState | null>(null);

/** The workspace of the current `/w/:workspaceId/...` page; only inside WorkspaceLayout. */
export function useWorkspace(): WorkspaceState {
  const state = useContext(WorkspaceContext);
  if (!state) throw new Error("useWorkspace must be used inside WorkspaceLayout");
  return state;
}
