import { useTranslation } from "react-i18next";
import type { Awareness } from "y-protocols/awareness";
import { readableTextColor } from "./colors";
import { usePresence } from "./usePresence";

interface Props {
  awareness: Awareness;
  /** Names a location ("vision", a commitment id…) for display, or null when it is unknown. */
  describePlace(place: string): string | null;
}

/** Who is here, in their sector colour, and which part of the plan each is in. */
export function PresenceList({ awareness, describePlace }: Props) {
  const { t } = useTranslation("plan");
  const { t: tc } = useTranslation();
  const people = usePresence(awareness);
  return (
    <section className="presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="visually-hidden">
        {t("presence.heading")}
      </h2>
      <p className="presence-count">{t("presence.count", { count: people.length })}</p>
      <ul>
        {people.map(({ user, self, location }) => {
          // Not for yourself: you know where you are, and your own line must not grow under your click.
          const place = location && !self ? describePlace(location) : null;
          const sector = tc(`sectors.${user.sector}`);
          const detail = place ? `${sector} · ${t("presence.where", { place })}` : sector;
          return (
            <li key={user.id}>
              <span
                className="presence-name"
                style={{ backgroundColor: user.color, color: readableTextColor(user.color) }}
              >
                {self ? t("presence.you", { name: user.name }) : user.name}
              </span>
              <span className="presence-detail" title={detail}>
                {detail}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
