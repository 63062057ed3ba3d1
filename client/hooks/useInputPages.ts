import type { ConsultationInput, InputsPage } from "@shared/consultation";
import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "~/api";

export interface InputPages {
  /** The first page's inputs, then those of every page loaded since, oldest first. */
  inputs: ConsultationInput[];
  /** Every input of the consultation, shown or not. */
  total: number;
  /** Whether another page follows. */
  hasMore: boolean;
  /** Whether the reader loaded pages beyond the first. */
  loadedMore: boolean;
  busy: boolean;
  error: unknown;
  /** Loads the next page and appends it. */
  showMore(): Promise<void>;
}

/**
 * A consultation's inputs a page at a time: `first` is the page the screen loaded (it reloads it
 * after each change), `path` where the following pages come from (`?after=<next>`). When `first`
 * is reloaded, the pages the reader had opened are loaded again, so what they see stays current.
 */
export function useInputPages(first: InputsPage | undefined, path: string): InputPages {
  const [more, setMore] = useState<InputsPage[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // How many pages after the first the reader opened; kept across reloads of the first.
  const opened = useRef(0);
  const pageOf = useCallback(
    (after: string) => api.get<InputsPage>(`${path}?after=${encodeURIComponent(after)}`),
    [path],
  );

  useEffect(() => {
    let current = true;
    if (!first || opened.current === 0) {
      setMore([]);
      return;
    }
    const wanted = opened.current;
    (async () => {
      const pages: InputsPage[] = [];
      let after = first.next;
      while (after && pages.length < wanted) {
        const page = await pageOf(after);
        pages.push(page);
        after = page.next;
      }
      if (current) setMore(pages);
    })().catch((failure: unknown) => {
      if (current) setError(failure);
    });
    return () => {
      current = false;
    };
  }, [first, pageOf]);

  const last = more.at(-1) ?? first;
  const showMore = async () => {
    const after = last?.next;
    if (!after) return;
    setBusy(true);
    try {
      const page = await pageOf(after);
      opened.current = more.length + 1;
      setMore([...more, page]);
      setError(null);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return {
    inputs: first ? [...first.inputs, ...more.flatMap((page) => page.inputs)] : [],
    total: first?.total ?? 0,
    hasMore: Boolean(last?.next),
    loadedMore: more.length > 0,
    busy,
    error,
    showMore,
  };
}
