import type { ParseKeys } from "i18next";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/**
 * Links to the sections of a workspace (see `workspaceSections` in routes.tsx). `to` is relative
 * to /w/:workspaceId; `end` keeps the overview link from matching every sub-path.
 */
const SECTIONS: { to: string; label: ParseKeys<"common">; end?: boolean }[] = [
  { to: "", label: "nav.members", end: true },
  { to: "plan", label: "nav.plan" },
  { to: "votes", label: "nav.votes" },
  { to: "meetings", label: "nav.meetings" },
  { to: "versions", label: "nav.versions" },
  { to: "public", label: "nav.public" },
];

export function WorkspaceNav({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  return (
    <nav className="workspace-nav" aria-label={t("nav.workspaceLabel")}>
      <ul>
        {SECTIONS.map((section) => (
          <li key={section.to}>
            <NavLink to={section.to ? `${base}/${section.to}` : base} end={section.end}>
              {t(section.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
