import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "~/components/ErrorAlert";
import type { InputPages } from "~/hooks/useInputPages";

/**
 * Below a page of inputs: how many are shown of how many, and a "Show more" button while more
 * follow. Once the next page arrives, focus moves to its first input, so a keyboard or screen
 * reader user reads on from there rather than from the top of the page.
 */
export function MoreInputs({
  pages,
  list,
}: {
  pages: InputPages;
  list: React.RefObject<HTMLElement | null>;
}) {
  const { t } = useTranslation("consultation");
  // The index of the first input the next page brings, focused once React has rendered it: an
  // effect after the commit, not a frame callback, which a busy phone can run before the render.
  const focusAt = useRef<number | null>(null);
  const shown = pages.inputs.length;
  useEffect(() => {
    const index = focusAt.current;
    if (index === null || shown <= index) return;
    focusAt.current = null;
    list.current?.querySelectorAll<HTMLElement>("[data-testid='consultation-input']")[index]?.focus();
  }, [shown, list]);
  // A consultation whose inputs fit one page shows no count; once more were loaded, it stays.
  if (!pages.hasMore && !pages.loadedMore) return null;
  const showMore = () => {
    focusAt.current = shown;
    void pages.showMore();
  };
  return (
    <div className="more-inputs">
      <p className="hint" data-testid="inputs-shown" aria-live="polite">
        {t("inputs.shown", { shown: pages.inputs.length, total: pages.total })}
      </p>
      {pages.hasMore && (
        <button type="button" className="secondary" disabled={pages.busy} onClick={showMore}>
          {t("inputs.showMore")}
        </button>
      )}
      <ErrorAlert error={pages.error} />
    </div>
  );
}
