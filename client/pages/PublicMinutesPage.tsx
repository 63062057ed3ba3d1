import type { PublicMinutes } from "@shared/publication";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "~/api";
import { ErrorAlert } from "~/components/ErrorAlert";
import { PageLoading } from "~/components/PageLoading";
import { useApiGet } from "~/hooks/useApiGet";
import { useFormatDate } from "~/hooks/useFormatDate";
import { usePageTitle } from "~/hooks/usePageTitle";
import "~/components/Public.css";

/** `/p/:slug/meetings/:meetingId`: a meeting's recorded minutes, when a facilitator published them. */
export function PublicMinutesPage() {
  const { t } = useTranslation("public");
  const { t: tc } = useTranslation();
  const { slug = "", meetingId = "" } = useParams();
  const formatDate = useFormatDate();
  const answer = useApiGet<{ minutes: PublicMinutes }>(
    `/api/public/workspaces/${encodeURIComponent(slug)}/meetings/${encodeURIComponent(meetingId)}/minutes`,
  );
  const minutes = answer.data?.minutes;
  usePageTitle(t("minutes.title", { title: minutes?.meeting.title ?? "" }));
  const back = <Link to={`/p/${encodeURIComponent(slug)}`}>{t("minutes.back")}</Link>;
  if (answer.error) {
    const missing = answer.error instanceof ApiError && answer.error.status === 404;
    return (
      <div className="page public-page">
        {missing ? (
          <div className="alert" role="alert">
            <p>{t("notPublished")}</p>
          </div>
        ) : (
          <ErrorAlert error={answer.error} />
        )}
        <p>{back}</p>
      </div>
    );
  }
  if (!minutes) return <PageLoading />;
  return (
    <article className="page public-page">
      <p className="no-print">{back}</p>
      <h1>{t("minutes.title", { title: minutes.meeting.title })}</h1>
      <p className="meta">{t("minutes.recorded", { date: formatDate(minutes.recordedAt) })}</p>
      <h2>{t("minutes.attendance")}</h2>
      <ul>
        {minutes.attendance.map((a) => (
          <li key={a.sector}>
            {t("minutes.attendanceLine", { sector: tc(`sectors.${a.sector}`), count: a.count })}
            {a.people.length > 0 && ` — ${a.people.join(", ")}`}
          </li>
        ))}
      </ul>
      <h2>{t("minutes.decisions")}</h2>
      {minutes.decisions.length === 0 ? (
        <p className="hint">{t("minutes.noDecisions")}</p>
      ) : (
        <ul>
          {minutes.decisions.map((d) => (
            <li key={`${d.kind}-${d.what}`}>
              {d.what}
              {d.who && ` · ${t("minutes.who", { who: d.who })}`}
              {d.dueDate && ` · ${t("minutes.due", { date: formatDate(d.dueDate) })}`}
            </li>
          ))}
        </ul>
      )}
      <h2>{t("minutes.items")}</h2>
      {minutes.items.map((item) => (
        <section key={item.id}>
          <h3>{item.title}</h3>
          <p className="meta">
            {t("minutes.plannedActual", { planned: item.plannedMinutes, actual: item.actualMinutes })}
          </p>
          {item.notes && <p className="notes">{item.notes}</p>}
          {[...item.categories.flatMap((c) => c.cards), ...item.uncategorised].length > 0 && (
            <>
              <h4>{t("minutes.cards")}</h4>
              <ul>
                {item.categories.map((c) => (
                  <li key={c.name}>
                    <strong>{c.name}</strong>: {c.cards.join("; ")}
                  </li>
                ))}
                {item.uncategorised.map((card) => (
                  <li key={card}>{card}</li>
                ))}
              </ul>
            </>
          )}
        </section>
      ))}
    </article>
  );
}
