import type { UserResponse, WorkspaceResponse } from "@shared/api";
import { canEditPlan } from "@shared/roles";
import { loadPlanEditorView } from "./editor/planEditorChunk";
import { i18n } from "./i18n";
import { initialPlanMode } from "./reading/usePlanMode";

/**
 * What the page being opened will need, asked for all at once as soon as the app's code runs,
 * instead of one after the other as each component mounts (the session, then the workspace, then
 * the page's code, its translations and its data: on a phone on a slow link each is a round trip).
 * The components still make their own requests; `takeEarly` hands them the answer already on its
 * way. Only GETs that any visit of that page makes anyway are started here.
 */

/** An early answer is used only by a request made soon after (later ones fetch afresh). */
const FRESH_MS = 15_000;

const early = new Map<string, { response: Promise<Response>; at: number }>();

function start(path: string, accept = "application/json"): void {
  const response = fetch(path, { credentials: "same-origin", headers: { Accept: accept } });
  // Never an unhandled rejection: whoever takes it sees the failure, or it is dropped.
  response.catch(() => undefined);
  early.set(path, { response, at: performance.now() });
}

/** The JSON of an early answer, read from a copy (whoever takes the answer reads the original). */
function peek<T>(path: string): Promise<T | null> {
  const kept = early.get(path);
  if (!kept) return Promise.resolve(null);
  return kept.response.then((response) => (response.ok ? (response.clone().json() as Promise<T>) : null));
}

/** The answer to a GET of `path` started at boot, once (null when none is fresh). */
export function takeEarly(path: string): Promise<Response> | null {
  const kept = early.get(path);
  if (!kept) return null;
  early.delete(path);
  return performance.now() - kept.at < FRESH_MS ? kept.response : null;
}

/** The plan page's Yjs state as stored (see GET /api/workspaces/:id/plan/state). */
export const planStatePath = (workspaceId: string) =>
  `/api/workspaces/${encodeURIComponent(workspaceId)}/plan/state`;

/** Starts what the page at `pathname` will request first. */
export function boot(pathname: string): void {
  start("/api/me");
  const match = /^\/w\/([^/]+)(?:\/([^/]*))?/.exec(pathname);
  const workspaceId = match?.[1];
  if (!workspaceId) return;
  let id: string;
  try {
    id = decodeURIComponent(workspaceId);
  } catch {
    return;
  }
  const workspacePath = `/api/workspaces/${encodeURIComponent(id)}`;
  start(workspacePath);
  void import("./pages/WorkspaceLayout");
  if (match[2] !== "plan") return;
  // The page the server rendered holds the plan and says who this is (see prerendered.tsx).
  const prerendered = document.getElementById("prerendered")?.dataset;
  const fromPage = prerendered?.workspace === id;
  if (!fromPage) start(planStatePath(id), "application/octet-stream");
  void import("./pages/PlanPage");
  void i18n.loadNamespaces(["plan", "comments"]);
  // A writer opening the plan in Edit needs the editor: fetched as soon as the role is known,
  // not after the page has rendered (a reader never gets it).
  if (fromPage) {
    const user = prerendered.user;
    if (prerendered.canEdit === "true" && user && initialPlanMode(user) === "edit") {
      void loadPlanEditorView();
    }
    return;
  }
  Promise.all([peek<UserResponse>("/api/me"), peek<WorkspaceResponse>(workspacePath)]).then(
    ([me, workspace]) => {
      if (!me?.user || !workspace || !canEditPlan(workspace.membership.role)) return;
      if (initialPlanMode(me.user.id) === "edit") void loadPlanEditorView();
    },
    () => undefined,
  );
}
