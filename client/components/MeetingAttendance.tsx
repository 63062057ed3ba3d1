import type { MembersResponse } from "@shared/api";
import type { Meeting, MeetingResponse, Presence } from "@shared/meetings";
import { Check } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useApiGet } from "~/hooks/useApiGet";
import { ErrorAlert } from "./ErrorAlert";
import { SelectField } from "./Field";

interface Props {
  meeting: Meeting;
  /** The reader: their own check-in shows as the pressed button. */
  userId: string;
  /** Commenters and up check themselves in; facilitators check anyone in. */
  canCheckIn: boolean;
  isFacilitator: boolean;
  onAnswer(answer: MeetingResponse, sentAt: number): void;
}

/** Who is here, in the room or remote, with their sector. */
export function MeetingAttendance({ meeting, userId, canCheckIn, isFacilitator, onAnswer }: Props) {
  const { t } = useTranslation("meetings");
  const { t: tc } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const open = meeting.run.status !== "ended";
  const mine = meeting.attendance.find((person) => person.userId === userId)?.presence;
  /** One of the two check-in buttons: pressed (solid, ticked) when it is the reader's choice. */
  const presenceButton = (presence: Presence, label: string) => (
    <button
      type="button"
      className={mine === presence ? "chosen" : "secondary"}
      aria-pressed={mine === presence}
      onClick={() => checkIn(presence)}
    >
      {mine === presence && <Check aria-hidden="true" size={18} />}
      {label}
    </button>
  );

  const checkIn = async (presence: Presence, userId?: string) => {
    const sentAt = Date.now();
    try {
      const answer = await api.put<MeetingResponse>(
        `/api/workspaces/${encodeURIComponent(meeting.workspaceId)}/meetings/${encodeURIComponent(meeting.id)}/attendance`,
        { presence, ...(userId && { userId }) },
      );
      setError(null);
      onAnswer(answer, sentAt);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <>
      {meeting.attendance.length === 0 ? (
        <p>{t("attendance.none")}</p>
      ) : (
        <ul className="attendance-list">
          {meeting.attendance.map((person) => (
            <li key={person.userId}>
              {t("attendance.entry", {
                name: person.name,
                sector: tc(`sectors.${person.sector}`),
                presence: t(`attendance.presence.${person.presence}`),
              })}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert error={error} />
      {open && canCheckIn && (
        <div className="button-row">
          {presenceButton("room", t("attendance.checkInRoom"))}
          {presenceButton("remote", t("attendance.checkInRemote"))}
        </div>
      )}
      {open && isFacilitator && <CheckInOther workspaceId={meeting.workspaceId} onCheckIn={checkIn} />}
    </>
  );
}

function CheckInOther({
  workspaceId,
  onCheckIn,
}: {
  workspaceId: string;
  onCheckIn(presence: Presence, userId: string): void;
}) {
  const { t } = useTranslation("meetings");
  const { data } = useApiGet<MembersResponse>(`/api/workspaces/${encodeURIComponent(workspaceId)}/members`);
  const members = (data?.members ?? []).map((member) => ({ value: member.userId, label: member.name }));
  const [userId, setUserId] = useState("");
  const [presence, setPresence] = useState<Presence>("room");
  if (members.length === 0) return null;
  const chosen = userId || members[0]?.value || "";
  return (
    <div className="inline-form">
      <SelectField
        name="member"
        label={t("attendance.member")}
        value={chosen}
        onChange={(event) => setUserId(event.target.value)}
        options={members}
      />
      <SelectField
        name="presence"
        label={t("attendance.checkInOther")}
        value={presence}
        onChange={(event) => setPresence(event.target.value as Presence)}
        options={[
          { value: "room", label: t("attendance.presence.room") },
          { value: "remote", label: t("attendance.presence.remote") },
        ]}
      />
      <button type="button" onClick={() => onCheckIn(presence, chosen)}>
        {t("attendance.checkInOther")}
      </button>
    </div>
  );
}
