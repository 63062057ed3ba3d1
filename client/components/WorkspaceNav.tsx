import type { ParseKeys } from "i18next";
import {
  CalendarClock,
  ChartNoAxesColumn,
  FileText,
  Globe,
  Home,
  type LucideIcon,
  Megaphone,
  ShieldCheck,
  Users,
  Vote,
} from "lucide-react";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";

/**
 * Links to the sections of a workspace (see `workspaceSections` in routes.tsx). `to` is relative
 * to /w/:workspaceId; `end` keeps the home link from matching every sub-path.
 */
const SECTIONS: { to: string; label: ParseKeys<"common">; icon: LucideIcon; end?: boolean }[] = [
  { to: "", label: "nav.home", icon: Home, end: true },
  { to: "plan", label: "nav.plan", icon: FileText },
  { to: "meetings", label: "nav.meetings", icon: CalendarClock },
  { to: "votes", label: "nav.votes", icon: Vote },
  { to: "versions", label: "nav.versions", icon: ShieldCheck },
  { to: "record", label: "nav.record", icon: ChartNoAxesColumn },
  { to: "members", label: "nav.members", icon: Users },
  { to: "consultation", label: "nav.consultation", icon: Megaphone },
  { to: "public", label: "nav.public", icon: Globe },
];

/** One row of sections; on a phone it scrolls sideways rather than wrapping into a tall block. */
export function WorkspaceNav({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  return (
    <nav className="workspace-nav" aria-label={t("nav.workspaceLabel")}>
      <ul>
        {SECTIONS.map(({ to, label, icon: Icon, end }) => (
          <li key={to}>
            <NavLink to={to ? `${base}/${to}` : base} end={end}>
              <Icon aria-hidden="true" size={18} />
              {t(label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
