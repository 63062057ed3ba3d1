import type { OpenVoteBody } from "@shared/voteBodies";
import type { PlanCommitment, TallyVisibility, VoteKind, VoteResponse, VoteSecrecy } from "@shared/votes";
import { VOTE_KINDS, VOTE_LIMITS } from "@shared/votes";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useRequest } from "~/hooks/useRequest";
import { ErrorAlert } from "./ErrorAlert";
import { Field, SelectField, TextField } from "./Field";
import { SubmitButton } from "./SubmitButton";
import { useCommitmentName } from "./VoteLabels";

interface Props {
  workspaceId: string;
  /** The plan's commitments, to link the vote to one or offer them as options; undefined while loading. */
  commitments: PlanCommitment[] | undefined;
  /** The workspace's maximum of commitments: K when the facilitator offers every commitment. */
  maxCommitments: number;
  /** Set when the facilitator came from a commitment or a meeting: the vote is linked to it. */
  commitmentId?: string;
  meetingId?: string;
  onOpened(vote: VoteResponse["vote"]): void;
}

const optionLines = (text: string): string[] =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** "2026-11-30T14:05" for now in the reader's time zone: the earliest deadline a datetime-local input offers. */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * The facilitator's form to open a vote: question, kind, the commitment it is about, options for
 * prioritise (commitments of the plan by id — the server labels them — and options of one's own),
 * rules, deadline.
 */
export function VoteForm({
  workspaceId,
  commitments,
  maxCommitments,
  commitmentId,
  meetingId,
  onOpened,
}: Props) {
  const { t } = useTranslation("votes");
  const commitmentName = useCommitmentName();
  const [kind, setKind] = useState<VoteKind>("approve");
  const [secrecy, setSecrecy] = useState<VoteSecrecy>("open");
  const [about, setAbout] = useState(commitmentId ?? "");
  const [picked, setPicked] = useState<string[]>([]);
  const [otherCount, setOtherCount] = useState(0);
  const [maxChoices, setMaxChoices] = useState("1");
  const { error, busy: pending, run } = useRequest();
  const countId = useId();
  const plan = commitments ?? [];
  const titled = plan.filter((commitment) => commitment.title !== "");
  const optionCount = picked.length + otherCount;

  const togglePicked = (id: string, checked: boolean) =>
    setPicked((current) => (checked ? [...current, id] : current.filter((other) => other !== id)));
  const offerAll = () => {
    setPicked(titled.map((commitment) => commitment.id));
    setMaxChoices(String(Math.max(1, Math.min(maxCommitments, titled.length + otherCount))));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const common = {
      title: text("title"),
      ...(text("description") && { description: text("description") }),
      ...(about && { commitmentId: about }),
      ...(meetingId && { meetingId }),
      eligibility: text("eligibility") as OpenVoteBody["eligibility"],
      secrecy,
      tallies: (secrecy === "secret" ? "after_close" : text("tallies")) as TallyVisibility,
      ...(text("quorum") && { quorum: Number(text("quorum")) }),
      ...(text("closesAt") && { closesAt: new Date(text("closesAt")).toISOString() }),
    };
    // Commitments in the plan's order, then the facilitator's own options.
    const options = [
      ...plan.filter((commitment) => picked.includes(commitment.id)).map(({ id }) => ({ commitmentId: id })),
      ...optionLines(text("options")),
    ];
    const body: OpenVoteBody =
      kind === "prioritise"
        ? { ...common, kind, options, maxChoices: Number(maxChoices) }
        : { ...common, kind };
    await run(async () => {
      const { vote } = await api.post<VoteResponse>(
        `/api/workspaces/${encodeURIComponent(workspaceId)}/votes`,
        body,
      );
      onOpened(vote);
    });
  };

  return (
    <form className="stack" onSubmit={submit} aria-label={t("form.label")}>
      <TextField
        name="title"
        label={t("form.voteTitle")}
        hint={t("form.voteTitleHint")}
        required
        maxLength={VOTE_LIMITS.titleMaxLength}
      />
      <Field label={t("form.description")} optional>
        {(control) => (
          <textarea {...control} name="description" rows={2} maxLength={VOTE_LIMITS.descriptionMaxLength} />
        )}
      </Field>
      <SelectField
        name="kind"
        label={t("form.kind")}
        value={kind}
        onChange={(event) => setKind(event.target.value as VoteKind)}
        options={VOTE_KINDS.map((value) => ({ value, label: t(`kindName.${value}`) }))}
      />
      <SelectField
        name="commitmentId"
        label={t("form.commitment")}
        hint={commitments ? undefined : t("form.commitmentsLoading")}
        optional
        value={about}
        onChange={(event) => setAbout(event.target.value)}
        options={[
          { value: "", label: t("form.commitmentNone") },
          ...plan.map((commitment, index) => ({
            value: commitment.id,
            label: commitmentName(commitment, index),
          })),
        ]}
      />
      {kind === "prioritise" && (
        <fieldset className="vote-options" aria-describedby={countId}>
          <legend>{t("form.options")}</legend>
          <p className="hint">{t("form.optionsHint")}</p>
          {plan.length === 0 ? (
            commitments && <p>{t("form.planEmpty")}</p>
          ) : (
            <fieldset>
              <legend>{t("form.fromPlan")}</legend>
              <div className="actions">
                <button type="button" className="secondary" onClick={offerAll}>
                  {t("form.useAllCommitments")}
                </button>
              </div>
              {plan.map((commitment, index) => (
                <label key={commitment.id} className="checkbox ballot-choice">
                  <input
                    type="checkbox"
                    checked={picked.includes(commitment.id)}
                    disabled={commitment.title === ""}
                    onChange={(event) => togglePicked(commitment.id, event.target.checked)}
                  />
                  {commitmentName(commitment, index)}
                </label>
              ))}
            </fieldset>
          )}
          <Field
            label={t("form.otherOptions")}
            hint={t("form.otherOptionsHint")}
            optional={picked.length > 0}
          >
            {(control) => (
              <textarea
                {...control}
                name="options"
                rows={4}
                onChange={(event) => setOtherCount(optionLines(event.target.value).length)}
              />
            )}
          </Field>
          <p id={countId} className="hint" aria-live="polite">
            {t("form.optionCount", { count: optionCount })}
          </p>
        </fieldset>
      )}
      {kind === "prioritise" && (
        <TextField
          name="maxChoices"
          type="number"
          inputMode="numeric"
          label={t("form.maxChoices")}
          required
          min={1}
          max={Math.max(1, optionCount)}
          value={maxChoices}
          onChange={(event) => setMaxChoices(event.target.value)}
        />
      )}
      <div className="field-row">
        <SelectField
          name="eligibility"
          label={t("form.eligibility")}
          defaultValue="commenter"
          options={[
            { value: "commenter", label: t("form.eligibilityCommenter") },
            { value: "drafter", label: t("form.eligibilityDrafter") },
          ]}
        />
        <SelectField
          name="secrecy"
          label={t("form.secrecy")}
          value={secrecy}
          onChange={(event) => setSecrecy(event.target.value as VoteSecrecy)}
          options={[
            { value: "open", label: t("form.secrecyOpen") },
            { value: "secret", label: t("form.secrecySecret") },
          ]}
        />
      </div>
      <SelectField
        // A secret vote's tallies always wait for the close; the select then says so and is locked.
        key={secrecy}
        name="tallies"
        label={t("form.tallies")}
        hint={secrecy === "secret" ? t("form.talliesSecretHint") : undefined}
        disabled={secrecy === "secret"}
        defaultValue={secrecy === "secret" ? "after_close" : "live"}
        options={[
          { value: "live", label: t("form.talliesLive") },
          { value: "after_close", label: t("form.talliesAfterClose") },
        ]}
      />
      <div className="field-row">
        <TextField
          name="quorum"
          type="number"
          inputMode="numeric"
          label={t("form.quorum")}
          optional
          min={1}
          max={VOTE_LIMITS.maxQuorum}
        />
        <TextField
          name="closesAt"
          type="datetime-local"
          label={t("form.closesAt")}
          hint={t("form.closesAtHint", { zone: Intl.DateTimeFormat().resolvedOptions().timeZone })}
          optional
          min={localNow()}
        />
      </div>
      {meetingId && <p className="hint">{t("form.linkedMeeting")}</p>}
      <ErrorAlert
        error={error}
        fieldLabels={{
          title: t("form.voteTitle"),
          description: t("form.description"),
          commitmentId: t("form.commitment"),
          options: t("form.options"),
          // The server names an option by its position, e.g. "options.2" for an unknown commitment.
          ...Object.fromEntries(
            Array.from({ length: optionCount }, (_, index) => [`options.${index}`, t("form.options")]),
          ),
          maxChoices: t("form.maxChoices"),
          tallies: t("form.tallies"),
          quorum: t("form.quorum"),
          closesAt: t("form.closesAt"),
          meetingId: t("duringMeeting"),
        }}
      />
      <SubmitButton pending={pending} label={t("form.submit")} pendingLabel={t("form.submitting")} />
    </form>
  );
}
