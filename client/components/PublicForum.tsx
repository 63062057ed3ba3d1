import type { PublicForumSector } from "@shared/publication";
import { useTranslation } from "react-i18next";

/** The forum by sector: each organisation with its head count and the names of those who agreed. */
export function PublicForum({ forum }: { forum: PublicForumSector[] }) {
  const { t } = useTranslation("public");
  const { t: tc } = useTranslation();
  return (
    <>
      <p className="hint">{t("forum.intro")}</p>
      {forum.map(({ sector, organizations }) => (
        <section key={sector} className="forum-sector">
          <h3>{tc(`sectors.${sector}`)}</h3>
          <ul>
            {organizations.map((org) => (
              <li key={org.name ?? ""}>
                <strong>{org.name ?? t("forum.noOrganization")}</strong>{" "}
                <span className="meta">{t("forum.members", { count: org.members })}</span>
                {org.people.length > 0 && <div>{org.people.join(", ")}</div>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
