/**
 * Meeting times in words, always with their time zone ("2 Dec 2026, 18:00 CET"): participants join
 * from different places and a bare "18:00" is ambiguous. Used by the pages (the reader's zone) and
 * by the minutes downloads (the zone the reader's browser sends), so both say the same thing.
 */

const SHORT: Intl.DateTimeFormatOptions = {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZoneName: "short",
};

/** The long form, for messages people forward: "Wednesday, 2 December 2026, 18:00 CET". */
const LONG: Intl.DateTimeFormatOptions = { ...SHORT, weekday: "long", month: "long" };

/** True for a time zone name this runtime knows ("Europe/Madrid", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Formatters by locale, zone and style: creating one costs far more than using it. The server's
 * zones come from requests (any spelling the runtime accepts), so the cache is bounded.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 256;

function meetingFormatter(locale: string, timeZone: string | undefined, style: "short" | "long") {
  const key = `${locale}|${timeZone ?? ""}|${style}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...(style === "long" ? LONG : SHORT), timeZone });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, found);
  }
  return found;
}

/** An ISO date-time as a meeting time in `locale` and `timeZone` (the runtime's own by default). */
export function formatMeetingTime(
  iso: string,
  locale: string,
  { timeZone, style = "short" }: { timeZone?: string; style?: "short" | "long" } = {},
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return meetingFormatter(locale, timeZone, style).format(date);
}

/** From start to end, the shared parts said once: "2 Dec 2026, 18:00–19:40 CET". */
export function formatMeetingSpan(
  startIso: string,
  endIso: string,
  locale: string,
  timeZone?: string,
): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start)
    return formatMeetingTime(startIso, locale, { timeZone });
  return meetingFormatter(locale, timeZone, "short").formatRange(start, end);
}
