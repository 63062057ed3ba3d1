import type { OpenVoteBody } from "@shared/voteBodies";
import type { TallyVisibility, VoteKind, VoteResponse, VoteSecrecy } from "@shared/votes";
import { VOTE_KINDS, VOTE_LIMITS } from "@shared/votes";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useRequest } from "~/hooks/useRequest";
import { ErrorAlert } from "./ErrorAlert";
import { Field, SelectField, TextField } from "./Field";
import { SubmitButton } from "./SubmitButton";

interface Props {
  workspaceId: string;
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

/** The facilitator's form to open a vote: question, kind (with options for prioritise), rules, deadline. */
export function VoteForm({ workspaceId, commitmentId, meetingId, onOpened }: Props) {
  const { t } = useTranslation("votes");
  const [kind, setKind] = useState<VoteKind>("approve");
  const [secrecy, setSecrecy] = useState<VoteSecrecy>("open");
  const [optionCount, setOptionCount] = useState(0);
  const { error, busy: pending, run } = useRequest();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    const common = {
      title: text("title"),
      ...(text("description") && { description: text("description") }),
      ...(commitmentId && { commitmentId }),
      ...(meetingId && { meetingId }),
      eligibility: text("eligibility") as OpenVoteBody["eligibility"],
      secrecy,
      tallies: (secrecy === "secret" ? "after_close" : text("tallies")) as TallyVisibility,
      ...(text("quorum") && { quorum: Number(text("quorum")) }),
      ...(text("closesAt") && { closesAt: new Date(text("closesAt")).toISOString() }),
    };
    const body: OpenVoteBody =
      kind === "prioritise"
        ? { ...common, kind, options: optionLines(text("options")), maxChoices: Number(text("maxChoices")) }
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
      {kind === "prioritise" && (
        <div className="field-row">
          <Field label={t("form.options")} hint={t("form.optionsHint")}>
            {(control) => (
              <textarea
                {...control}
                name="options"
                rows={5}
                required
                onChange={(event) => setOptionCount(optionLines(event.target.value).length)}
              />
            )}
          </Field>
          <TextField
            name="maxChoices"
            type="number"
            inputMode="numeric"
            label={t("form.maxChoices")}
            required
            min={1}
            max={Math.max(1, optionCount)}
            defaultValue={1}
          />
        </div>
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
          hint={t("form.closesAtHint")}
          optional
        />
      </div>
      {commitmentId && <p className="hint">{t("form.linkedCommitment")}</p>}
      {meetingId && <p className="hint">{t("form.linkedMeeting")}</p>}
      <ErrorAlert
        error={error}
        fieldLabels={{
          title: t("form.voteTitle"),
          description: t("form.description"),
          options: t("form.options"),
          maxChoices: t("form.maxChoices"),
          tallies: t("form.tallies"),
          quorum: t("form.quorum"),
          closesAt: t("form.closesAt"),
        }}
      />
      <SubmitButton pending={pending} label={t("form.submit")} pendingLabel={t("form.submitting")} />
    </form>
  );
}
