import type { NamedBallot, Participant, Vote } from "@shared/votes";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useChoiceLabel } from "./VoteLabels";

interface Props {
  vote: Vote;
  participants: Participant[];
  /** Who voted what: given only for open ballots whose tallies are visible. */
  ballots: NamedBallot[] | null;
}

/** Who took part (every vote) and, for open ballots once someone has voted, who voted what. */
export function VoteParticipants({ vote, participants, ballots }: Props) {
  const { t } = useTranslation("votes");
  const { t: tc } = useTranslation();
  const choiceLabel = useChoiceLabel(vote);
  const headingId = useId();
  if (ballots && ballots.length > 0) {
    return (
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      <section className="table-scroll" aria-labelledby={headingId} tabIndex={0}>
        <table className="tally">
          <caption id={headingId}>{t("participants.whoVotedWhat")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("participants.member")}</th>
              <th scope="col">{t("results.sector")}</th>
              <th scope="col">{t("results.choice")}</th>
              {vote.kind === "consent" && <th scope="col">{t("ballot.reason")}</th>}
            </tr>
          </thead>
          <tbody>
            {ballots.map((ballot) => (
              <tr key={ballot.userId}>
                <th scope="row">{ballot.name}</th>
                <td>{tc(`sectors.${ballot.sector}`)}</td>
                <td>{ballot.choices.map(choiceLabel).join(", ")}</td>
                {vote.kind === "consent" && <td>{ballot.reason}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  }
  return (
    <>
      <h3 id={headingId}>{t("participants.title")}</h3>
      {participants.length === 0 ? (
        <p>{t("participants.none")}</p>
      ) : (
        <ul className="participants" aria-labelledby={headingId}>
          {participants.map((participant) => (
            <li key={participant.userId}>
              {participant.name}
              {participant.sector && (
                <>
                  {" "}
                  <span className="tag">{tc(`sectors.${participant.sector}`)}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
