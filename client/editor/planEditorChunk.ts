import type { PlanEditorView } from "./PlanEditorView";

type View = typeof PlanEditorView;

let loading: Promise<{ default: View }> | null = null;
let loaded: View | null = null;

/** Starts fetching the editor's chunk (Tiptap, ProseMirror), once; for React.lazy. */
export function loadPlanEditorView(): Promise<{ default: View }> {
  loading ??= import("./PlanEditorView").then((module) => {
    loaded = module.PlanEditorView;
    return { default: module.PlanEditorView };
  });
  return loading;
}

/**
 * The editor view if its chunk has already arrived and run, else null. React.lazy suspends on its
 * first render even then (it awaits the promise): the page would render, lay out and paint the
 * whole plan's reading view as the fallback, then throw it away, before the first field could be
 * created.
 */
export const loadedPlanEditorView = (): View | null => loaded;
