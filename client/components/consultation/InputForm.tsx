import { CONSULTATION_LIMITS, type InputKind } from "@shared/consultation";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { ErrorAlert } from "~/components/ErrorAlert";
import { Field, SelectField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { useRequest } from "~/hooks/useRequest";

/** What an input is about: a comment on the whole draft or one commitment, or a new idea. */
export function InputTopicFields({
  commitments,
  kind,
  onKind,
  onBehalf = false,
}: {
  commitments: { id: string; title: string }[];
  kind: InputKind;
  onKind(kind: InputKind): void;
  /** Typed by a facilitator for someone else: the labels speak of "the person", not "you". */
  onBehalf?: boolean;
}) {
  const { t } = useTranslation("consultation");
  return (
    <>
      <fieldset>
        <legend>{t(onBehalf ? "record.kind" : "input.kind")}</legend>
        {(["comment", "idea"] as const).map((value) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name="kind"
              value={value}
              checked={kind === value}
              onChange={() => onKind(value)}
            />
            {t(`kind.${value}`)}
          </label>
        ))}
      </fieldset>
      {kind === "comment" && (
        <SelectField
          name="commitmentId"
          label={t("input.commitment")}
          options={[
            { value: "", label: t("input.wholeDraft") },
            ...commitments.map((c) => ({ value: c.id, label: c.title })),
          ]}
        />
      )}
      <Field
        label={t(onBehalf ? "record.body" : "input.body")}
        hint={t(onBehalf ? "record.bodyHint" : "input.bodyHint")}
      >
        {(control) => (
          <textarea
            {...control}
            name="body"
            required
            rows={5}
            maxLength={CONSULTATION_LIMITS.inputMaxLength}
          />
        )}
      </Field>
    </>
  );
}

/** The topic and text of an input form, as a request body. */
export function inputTopic(form: FormData, kind: InputKind) {
  const commitmentId = String(form.get("commitmentId") ?? "");
  const body = String(form.get("body"));
  return kind === "idea" ? { kind, body } : { kind, commitmentId: commitmentId || null, body };
}

/** A participant sends an input; the form empties and thanks them once it is published. */
export function InputForm({
  consultationId,
  commitments,
  onSent,
}: {
  consultationId: string;
  commitments: { id: string; title: string }[];
  onSent(): void;
}) {
  const { t } = useTranslation("consultation");
  const [kind, setKind] = useState<InputKind>("comment");
  const [sent, setSent] = useState(false);
  const { error, busy, run } = useRequest();
  return (
    <form
      className="stack"
      aria-label={t("input.heading")}
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget;
        const body = inputTopic(new FormData(element), kind);
        setSent(false);
        void run(() =>
          api.post(`/api/consultations/${encodeURIComponent(consultationId)}/inputs`, body),
        ).then((done) => {
          if (!done) return;
          element.reset();
          setSent(true);
          onSent();
        });
      }}
    >
      <InputTopicFields commitments={commitments} kind={kind} onKind={setKind} />
      <ErrorAlert
        error={error}
        fieldLabels={{ body: t("input.body"), commitmentId: t("input.commitment") }}
      />
      <p className="notice" role="status">
        {sent ? t("input.sent") : ""}
      </p>
      <SubmitButton pending={busy} label={t("input.submit")} pendingLabel={t("input.pending")} />
    </form>
  );
}
