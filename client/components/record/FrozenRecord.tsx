import type { CocreationRecord } from "@shared/record";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { RecordPanel } from "./RecordPanel";

/**
 * The record of co-creation frozen with an official version (or pinned in a proposal, for those who
 * sign it), beside its text: shown on request, so the charts load only for whoever asks (the
 * version's JSON download holds it too).
 */
export function FrozenRecord({
  record,
  inProposal = false,
}: {
  record: CocreationRecord;
  inProposal?: boolean;
}) {
  const { t } = useTranslation("record");
  const [shown, setShown] = useState(false);
  const headingId = useId();
  return (
    <section className="frozen-record no-print" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(inProposal ? "frozen.proposalHeading" : "frozen.heading")}</h3>
      <button type="button" className="secondary" aria-expanded={shown} onClick={() => setShown((s) => !s)}>
        {t(shown ? "frozen.hide" : "frozen.show")}
      </button>
      {shown && <RecordPanel record={record} exportPath={null} frozen headingLevel={4} />}
    </section>
  );
}
