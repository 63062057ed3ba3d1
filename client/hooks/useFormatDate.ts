import { formatMeetingTime } from "@shared/meetingTime";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

/** Formatters by language and zone: creating an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(language: string, utc: boolean): Intl.DateTimeFormat {
  const key = `${language}|${utc}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: utc ? "UTC" : undefined });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats an ISO date ("2025-03-01") or date-time in the reader's language. Plain dates are read
 * as calendar days (no time zone shift), date-times in the reader's zone.
 */
export function useFormatDate(): (iso: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useCallback(
    (iso: string) => {
      const plainDate = /^\d{4}-\d{2}-\d{2}$/.test(iso);
      const date = new Date(plainDate ? `${iso}T00:00:00Z` : iso);
      if (Number.isNaN(date.getTime())) return iso;
      return dateFormatter(language, plainDate).format(date);
    },
    [language],
  );
}

/**
 * Formats an ISO date-time with its time and time zone ("2 Dec 2026, 18:00 CET"), so people
 * joining from elsewhere know which 18:00 is meant; "long" adds the weekday, for messages.
 */
export function useFormatDateTime(style: "short" | "long" = "short"): (iso: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useCallback((iso: string) => formatMeetingTime(iso, language, { style }), [language, style]);
}
