import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CreateWorkspaceForm } from "~/components/CreateWorkspaceForm";
import { WorkspaceList } from "~/components/WorkspaceList";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useSession } from "~/hooks/useSession";

/** Signed out: what Cocrea is and how to start. Signed in: my workspaces and a form for a new one. */
export function HomePage() {
  const { user } = useSession();
  return user ? <MyWorkspaces name={user.name} /> : <Welcome />;
}

function Welcome() {
  const { t } = useTranslation("home");
  usePageTitle(t("welcome.pageTitle"));
  return (
    <div className="page">
      <h1>{t("welcome.title")}</h1>
      <p className="lead">{t("welcome.what")}</p>
      <p>{t("welcome.how")}</p>
      <p className="cta">
        <Link className="button" to="/signup">
          {t("welcome.signUp")}
        </Link>
        <Link className="button secondary" to="/signin">
          {t("welcome.signIn")}
        </Link>
      </p>
    </div>
  );
}

function MyWorkspaces({ name }: { name: string }) {
  const { t } = useTranslation("home");
  const listId = useId();
  const createId = useId();
  usePageTitle(t("workspaces.pageTitle"));
  return (
    <div className="page">
      <h1>{t("workspaces.greeting", { name })}</h1>
      <section className="panel" aria-labelledby={listId}>
        <h2 id={listId}>{t("workspaces.title")}</h2>
        <WorkspaceList />
      </section>
      <section className="panel" aria-labelledby={createId}>
        <h2 id={createId}>{t("create.title")}</h2>
        <p>{t("create.intro")}</p>
        <CreateWorkspaceForm />
      </section>
    </div>
  );
}
