import { useState } from "react";

/**
 * Runs a request for a form or a button: `busy` while it runs, its failure kept in `error` for an
 * ErrorAlert. `run` resolves to whether the request (with what it does on success) went through.
 */
export function useRequest() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (request: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await request();
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}
