import type { NextStep } from "@shared/dashboard";
import {
  CalendarClock,
  CheckCircle2,
  FileSignature,
  MessageSquareReply,
  MessageSquareWarning,
  Radio,
  Vote,
} from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormatDateTime } from "~/hooks/useFormatDate";
import { useWorkspace } from "~/hooks/useWorkspace";

/** "What needs you now": one line per step, most pressing first, each with the link that does it. */
export function NeedsMeList({ steps }: { steps: NextStep[] }) {
  const { t } = useTranslation("dashboard");
  return (
    <section className="needs-me" aria-labelledby="needs-me-title">
      <h3 id="needs-me-title" className="section-title">
        {t("needsMe.title")}
      </h3>
      {steps.length === 0 ? (
        <p className="quiet">
          <CheckCircle2 aria-hidden="true" size={20} className="ok-icon" /> {t("needsMe.nothing")}
        </p>
      ) : (
        <ul className="step-list">
          {steps.map((step) => (
            <StepItem key={stepKey(step)} step={step} />
          ))}
        </ul>
      )}
    </section>
  );
}

const stepKey = (step: NextStep): string => {
  switch (step.kind) {
    case "vote":
      return `vote-${step.voteId}`;
    case "answer_inputs":
      return `answer_inputs-${step.consultationId}`;
    case "meeting_live":
    case "meeting_soon":
      return `${step.kind}-${step.meetingId}`;
    default:
      return step.kind;
  }
};

function StepItem({ step }: { step: NextStep }) {
  const { t } = useTranslation("dashboard");
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime();
  const base = `/w/${encodeURIComponent(workspace.id)}`;
  const view = (() => {
    switch (step.kind) {
      case "sign":
        return {
          Icon: FileSignature,
          text: t("needsMe.sign"),
          action: t("needsMe.signAction"),
          to: `${base}/versions`,
          urgent: true,
        };
      case "meeting_live":
        return {
          Icon: Radio,
          text: t("needsMe.meetingLive", { title: step.title }),
          action: t("needsMe.join"),
          to: `${base}/meetings/${step.meetingId}`,
          urgent: true,
        };
      case "vote":
        return {
          Icon: Vote,
          text: step.closesAt
            ? t("needsMe.voteCloses", { title: step.title, when: formatDateTime(step.closesAt) })
            : t("needsMe.vote", { title: step.title }),
          action: t("needsMe.voteAction"),
          to: `${base}/votes/${step.voteId}`,
          urgent: step.urgent,
        };
      case "respond":
        return {
          Icon: MessageSquareReply,
          text: t("needsMe.respond", { count: step.count }),
          action: t("needsMe.respondAction"),
          to: `${base}/plan`,
          urgent: false,
        };
      case "answer_inputs":
        return {
          Icon: MessageSquareWarning,
          text: t("needsMe.answerInputs", { count: step.count, title: step.title }),
          action: t("needsMe.answerInputsAction"),
          to: `${base}/consultation`,
          urgent: true,
        };
      case "meeting_soon":
        return {
          Icon: CalendarClock,
          text: t("needsMe.meetingSoon", { title: step.title, when: formatDateTime(step.startsAt) }),
          action: t("needsMe.open"),
          to: `${base}/meetings/${step.meetingId}`,
          urgent: false,
        };
    }
  })();
  const { Icon } = view;
  return (
    <li className="step" data-urgent={view.urgent || undefined}>
      <Icon aria-hidden="true" size={22} className="step-icon" />
      <p className="step-text">{view.text}</p>
      <Link className="button step-action" to={view.to}>
        {view.action}
      </Link>
    </li>
  );
}
