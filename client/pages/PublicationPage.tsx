import type { ThreadsResponse } from "@shared/comments";
import type { MeetingSummary } from "@shared/meetings";
import type { PublicationResponse, PublicationSettings } from "@shared/publication";
import { hasRole } from "@shared/roles";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "~/api";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { RoadmapEditor } from "~/components/RoadmapEditor";
import { useApiGet } from "~/hooks/useApiGet";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useRequest } from "~/hooks/useRequest";
import { useWorkspace } from "~/hooks/useWorkspace";
import "~/components/Public.css";

/** A checkbox list of records to publish, by id. */
function Checklist({
  legend,
  empty,
  options,
  chosen,
  onChange,
}: {
  legend: string;
  empty: string;
  options: { id: string; label: string }[];
  chosen: string[];
  onChange(ids: string[]): void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.length === 0 && <p className="hint">{empty}</p>}
      {options.map((option) => (
        <label key={option.id} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(option.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id))
            }
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

function SettingsForm({ initial, workspaceId }: { initial: PublicationSettings; workspaceId: string }) {
  const { t } = useTranslation("public");
  const headingId = useId();
  const [settings, setSettings] = useState(initial);
  const [saved, setSaved] = useState(false);
  const { error, busy, run } = useRequest();
  const meetings = useApiGet<{ meetings: MeetingSummary[] }>(`/api/workspaces/${workspaceId}/meetings`);
  const threads = useApiGet<ThreadsResponse>(`/api/workspaces/${workspaceId}/threads`);
  const set = (patch: Partial<PublicationSettings>) => {
    setSaved(false);
    setSettings((s) => ({ ...s, ...patch }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => api.put(`/api/workspaces/${workspaceId}/publication`, settings))) setSaved(true);
  };
  const ended = (meetings.data?.meetings ?? []).filter((m) => m.status === "ended");
  const inputs = (threads.data?.threads ?? []).flatMap((thread) => {
    const body = thread.comments[0]?.body;
    return body && thread.open
      ? [{ id: thread.id, label: body.length > 120 ? `${body.slice(0, 120)}…` : body }]
      : [];
  });
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("settings.title")}</h2>
      <form onSubmit={submit}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.published}
            onChange={(e) => set({ published: e.target.checked })}
          />
          {t("settings.published")}
        </label>
        <p className="hint">{t("settings.publishedHint")}</p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.showDraft}
            onChange={(e) => set({ showDraft: e.target.checked })}
          />
          {t("settings.showDraft")}
        </label>
        <Checklist
          legend={t("settings.minutes")}
          empty={t("settings.noMinutes")}
          options={ended.map((m) => ({ id: m.id, label: m.title }))}
          chosen={settings.minutes}
          onChange={(minutes) => set({ minutes })}
        />
        <Checklist
          legend={t("settings.inputs")}
          empty={t("settings.noInputs")}
          options={inputs}
          chosen={settings.inputs}
          onChange={(inputIds) => set({ inputs: inputIds })}
        />
        <ErrorAlert error={error} />
        <button type="submit" disabled={busy}>
          {t("settings.save")}
        </button>
        {saved && (
          <p role="status" className="hint">
            {t("settings.saved")}
          </p>
        )}
      </form>
    </section>
  );
}

function ConsentForm({ initial, workspaceId }: { initial: boolean; workspaceId: string }) {
  const { t } = useTranslation("public");
  const headingId = useId();
  const [showName, setShowName] = useState(initial);
  const [saved, setSaved] = useState(false);
  const { error, busy, run } = useRequest();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => api.put(`/api/workspaces/${workspaceId}/publication/consent`, { showName })))
      setSaved(true);
  };
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("settings.consent")}</h2>
      <form onSubmit={submit}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={showName}
            onChange={(e) => {
              setSaved(false);
              setShowName(e.target.checked);
            }}
          />
          {t("settings.consentLabel")}
        </label>
        <p className="hint">{t("settings.consentHint")}</p>
        <ErrorAlert error={error} />
        <button type="submit" className="secondary" disabled={busy}>
          {t("settings.consentSave")}
        </button>
        {saved && (
          <p role="status" className="hint">
            {t("settings.saved")}
          </p>
        )}
      </form>
    </section>
  );
}

/**
 * `/w/:id/public`: what the public process page shows (facilitators choose), the roadmap
 * (facilitators edit), and every member's own consent to be named there.
 */
export function PublicationPage() {
  const { t } = useTranslation("public");
  const { workspace, membership } = useWorkspace();
  usePageTitle(t("settings.title"));
  const answer = useApiGet<PublicationResponse>(`/api/workspaces/${workspace.id}/publication`);
  if (answer.error) return <ErrorAlert error={answer.error} />;
  if (!answer.data) return <PageLoading />;
  const facilitator = hasRole(membership.role, "facilitator");
  const address = `/p/${workspace.slug}`;
  return (
    <div className="publication-page">
      <h1>{t("settings.title")}</h1>
      <p>{t("settings.intro")}</p>
      <p>
        {t("settings.address")}: <Link to={address}>{`${window.location.origin}${address}`}</Link>
      </p>
      {facilitator ? (
        <>
          <SettingsForm initial={answer.data.settings} workspaceId={workspace.id} />
          <RoadmapEditor workspaceId={workspace.id} initial={answer.data.roadmap} onSaved={answer.reload} />
        </>
      ) : (
        <p className="hint">{t("settings.readOnly")}</p>
      )}
      <ConsentForm initial={answer.data.showName} workspaceId={workspace.id} />
    </div>
  );
}
