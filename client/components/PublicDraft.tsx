import type { PublicDraftResponse } from "@shared/publication";
import { PUBLIC_DRAFT_CACHE_MS } from "@shared/publication";
import type { PublicLiveChannel } from "@shared/publicLive";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "~/api";
import { useFormatTime } from "~/hooks/useFormatDate";
import { usePublicLive } from "~/hooks/usePublicLive";
import { ErrorAlert } from "./ErrorAlert";
import { VersionDocument } from "./VersionDocument";

/**
 * The live draft, read-only. The plan's text arrives live over a read-only socket (`live`: the
 * workspace and which cut); the rest of the draft (the workspace's facts) is fetched once, and the
 * whole draft is fetched again every PUBLIC_DRAFT_CACHE_MS whenever the socket is down (the server
 * caches it for that long, so polling faster would gain nothing). `path` names the REST cut: the
 * whole draft, or a consultation's open commitments.
 */
export function PublicDraft({
  path,
  live,
  commitmentsOnly,
}: {
  path: string;
  live: { slug: string; channel: PublicLiveChannel };
  commitmentsOnly?: boolean;
}) {
  const { t } = useTranslation("public");
  const formatTime = useFormatTime();
  const [draft, setDraft] = useState<PublicDraftResponse | null>(null);
  const [error, setError] = useState<unknown>(null);
  const livePlan = usePublicLive(live.slug, live.channel);
  const isLive = useRef(false);
  isLive.current = livePlan !== null;
  useEffect(() => {
    let mounted = true;
    const load = () =>
      api.get<PublicDraftResponse>(path).then(
        (answer) => {
          if (!mounted) return;
          setDraft(answer);
          setError(null);
        },
        (failure: unknown) => {
          if (mounted) setError(failure);
        },
      );
    void load();
    const timer = setInterval(() => {
      if (!isLive.current) void load();
    }, PUBLIC_DRAFT_CACHE_MS);
    return () => {
      mounted = false;
      clearInterval(timer);
    };
  }, [path]);
  const content = useMemo(
    () => (draft && livePlan ? { ...draft.content, plan: livePlan } : draft?.content),
    [draft, livePlan],
  );
  return (
    <div data-testid="public-draft" data-live={livePlan ? "true" : "false"}>
      <p className="hint">{t("draft.hint")}</p>
      <ErrorAlert error={livePlan ? null : error} />
      {draft && content && (
        <>
          <p className="meta" aria-live="polite">
            {livePlan
              ? t("draft.live")
              : t("draft.updated", {
                  time: formatTime(draft.at),
                })}
          </p>
          <VersionDocument content={content} commitmentsOnly={commitmentsOnly} />
        </>
      )}
    </div>
  );
}
