import { listCommitments } from "@shared/plan";
import type { OpenVoteBody } from "@shared/voteBodies";
import { type PlanCommitment, VOTE_LIMITS, type VoteOption } from "@shared/votes";
import { ApiException, badRequest } from "../errors";
import type { DocumentStore } from "../store/documents";
import { loadDraftDoc } from "./freezeContent";

/**
 * What votes know of the plan: its commitments' ids and titles, read by the server from the stored
 * plan document (so the votes page never loads the editor, and no client names a commitment).
 */

/** The plan's commitments in their agreed order, as storage holds them now. */
export async function planCommitments(
  documents: DocumentStore,
  workspaceId: string,
): Promise<PlanCommitment[]> {
  const doc = await loadDraftDoc(documents, workspaceId);
  try {
    return listCommitments(doc).map((commitment) => ({
      id: commitment.id,
      title: commitment.text("title")?.toString().trim() ?? "",
    }));
  } finally {
    doc.destroy();
  }
}

/** Whether opening this vote needs the plan: it is about a commitment, or offers commitments as options. */
export const refersToPlan = (body: OpenVoteBody): boolean =>
  body.commitmentId !== undefined ||
  (body.kind === "prioritise" && body.options.some((option) => typeof option !== "string"));

const unknownCommitment = (path: string) =>
  new ApiException(422, "unknown_commitment", `${path}: the plan has no such commitment.`, [
    { path, message: "the plan has no such commitment" },
  ]);

/** Refuses a vote about a commitment the plan does not hold (it may have been removed meanwhile). */
export function checkCommitment(plan: readonly PlanCommitment[], commitmentId: string | undefined): void {
  if (commitmentId !== undefined && !plan.some((commitment) => commitment.id === commitmentId)) {
    throw unknownCommitment("commitmentId");
  }
}

const clip = (title: string): string =>
  title.length <= VOTE_LIMITS.optionMaxLength ? title : `${title.slice(0, VOTE_LIMITS.optionMaxLength - 1)}…`;

/**
 * A prioritise vote's options without ids: labels as sent, commitments labelled with their title
 * in the plan. Refuses a commitment the plan does not hold or that has no title yet, and options
 * that would read the same.
 */
export function resolveOptions(
  plan: readonly PlanCommitment[],
  options: Extract<OpenVoteBody, { kind: "prioritise" }>["options"],
): Omit<VoteOption, "id">[] {
  const resolved = options.map((option, index) => {
    if (typeof option === "string") return { label: option };
    const commitment = plan.find((candidate) => candidate.id === option.commitmentId);
    if (!commitment) throw unknownCommitment(`options.${index}`);
    if (commitment.title === "") {
      throw new ApiException(
        422,
        "untitled_commitment",
        `options.${index}: give this commitment a title in the plan before putting it to a vote.`,
        [{ path: `options.${index}`, message: "the commitment has no title yet" }],
      );
    }
    return { label: clip(commitment.title), commitmentId: commitment.id };
  });
  const labels = resolved.map((option) => option.label.toLocaleLowerCase());
  if (new Set(labels).size !== labels.length) {
    throw badRequest("invalid_body", "options: options must differ from each other", [
      { path: "options", message: "options must differ from each other" },
    ]);
  }
  return resolved;
}
