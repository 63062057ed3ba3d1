import { useTranslation } from "react-i18next";
import { InvitationsPanel } from "~/components/InvitationsPanel";
import { MemberList } from "~/components/MemberList";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useWorkspace } from "~/hooks/useWorkspace";

/** A workspace's members and, for facilitators, the invitation links. */
export function MembersPage() {
  const { t } = useTranslation("workspace");
  const { workspace, membership } = useWorkspace();
  usePageTitle(t("pageTitle", { workspace: workspace.name }));
  return (
    <>
      <MemberList />
      {membership.role === "facilitator" && <InvitationsPanel />}
    </>
  );
}
