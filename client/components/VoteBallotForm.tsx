import type { BallotResponse, OwnBallot, Vote } from "@shared/votes";
import { VOTE_LIMITS, validChoices } from "@shared/votes";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useRequest } from "~/hooks/useRequest";
import { ErrorAlert } from "./ErrorAlert";
import { SubmitButton } from "./SubmitButton";
import { useChoiceLabel } from "./VoteLabels";

interface Props {
  vote: Vote;
  myBallot: OwnBallot | null;
  onCast(): void;
}

/**
 * Casting or changing a ballot: radio buttons for approve and consent (with a reason, required
 * for an objection), checkboxes for prioritise (up to K, checked here and by the server).
 */
export function VoteBallotForm({ vote, myBallot, onCast }: Props) {
  const { t } = useTranslation("votes");
  const choiceLabel = useChoiceLabel(vote);
  const [choices, setChoices] = useState<string[]>(myBallot?.choices ?? []);
  const [reason, setReason] = useState(myBallot?.reason ?? "");
  const [notice, setNotice] = useState("");
  const { error, busy: pending, run } = useRequest();
  const reasonId = useId();
  const countId = useId();
  const multiple = vote.kind === "prioritise";
  const max = vote.maxChoices ?? 1;
  const tooMany = multiple && choices.length > max;

  const toggle = (choice: string, checked: boolean) =>
    setChoices((current) =>
      multiple ? (checked ? [...current, choice] : current.filter((c) => c !== choice)) : [choice],
    );

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (tooMany) return;
    setNotice("");
    await run(async () => {
      await api.put<BallotResponse>(
        `/api/workspaces/${encodeURIComponent(vote.workspaceId)}/votes/${encodeURIComponent(vote.id)}/ballot`,
        { choices, ...(vote.kind === "consent" && reason.trim() && { reason: reason.trim() }) },
      );
      setNotice(t("ballot.saved"));
      onCast();
    });
  };

  return (
    <form className="stack ballot" onSubmit={submit} aria-label={t("ballot.title")}>
      <fieldset aria-describedby={multiple ? countId : undefined}>
        <legend>{multiple ? t("ballot.pick", { count: max }) : t("ballot.choose")}</legend>
        {validChoices(vote).map((choice) => (
          <label key={choice} className="checkbox ballot-choice">
            <input
              type={multiple ? "checkbox" : "radio"}
              name="choice"
              value={choice}
              checked={choices.includes(choice)}
              onChange={(event) => toggle(choice, event.target.checked)}
              required={!multiple}
            />
            {choiceLabel(choice)}
          </label>
        ))}
        {multiple && (
          <p id={countId} className={tooMany ? "alert" : "hint"} aria-live="polite">
            {tooMany
              ? t("ballot.tooMany", { count: max })
              : t("ballot.picked", { count: choices.length, max })}
          </p>
        )}
      </fieldset>
      {vote.kind === "consent" && (
        <div className="field">
          <label htmlFor={reasonId}>{t("ballot.reason")}</label>
          <p className="hint" id={`${reasonId}-hint`}>
            {t("ballot.reasonHint")}
          </p>
          <textarea
            id={reasonId}
            aria-describedby={`${reasonId}-hint`}
            rows={3}
            value={reason}
            required={choices[0] === "object"}
            maxLength={VOTE_LIMITS.reasonMaxLength}
            onChange={(event) => setReason(event.target.value)}
          />
        </div>
      )}
      <ErrorAlert error={error} fieldLabels={{ choices: t("ballot.choose"), reason: t("ballot.reason") }} />
      <p className="notice" role="status">
        {notice}
      </p>
      <SubmitButton
        pending={pending}
        label={myBallot ? t("ballot.change") : t("ballot.cast")}
        pendingLabel={t("ballot.saving")}
      />
    </form>
  );
}
