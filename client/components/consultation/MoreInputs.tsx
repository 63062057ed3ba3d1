import { useRef } from "react";
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
  const shownBefore = useRef(0);
  // A consultation whose inputs fit one page shows no count; once more were loaded, it stays.
  if (!pages.hasMore && !pages.loadedMore) return null;
  const showMore = async () => {
    shownBefore.current = pages.inputs.length;
    await pages.showMore();
    // After React has rendered the new inputs.
    requestAnimationFrame(() => {
      const items = list.current?.querySelectorAll<HTMLElement>("[data-testid='consultation-input']");
      items?.[shownBefore.current]?.focus();
    });
  };
  return (
    <div className="more-inputs">
      <p className="hint" data-testid="inputs-shown" aria-live="polite">
        {t("inputs.shown", { shown: pages.inputs.length, total: pages.total })}
      </p>
      {pages.hasMore && (
        <button type="button" className="secondary" disabled={pages.busy} onClick={() => void showMore()}>
          {t("inputs.showMore")}
        </button>
      )}
      <ErrorAlert error={pages.error} />
    </div>
  );
}
