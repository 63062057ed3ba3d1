import {
  type FreezeStatusResponse,
  fieldAnchor,
  type Proposal,
  type ProposalResponse,
  type SelfCheckProblem,
} from "@shared/freeze";
import { hasRole } from "@shared/roles";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api } from "~/api";
import { useApiGet } from "~/hooks/useApiGet";
import { useFormatDate } from "~/hooks/useFormatDate";
import { useRequest } from "~/hooks/useRequest";
import { useSession } from "~/hooks/useSession";
import { useWorkspace } from "~/hooks/useWorkspace";
import { ConfirmDialog } from "./ConfirmDialog";
import { ErrorAlert } from "./ErrorAlert";
import { FreezeSignatures } from "./FreezeSignatures";
import { ProposalReading } from "./ProposalReading";
import { SignOffProgress, SignOffRulesView } from "./SignOffRulesView";
import { announceSuccess } from "./Toasts";

/**
 * The freeze panel: the self-check of the draft (each problem linked to its field on the plan
 * page), proposing for facilitators, and the open proposal's fingerprint, sign-off and withdrawal.
 */
export function FreezePanel({ onPublished }: { onPublished(number: number): void }) {
  const { t } = useTranslation("versions");
  const { workspace, membership, revision } = useWorkspace();
  const headingId = useId();
  const base = `/api/workspaces/${encodeURIComponent(workspace.id)}`;
  const { data, error, reload } = useApiGet<FreezeStatusResponse>(`${base}/freeze`, revision);
  const { error: actionError, busy, run } = useRequest();
  const [confirmingProposal, setConfirmingProposal] = useState(false);
  const isFacilitator = membership.role === "facilitator";

  async function propose() {
    setConfirmingProposal(false);
    await run(async () => {
      await api.post(`${base}/proposals`);
      reload();
      announceSuccess(t("freeze.proposed"));
    });
  }

  return (
    <section className="panel freeze-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("freeze.heading")}</h2>
      <p>{t("freeze.intro")}</p>
      <ErrorAlert error={error} />
      {data?.proposal ? (
        <OpenProposal proposal={data.proposal} onChanged={reload} onPublished={onPublished} />
      ) : (
        data && (
          <>
            <SelfCheck
              problems={data.check.problems}
              blocking={data.check.blocking}
              warnings={data.check.warnings}
            />
            {isFacilitator ? (
              <div className="actions">
                <button
                  type="button"
                  onClick={() => setConfirmingProposal(true)}
                  disabled={busy || data.check.blocking > 0}
                >
                  {busy ? t("freeze.proposing") : t("freeze.propose")}
                </button>
              </div>
            ) : (
              <p className="hint">{t("freeze.onlyFacilitators")}</p>
            )}
            {isFacilitator && data.check.blocking > 0 && <p className="hint">{t("freeze.blocked")}</p>}
          </>
        )
      )}
      {confirmingProposal && data && (
        <ConfirmDialog
          tone="primary"
          title={t("freeze.proposeConfirmTitle")}
          message={
            <>
              <p>{t("freeze.proposeConfirmMessage")}</p>
              {data.check.warnings > 0 && (
                <p>{t("freeze.proposeConfirmWarnings", { count: data.check.warnings })}</p>
              )}
            </>
          }
          confirmLabel={t("freeze.propose")}
          onConfirm={propose}
          onCancel={() => setConfirmingProposal(false)}
        />
      )}
      <ErrorAlert error={actionError} />
    </section>
  );
}

function SelfCheck({
  problems,
  blocking,
  warnings,
}: {
  problems: SelfCheckProblem[];
  blocking: number;
  warnings: number;
}) {
  const { t } = useTranslation("versions");
  const { t: tp } = useTranslation("plan");
  const { workspace } = useWorkspace();
  const headingId = useId();
  const plan = `/w/${encodeURIComponent(workspace.id)}/plan`;
  return (
    <section aria-labelledby={headingId} className="self-check">
      <h3 id={headingId}>{t("freeze.checkHeading")}</h3>
      <p className="hint">{t("freeze.checkIntro")}</p>
      {problems.length === 0 ? (
        <p>{t("freeze.clean")}</p>
      ) : (
        <>
          <p>{t("freeze.summary", { blocking, warnings })}</p>
          <ul className="self-check-list">
            {problems.map((p) => (
              <li
                key={`${p.code}-${p.commitmentId}-${p.field}-${p.consultation?.consultationId}`}
                data-severity={p.severity}
              >
                <span className="tag" data-severity={p.severity}>
                  {t(p.severity === "blocking" ? "freeze.blocking" : "freeze.warning")}
                </span>{" "}
                <strong>
                  {p.commitmentNumber === null
                    ? t("freeze.planWide")
                    : t("freeze.inCommitment", { number: p.commitmentNumber })}
                </strong>
                {": "}
                {p.consultation ? (
                  <>
                    {t("codes.unanswered_consultation_inputs", {
                      count: p.consultation.count,
                      title: p.consultation.title,
                    })}{" "}
                    <Link className="no-print" to={`/w/${encodeURIComponent(workspace.id)}/consultation`}>
                      {t("freeze.goToConsultation")}
                    </Link>
                  </>
                ) : (
                  <>
                    {t(`codes.${p.code as Exclude<typeof p.code, "unanswered_consultation_inputs">}`, {
                      value: p.value ? tp(`ogp.values.${p.value}`) : "",
                    })}{" "}
                    <Link className="no-print" to={`${plan}#${fieldAnchor(p.commitmentId, p.field)}`}>
                      {t("freeze.goToField")}
                    </Link>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

interface ProposalProps {
  proposal: Proposal;
  onChanged(): void;
  onPublished(number: number): void;
}

function OpenProposal({ proposal, onChanged, onPublished }: ProposalProps) {
  const { t } = useTranslation("versions");
  const { workspace, membership } = useWorkspace();
  const { user } = useSession();
  const formatDate = useFormatDate();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const path = `/api/workspaces/${encodeURIComponent(workspace.id)}/proposals/${encodeURIComponent(proposal.id)}`;
  const decided = proposal.signatures.some((s) => s.userId === user?.id);
  const canSign = hasRole(membership.role, "drafter");

  async function act(run: () => Promise<unknown>) {
    setError(null);
    try {
      await run();
      onChanged();
    } catch (failure) {
      setError(failure);
    }
  }

  const sign = () =>
    act(async () => {
      setConfirming(false);
      const answer = await api.post<ProposalResponse>(`${path}/signatures`, { hash: proposal.hash });
      announceSuccess(t("freeze.signed"));
      if (answer.version) onPublished(answer.version.number);
    });

  return (
    <section aria-labelledby={headingId} className="proposal">
      <h3 id={headingId}>{t("freeze.proposalHeading")}</h3>
      <p className="hint">
        {t("freeze.proposedBy", { name: proposal.proposedBy.name, date: formatDate(proposal.proposedAt) })}
      </p>
      <ProposalReading proposalId={proposal.id} />
      <details className="fingerprint">
        <summary>{t("freeze.hashLabel")}</summary>
        <code className="hash" data-testid="proposal-hash">
          {proposal.hash}
        </code>
        <p className="hint">{t("freeze.hashHint")}</p>
      </details>
      {proposal.status === "open" && <SignOffProgress signOff={proposal.signOff} />}
      <SignOffRulesView rules={proposal.rules} />
      <FreezeSignatures signatures={proposal.signatures} />
      {!canSign && <p className="hint">{t("freeze.cannotSign")}</p>}
      {canSign && decided && <p className="hint">{t("freeze.youDecided")}</p>}
      <div className="actions">
        {canSign && !decided && (
          <>
            <button type="button" onClick={() => setConfirming(true)}>
              {t("freeze.sign")}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => setDeclining((v) => !v)}
              aria-expanded={declining}
            >
              {t("freeze.decline")}
            </button>
          </>
        )}
        {membership.role === "facilitator" && (
          <button
            type="button"
            className="danger"
            onClick={() => setWithdrawing((v) => !v)}
            aria-expanded={withdrawing}
          >
            {t("freeze.withdraw")}
          </button>
        )}
      </div>
      {declining && (
        <ReasonForm
          label={t("freeze.declineReason")}
          submit={t("freeze.declineSubmit")}
          required
          onCancel={() => setDeclining(false)}
          onSubmit={(reason) => act(() => api.post(`${path}/declines`, { hash: proposal.hash, reason }))}
        />
      )}
      {withdrawing && (
        <ReasonForm
          label={t("freeze.withdrawReason")}
          submit={t("freeze.withdrawSubmit")}
          onCancel={() => setWithdrawing(false)}
          onSubmit={(reason) => act(() => api.post(`${path}/withdraw`, reason ? { reason } : {}))}
        />
      )}
      {confirming && (
        <ConfirmDialog
          tone="primary"
          title={t("freeze.signConfirmTitle")}
          message={
            <>
              <p>{t("freeze.signConfirmRead")}</p>
              <p className="hint">
                {t("freeze.hashLabel")}: <code className="hash">{proposal.hash}</code>
              </p>
            </>
          }
          confirmLabel={t("freeze.sign")}
          onConfirm={sign}
          onCancel={() => setConfirming(false)}
        />
      )}
      <ErrorAlert error={error} />
    </section>
  );
}

interface ReasonFormProps {
  label: string;
  submit: string;
  required?: boolean;
  onSubmit(reason: string): Promise<void>;
  onCancel(): void;
}

function ReasonForm({ label, submit, required = false, onSubmit, onCancel }: ReasonFormProps) {
  const { t } = useTranslation("versions");
  const fieldId = useId();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  async function send(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    await onSubmit(reason.trim());
    setBusy(false);
  }
  return (
    <form className="stack reason-form" onSubmit={send}>
      <div className="field">
        <label htmlFor={fieldId}>{label}</label>
        <textarea
          id={fieldId}
          value={reason}
          required={required}
          maxLength={1000}
          rows={3}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {submit}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t("freeze.cancel")}
        </button>
      </div>
    </form>
  );
}
