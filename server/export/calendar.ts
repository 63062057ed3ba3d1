import type { MeetingRecord } from "../store/meetings";

/** What a calendar entry needs: the stored record and the members' answer both have it. */
type CalendarMeeting = Pick<MeetingRecord, "id" | "title" | "startsAt" | "plannedMinutes" | "place" | "link">;

/**
 * A meeting as an iCalendar file (RFC 5545) for "add to calendar" (public page and meeting page):
 * start in UTC, the planned length, the place, and the video link or else `pageUrl` as its URL.
 * `ics` (and the date and schema libraries it brings, about 7 MB of RSS) loads on the first one.
 */
export async function meetingCalendar(meeting: CalendarMeeting, pageUrl: string): Promise<string> {
  const { createEvent } = await import("ics");
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
    productId: "cocrea",
  });
  if (error || !value) throw error ?? new Error(`no calendar file for meeting ${meeting.id}`);
  return value;
}
