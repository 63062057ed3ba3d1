import type { PublicDraftResponse } from "@shared/publication";
import { PUBLIC_DRAFT_CACHE_MS } from "@shared/publication";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { ErrorAlert } from "./ErrorAlert";
import { VersionDocument } from "./VersionDocument";

/**
 * The live draft, read-only: fetched when shown and again every PUBLIC_DRAFT_CACHE_MS while it
 * stays shown (the server caches it for that long, so polling faster would gain nothing). `path`
 * names the cut: the whole draft, or a consultation's open commitments.
 */
export function PublicDraft({ path, commitmentsOnly }: { path: string; commitmentsOnly?: boolean }) {
  const { t, i18n } = useTranslation("public");
  const [draft, setDraft] = useState<PublicDraftResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.get<PublicDraftResponse>(path).then(
        (answer) => {
          if (!live) return;
          setDraft(answer);
          setError(null);
        },
        (failure: unknown) => {
          if (live) setError(failure);
        },
      );
    void load();
    const timer = setInterval(load, PUBLIC_DRAFT_CACHE_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [path]);
  return (
    <div data-testid="public-draft">
      <p className="hint">{t("draft.hint")}</p>
      <ErrorAlert error={error} />
      {draft && (
        <>
          <p className="meta" aria-live="polite">
            {t("draft.updated", {
              time: new Intl.DateTimeFormat(i18n.resolvedLanguage, { timeStyle: "short" }).format(
                new Date(draft.at),
              ),
            })}
          </p>
          <VersionDocument content={draft.content} commitmentsOnly={commitmentsOnly} />
        </>
      )}
    </div>
  );
}
