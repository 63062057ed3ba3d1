import { createEvent } from "ics";
import type { MeetingRecord } from "../store/meetings";

/**
 * A meeting as an iCalendar file (RFC 5545) for the public page's "add to calendar": start in UTC,
 * the planned length, the place, and the video link or else the process page as its URL.
 */
export function meetingCalendar(meeting: MeetingRecord, pageUrl: string): string {
  const { error, value } = createEvent({
    uid: `${meeting.id}@cocrea`,
    title: meeting.title,
    start: Date.parse(meeting.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: meeting.plannedMinutes },
    ...(meeting.place ? { location: meeting.place } : {}),
    url: meeting.link || pageUrl,
    description: meeting.link ? `${meeting.link}\n${pageUrl}` : pageUrl,
    productId: "cocrea/public-page",
  });
  if (error || !value) throw error ?? new Error(`no calendar file for meeting ${meeting.id}`);
  return value;
}
