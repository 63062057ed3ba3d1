import { formatMeetingTime } from "@shared/meetingTime";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";

/** Formatters by language and kind: creating an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

const FORMATS = {
  /** A calendar day, read in UTC so "2025-03-01" stays the 1st everywhere. */
  day: { dateStyle: "medium", timeZone: "UTC" },
  /** A moment's day in the reader's zone. */
  date: { dateStyle: "medium" },
  /** A moment's time of day in the reader's zone ("18:00"). */
  time: { timeStyle: "short" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

function formatter(language: string, kind: keyof typeof FORMATS): Intl.DateTimeFormat {
  const key = `${language}|${kind}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language, FORMATS[kind]);
    formatters.set(key, found);
  }
  return found;
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
      return formatter(language, plainDate ? "day" : "date").format(date);
    },
    [language],
  );
}

/** Formats an ISO date-time's time of day ("18:00") in the reader's language and zone. */
export function useFormatTime(): (iso: string | number) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useCallback((iso: string | number) => formatter(language, "time").format(new Date(iso)), [language]);
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
