import type { AwarenessUser } from "@shared/collab";
import { type AgendaItem, notesFragmentName } from "@shared/meetings";
import { useTranslation } from "react-i18next";
import { RichTextField } from "~/editor/RichTextField";
import type { CollabDoc } from "~/hooks/useCollabDoc";

/** The shared notes of one agenda item, co-written live in the meeting's document. */
export function MeetingNotes({
  collab,
  item,
  user,
  canWrite,
}: {
  collab: CollabDoc;
  item: AgendaItem;
  user: AwarenessUser;
  canWrite: boolean;
}) {
  const { t } = useTranslation("meetings");
  const editable = canWrite && collab.status.connection !== "refused";
  return (
    <>
      {!canWrite && <p className="meta">{t("notes.readOnly")}</p>}
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
