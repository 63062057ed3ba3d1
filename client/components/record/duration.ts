import type { TFunction } from "i18next";

/** A duration in the largest whole unit that fits ("3 hours", "2 days"), for the median response time. */
export function formatDuration(t: TFunction<"record">, seconds: number): string {
  if (seconds < 60) return t("duration.underMinute");
  if (seconds < 3600) return t("duration.minutes", { count: Math.round(seconds / 60) });
  if (seconds < 86_400) return t("duration.hours", { count: Math.round(seconds / 3600) });
  return t("duration.days", { count: Math.round(seconds / 86_400) });
}
