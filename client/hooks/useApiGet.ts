import { useCallback, useEffect, useState } from "react";
import { api } from "~/api";

export interface ApiGet<T> {
  /** The last successful answer; kept while a refresh is under way so lists do not flicker. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again now. */
  reload(): void;
}

/**
 * GETs `path` (skipped while null) and again whenever `path` or `revision` changes; answers to
 * superseded requests are dropped so a slow old response never overwrites a newer one.
 */
export function useApiGet<T>(path: string | null, revision = 0): ApiGet<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const [manual, setManual] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: revision and manual are refetch triggers by design
  useEffect(() => {
    if (path === null) return;
    let current = true;
    setLoading(true);
    api.get<T>(path).then(
      (answer) => {
        if (!current) return;
        setData(answer);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [path, revision, manual]);

  const reload = useCallback(() => setManual((n) => n + 1), []);
  return { data, error, loading, reload };
}
