import { CONSULTATION_LIMITS, type InputKind, OFFLINE_CHANNELS } from "@shared/consultation";
import { LIMITS } from "@shared/limits";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { ErrorAlert } from "~/components/ErrorAlert";
import { SelectField, TextField } from "~/components/Field";
import { SubmitButton } from "~/components/SubmitButton";
import { useRequest } from "~/hooks/useRequest";
import { InputTopicFields, inputTopic } from "./InputForm";
import { SectorField } from "./SectorField";

/** A facilitator records an input received on paper, by phone, at a workshop or by radio. */
export function RecordInputForm({
  path,
  commitments,
  onRecorded,
}: {
  /** The consultation's member API path. */
  path: string;
  commitments: { id: string; title: string }[];
  onRecorded(): void;
}) {
  const { t } = useTranslation("consultation");
  const [kind, setKind] = useState<InputKind>("comment");
  const { error, busy, run } = useRequest();
  return (
    <form
      className="stack"
      aria-label={t("record.heading")}
      onSubmit={(event) => {
        event.preventDefault();
        const element = event.currentTarget;
        const form = new FormData(element);
        const optional = (name: string) => {
          const value = String(form.get(name) ?? "").trim();
          return value ? { [name]: value } : {};
        };
        const body = {
          ...inputTopic(form, kind),
          channel: String(form.get("channel")),
          sector: String(form.get("sector")),
          ...optional("name"),
          ...optional("community"),
        };
        void run(() => api.post(`${path}/inputs`, body)).then((done) => {
          if (!done) return;
          element.reset();
          onRecorded();
        });
      }}
    >
      <p className="hint">{t("record.intro")}</p>
      <SelectField
        name="channel"
        label={t("record.channel")}
        options={OFFLINE_CHANNELS.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
      />
      <InputTopicFields commitments={commitments} kind={kind} onKind={setKind} onBehalf />
      <TextField
        name="name"
        label={t("record.name")}
        hint={t("record.nameHint")}
        optional
        maxLength={LIMITS.nameMaxLength}
      />
      <SectorField label={t("record.sector")} choose={t("record.chooseSector")} />
      <TextField
        name="community"
        label={t("record.community")}
        hint={t("record.communityHint")}
        optional
        maxLength={CONSULTATION_LIMITS.communityMaxLength}
      />
      <ErrorAlert
        error={error}
        fieldLabels={{
          body: t("record.body"),
          name: t("record.name"),
          sector: t("record.sector"),
          community: t("record.community"),
        }}
      />
      <SubmitButton pending={busy} label={t("record.submit")} pendingLabel={t("record.pending")} />
    </form>
  );
}
