import { type Vote, type VoteResult, voteOutcome } from "@shared/votes";
import { AlertTriangle, CheckCircle2, XCircle } from "lucide-react";
import { useTranslation } from "react-i18next";
import { useChoiceLabel } from "./VoteLabels";

/**
 * A closed vote's outcome in one sentence, led by what was decided (Loomio style):
 * "Approved — 12 for, 3 against, 2 abstained; quorum met".
 */
export function VoteOutcome({ vote, result }: { vote: Vote; result: VoteResult }) {
  const { t } = useTranslation("votes");
  const choiceLabel = useChoiceLabel(vote);
  const outcome = voteOutcome(vote.kind, result);
  const n = (choice: string) => result.counts[choice] ?? 0;
  const headline =
    outcome.kind === "prioritised"
      ? outcome.leaders.length === 0
        ? t("outcome.noBallots")
        : t("outcome.prioritised", { options: outcome.leaders.map(choiceLabel).join(", ") })
      : t(`outcome.${outcome.kind}`);
  const counts =
    vote.kind === "approve"
      ? [
          t("outcome.for", { count: n("yes") }),
          t("outcome.against", { count: n("no") }),
          t("outcome.abstained", { count: n("abstain") }),
        ]
      : vote.kind === "consent"
        ? [
            t("outcome.agree", { count: n("agree") }),
            t("outcome.standAside", { count: n("stand_aside") }),
            t("outcome.objections", { count: n("object") }),
          ]
        : outcome.kind === "prioritised" && outcome.leaders[0] !== undefined
          ? [t("outcome.votes", { count: n(outcome.leaders[0]) })]
          : [];
  const quorum =
    result.quorumMet === null ? null : t(result.quorumMet ? "outcome.quorumMet" : "outcome.quorumNotMet");
  const tone =
    outcome.kind === "approved" || outcome.kind === "consented" || outcome.kind === "prioritised"
      ? "success"
      : outcome.kind === "no_quorum"
        ? "warning"
        : "danger";
  const Icon = tone === "success" ? CheckCircle2 : tone === "warning" ? AlertTriangle : XCircle;
  return (
    <p className="vote-outcome" data-tone={tone} data-testid="vote-outcome">
      <Icon aria-hidden="true" size={24} />
      <span>
        <strong>{headline}</strong>
        {counts.length > 0 && ` — ${counts.join(", ")}`}
        {quorum && `; ${quorum}`}
      </span>
    </p>
  );
}
