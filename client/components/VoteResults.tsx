import { VOTE_LIMITS, type Vote, type VoteResult } from "@shared/votes";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useChoiceLabel, useVoteCounts } from "./VoteLabels";

interface Props {
  vote: Vote;
  results: VoteResult;
}

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 100));

/**
 * Totals (a table with bars; prioritise options ranked by votes) and the breakdown by sector
 * with each sector's turnout. The numbers are in the table cells; the bars only repeat them.
 */
export function VoteResults({ vote, results }: Props) {
  const { t, i18n } = useTranslation("votes");
  const { t: tc } = useTranslation();
  const choiceLabel = useChoiceLabel(vote);
  const counts = useVoteCounts();
  const sectorTableId = useId();
  const choices = Object.keys(results.counts);
  const ranked =
    vote.kind === "prioritise"
      ? [...choices].sort((a, b) => (results.counts[b] ?? 0) - (results.counts[a] ?? 0))
      : choices;
  const formatPercent = (value: number) =>
    new Intl.NumberFormat(i18n.resolvedLanguage, { style: "percent" }).format(value / 100);
  const pooled = results.bySector.some((row) => row.sectors.length > 1);
  // A secret vote with too few ballots shows its totals only (shared/votes.ts secretResultRows).
  const withheld = results.bySector.reduce((sum, row) => sum + row.ballots, 0) < results.ballots;

  return (
    <div className="vote-results">
      {results.quorum !== null && (
        <p className={results.quorumMet ? "notice" : "warning"}>
          {t(results.quorumMet ? "results.quorumMet" : "results.quorumNotMet", {
            ballots: counts.ballots(results.ballots),
            quorum: results.quorum,
          })}
        </p>
      )}
      <table className="tally">
        <caption>{t("results.totalsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{vote.kind === "prioritise" ? t("results.option") : t("results.choice")}</th>
            <th scope="col">{t("results.votes")}</th>
            <th scope="col">{t("results.share")}</th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((choice) => {
            const share = percent(results.counts[choice] ?? 0, results.ballots);
            return (
              <tr key={choice} data-choice={choice}>
                <th scope="row">{choiceLabel(choice)}</th>
                <td className="number">{results.counts[choice] ?? 0}</td>
                <td>
                  <span className="bar" aria-hidden="true">
                    <span style={{ width: `${share}%` }} />
                  </span>
                  {formatPercent(share)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section className="table-scroll" aria-labelledby={sectorTableId} tabIndex={0}>
        <table className="tally">
          <caption id={sectorTableId}>{t("results.bySectorCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("results.sector")}</th>
              <th scope="col">{t("results.ballots")}</th>
              {choices.map((choice) => (
                <th scope="col" key={choice}>
                  {choiceLabel(choice)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.bySector.map((row) => (
              <tr key={row.sectors.join("+")} data-sectors={row.sectors.join("+")}>
                <th scope="row">{row.sectors.map((sector) => tc(`sectors.${sector}`)).join(" + ")}</th>
                <td className="number">
                  {t("results.ofEligible", { ballots: row.ballots, eligible: row.eligible })}
                </td>
                {choices.map((choice) => (
                  <td className="number" key={choice}>
                    {row.counts[choice] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {withheld && (
        <p className="hint">
          {t("results.withheldNote", { ballots: counts.ballots(VOTE_LIMITS.secretMinGroup) })}
        </p>
      )}
      {pooled && (
        <p className="hint">
          {t("results.pooledNote", { ballots: counts.ballots(VOTE_LIMITS.secretMinGroup) })}
        </p>
      )}
      {results.reasons.length > 0 && (
        <>
          <h4>{t("results.reasons")}</h4>
          <ul>
            {results.reasons.map((reason, i) => (
              // Reasons are anonymous and may repeat: their position is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i}>{reason}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
