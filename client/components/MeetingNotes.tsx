import type { AwarenessUser } from "@shared/collab";
import { type AgendaItem, notesFragmentName } from "@shared/meetings";
import { useTranslation } from "react-i18next";
import { RichTextField } from "~/editor/RichTextField";
import type { CollabDoc } from "~/hooks/useCollabDoc";

/**
 * The shared notes of one agenda item, co-written live in the meeting's document. They stay
 * writable after the end, but the minutes were recorded then: the page says so.
 */
export function MeetingNotes({
  collab,
  item,
  user,
  canWrite,
  ended,
}: {
  collab: CollabDoc;
  item: AgendaItem;
  user: AwarenessUser;
  canWrite: boolean;
  ended: boolean;
}) {
  const { t } = useTranslation("meetings");
  const editable = canWrite && collab.status.connection !== "refused";
  return (
    <>
      {!canWrite && <p className="meta">{t("notes.readOnly")}</p>}
      {ended && <p className="meta">{t("notes.afterEnd")}</p>}
      <RichTextField
        key={item.id}
        fragment={collab.doc.getXmlFragment(notesFragmentName(item.id))}
        provider={collab.provider}
        user={user}
        editable={editable}
        label={t("notes.label", { item: item.title })}
      />
    </>
  );
}
