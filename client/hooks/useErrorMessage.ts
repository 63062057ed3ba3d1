import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "~/api";

/**
 * Returns a function that turns a thrown error into a sentence in the reader's language: known
 * API codes are translated; an unknown code falls back to the server's own message.
 */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useTranslation("errors");
  return useCallback(
    (error: unknown) => {
      const codes: Record<string, string> = t("codes", { returnObjects: true });
      if (!(error instanceof ApiError)) return codes.unexpected ?? "";
      const known = codes[error.code];
      if (known) return known;
      if (error.status >= 500 || !error.message) return codes.unexpected ?? "";
      return error.message;
    },
    [t],
  );
}
