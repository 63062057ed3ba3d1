import type { InvitationPreviewResponse, InvitationRefusal, MembershipResponse } from "@shared/api";
import { LIMITS } from "@shared/limits";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, api } from "~/api";
import { ErrorAlert } from "~/components/ErrorAlert";
import { TextField } from "~/components/Field";
import { PageLoading } from "~/components/PageLoading";
import { SignInForm } from "~/components/SignInForm";
import { SignUpForm } from "~/components/SignUpForm";
import { SubmitButton } from "~/components/SubmitButton";
import { useApiGet } from "~/hooks/useApiGet";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useSession } from "~/hooks/useSession";

/** Why a link cannot be used: the preview's own reason, or a refused or malformed token. */
function unusableReason(
  preview: InvitationPreviewResponse | undefined,
  error: unknown,
): InvitationRefusal | "not_found" | "unusable" | null {
  if (preview) return preview.invitation.usable ? null : (preview.invitation.unusableReason ?? "unusable");
  if (!(error instanceof ApiError)) return null;
  // 410 Gone carries the refusal (expired, revoked, used up) as its code.
  if (error.status === 410) return error.code as InvitationRefusal;
  // A token that is malformed (400) or unknown (404) is, for the reader, a link that does not exist.
  return error.status === 400 || error.status === 404 ? "not_found" : null;
}

/** /join/:token — what the invitation offers; sign up or sign in right here; then join. */
export function JoinPage() {
  const { t } = useTranslation("join");
  const { t: tc } = useTranslation();
  const { token = "" } = useParams();
  const { user } = useSession();
  usePageTitle(t("pageTitle"));
  const { data, error } = useApiGet<InvitationPreviewResponse>(
    `/api/invitations/${encodeURIComponent(token)}`,
  );

  if (!data && !error) return <PageLoading />;
  const reason = unusableReason(data, error);
  if (!data || reason) {
    return (
      <div className="page narrow">
        <h1>{t("unusable.title")}</h1>
        {reason ? <p>{t(`unusable.${reason}`)}</p> : <ErrorAlert error={error} />}
        <p>{t("unusable.askAgain")}</p>
        <p>
          <Link to="/">{t("unusable.home")}</Link>
        </p>
      </div>
    );
  }

  const { invitation } = data;
  return (
    <div className="page narrow">
      <h1>{t("title", { workspace: invitation.workspace.name })}</h1>
      <dl className="facts">
        <div>
          <dt>{t("jurisdiction")}</dt>
          <dd>{invitation.workspace.jurisdiction}</dd>
        </div>
        <div>
          <dt>{t("role")}</dt>
          <dd>{tc(`roles.${invitation.role}`)}</dd>
        </div>
        <div>
          <dt>{t("sector")}</dt>
          <dd>{tc(`sectors.${invitation.sector}`)}</dd>
        </div>
      </dl>
      <p className="hint">{t(`roleMeans.${invitation.role}`)}</p>
      {user ? <JoinForm token={token} name={user.name} /> : <SignUpOrIn />}
    </div>
  );
}

/** Account first, without leaving the page: once signed in, the join form replaces this. */
function SignUpOrIn() {
  const { t } = useTranslation("join");
  const [mode, setMode] = useState<"signUp" | "signIn">("signUp");
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{mode === "signUp" ? t("account.signUpTitle") : t("account.signInTitle")}</h2>
      <p>{t("account.why")}</p>
      {mode === "signUp" ? <SignUpForm /> : <SignInForm />}
      <p>
        <button
          type="button"
          className="link-button"
          onClick={() => setMode(mode === "signUp" ? "signIn" : "signUp")}
        >
          {mode === "signUp" ? t("account.toSignIn") : t("account.toSignUp")}
        </button>
      </p>
    </section>
  );
}

function JoinForm({ token, name }: { token: string; name: string }) {
  const { t } = useTranslation("join");
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const organization = String(new FormData(event.currentTarget).get("organization") ?? "").trim();
    setPending(true);
    setError(null);
    try {
      const { membership } = await api.post<MembershipResponse>(
        `/api/invitations/${encodeURIComponent(token)}/accept`,
        organization ? { organization } : {},
      );
      navigate(`/w/${encodeURIComponent(membership.workspaceId)}`);
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  };

  return (
    <form className="stack panel" onSubmit={submit} aria-label={t("joinForm.label")}>
      <p>{t("joinForm.as", { name })}</p>
      <TextField
        name="organization"
        label={t("joinForm.organization")}
        hint={t("joinForm.organizationHint")}
        optional
        autoComplete="organization"
        maxLength={LIMITS.organizationMaxLength}
      />
      <ErrorAlert error={error} fieldLabels={{ organization: t("joinForm.organization") }} />
      <SubmitButton pending={pending} label={t("joinForm.submit")} pendingLabel={t("joinForm.pending")} />
    </form>
  );
}
