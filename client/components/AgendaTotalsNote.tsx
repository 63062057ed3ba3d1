import type { AgendaTotals } from "@shared/meetings";
import { useTranslation } from "react-i18next";

/**
 * The agenda's total against the planned length, and the gap in words: a warning when the items
 * do not fit, plain otherwise. `live` while editing, so a screen reader hears each new total.
 */
export function AgendaTotalsNote({ totals, live = false }: { totals: AgendaTotals; live?: boolean }) {
  const { t } = useTranslation("meetings");
  const gap = totals.differenceMinutes;
  return (
    <div aria-live={live ? "polite" : undefined}>
      <p>{t("totals.summary", { items: totals.itemsMinutes, planned: totals.plannedMinutes })}</p>
      <p className="agenda-gap" data-over={gap > 0 ? "" : undefined} data-testid="agenda-gap">
        {gap > 0 && t("totals.over", { minutes: gap })}
        {gap < 0 && t("totals.under", { minutes: -gap })}
        {gap === 0 && t("totals.fits")}
      </p>
    </div>
  );
}
