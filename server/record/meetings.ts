import type { Minutes } from "@shared/meetings";
import type { RecordMeeting, RecordMeetings } from "@shared/record";
import { sectorCounts } from "./comments";

/**
 * Meetings held — those that ended, so their minutes are recorded — and who attended them, by
 * the sector each attendee had when checked in, as the minutes recorded it.
 */
export function meetingsRecord(minutes: readonly Minutes[]): RecordMeetings {
  const held: RecordMeeting[] = minutes
    .filter((m) => m.recordedAt !== null)
    .sort((a, b) => a.meeting.startsAt.localeCompare(b.meeting.startsAt))
    .map((m) => {
      const sectors = m.attendance.flatMap(({ sector, people }) => people.map(() => sector));
      return {
        id: m.meeting.id,
        title: m.meeting.title,
        startsAt: m.meeting.startsAt,
        attendees: sectors.length,
        bySector: sectorCounts(sectors),
      };
    });
  return {
    held: held.length,
    attendance: held.reduce((sum, m) => sum + m.attendees, 0),
    bySector: sectorCounts(
      held.flatMap((m) =>
        m.bySector.flatMap(({ sector, count }) => Array<typeof sector>(count).fill(sector)),
      ),
    ),
    meetings: held,
  };
}
