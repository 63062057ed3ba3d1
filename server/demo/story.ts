/**
 * What happened in the demo workspace, told through the server's own commands (so every rule and
 * event holds): comment threads with replies and reasoned responses, official version 1 signed by
 * both sides, later edits, an ended meeting with its board, decisions and minutes, a closed vote
 * with its result, an open one, and the next meeting.
 */
import type { User } from "@shared/api";
import { meetingDocName } from "@shared/collab";
import { notesFragmentName } from "@shared/meetings";
import { appendParagraphs, planDocName } from "@shared/plan";
import { openThread, reply, respond } from "../commands/comments";
import { decide, type FreezeDeps, proposeFreeze } from "../commands/freeze";
import { addDecision, checkIn, createMeeting } from "../commands/meetings";
import { addCard, addCategory, moveCard, revealBoard } from "../commands/meetingsBoard";
import { runMeeting } from "../commands/meetingsRun";
import { castBallot, closeVote, openVote } from "../commands/votes";
import { DemoPlan, DocumentWriter } from "./plan";

/** The demo's members, by first name. */
export interface DemoCast {
  lucia: User;
  carmen: User;
  mateo: User;
  sofia: User;
  diego: User;
}

const DAY = 24 * 60 * 60 * 1000;

/** The start of the current hour, UTC: the demo's meeting is run through to its end as it seeds. */
function thisHour(): string {
  const now = new Date();
  now.setUTCMinutes(0, 0, 0);
  return now.toISOString();
}

/** 18:00 UTC `days` from now, as the API takes it. */
function eveningIn(days: number): string {
  const day = new Date(Date.now() + days * DAY);
  day.setUTCHours(18, 0, 0, 0);
  return day.toISOString();
}

/** Writes the whole story into a workspace that has its members and nothing else yet. */
export async function tellStory(
  deps: FreezeDeps,
  workspaceId: string,
  maxCommitments: number,
  cast: DemoCast,
) {
  const { lucia, carmen, mateo, sofia, diego } = cast;
  const plan = new DemoPlan(planDocName(workspaceId), maxCommitments, {
    government: carmen,
    civilSociety: mateo,
    facilitator: lucia,
  });
  const first = plan.firstRound();
  await deps.documents.append(first.updates);

  // Threads on what version 1 holds: one answered in part, one answered, two still awaiting.
  const share = await openThread(deps, sofia.id, workspaceId, {
    target: "text",
    ...first.budgetShare,
    body: "Is 5% realistic in the first year? Cities of our size usually start at 2% and grow it.",
  });
  await reply(deps, diego.id, workspaceId, share.id, {
    body: "Agreed: a smaller first round would let the neighbourhood offices learn how to run it.",
  });
  await respond(deps, mateo.id, workspaceId, share.id, {
    status: "partly_accepted",
    reason:
      "We keep 5% as the goal but start at 3% in 2026, rising each year once the first round is evaluated.",
  });
  const ballots = await openThread(deps, diego.id, workspaceId, {
    target: "commitment",
    commitmentId: first.budgetingId,
    body: "How will paper ballots be counted, and will the count per neighbourhood be published?",
  });
  await reply(deps, carmen.id, workspaceId, ballots.id, {
    body: "The neighbourhood offices could count in public, as for the school board elections.",
  });
  await openThread(deps, sofia.id, workspaceId, {
    target: "plan",
    body: "The vision could say how residents without internet access take part.",
  });
  const subcontractors = await openThread(deps, mateo.id, workspaceId, {
    target: "commitment",
    commitmentId: first.contractingId,
    body: "Will the published contracts name the subcontractors too?",
  });
  await respond(deps, carmen.id, workspaceId, subcontractors.id, {
    status: "accepted",
    reason: "Yes: the feed will list subcontractors above 5% of a contract's value.",
  });

  // Official version 1, signed by one government and one civil-society drafter.
  const proposal = await proposeFreeze(deps, lucia.id, workspaceId);
  await decide(deps, carmen.id, workspaceId, proposal.id, "signed", { hash: proposal.hash });
  await decide(deps, mateo.id, workspaceId, proposal.id, "signed", { hash: proposal.hash });

  const second = plan.secondRound(first.contractingId);
  await deps.documents.append(second.updates);

  // The first coordination meeting, run to its end (the commands take the server's time, so it is
  // held today): attendance, board, notes, decisions, a vote.
  const meeting = await createMeeting(deps, lucia.id, workspaceId, {
    title: "First coordination meeting",
    startsAt: thisHour(),
    place: "Town hall, room 2",
    template: "coordination",
    locale: "en",
  });
  for (const [member, presence] of [
    [lucia, "room"],
    [carmen, "room"],
    [mateo, "room"],
    [sofia, "remote"],
    [diego, "room"],
  ] as const) {
    await checkIn(deps, member.id, workspaceId, meeting.id, { presence });
  }
  const [firstItem] = meeting.items;
  const board = meeting.items.find((item) => item.kind === "brainstorm");
  if (!firstItem || !board) throw new Error("the coordination template has no brainstorm item");
  await runMeeting(deps, lucia.id, workspaceId, meeting.id, { action: "start" });
  const notes = new DocumentWriter(meetingDocName(meeting.id));
  notes.as(lucia, () =>
    appendParagraphs(notes.doc.getXmlFragment(notesFragmentName(firstItem.id)), [
      "Pairs from different sectors shared why they joined; most named public money and air quality.",
    ]),
  );
  await deps.documents.append(notes.take());

  const cards = [];
  for (const [member, text] of [
    [sofia, "Data published as PDFs nobody can reuse"],
    [diego, "Firms never learn why a tender was lost"],
    [mateo, "Outer neighbourhoods are never asked"],
    [carmen, "No one answers information requests on time"],
  ] as const) {
    cards.push(await addCard(deps, member.id, workspaceId, meeting.id, { itemId: board.id, text }));
  }
  await revealBoard(deps, lucia.id, workspaceId, meeting.id, board.id);
  const data = await addCategory(deps, sofia.id, workspaceId, meeting.id, {
    itemId: board.id,
    name: "Open data",
  });
  const voice = await addCategory(deps, mateo.id, workspaceId, meeting.id, {
    itemId: board.id,
    name: "A say",
  });
  const [pdfs, tenders, neighbourhoods] = cards;
  if (pdfs) await moveCard(deps, sofia.id, workspaceId, meeting.id, pdfs.id, { categoryId: data.id });
  if (tenders) await moveCard(deps, diego.id, workspaceId, meeting.id, tenders.id, { categoryId: data.id });
  if (neighbourhoods) {
    await moveCard(deps, mateo.id, workspaceId, meeting.id, neighbourhoods.id, { categoryId: voice.id });
  }

  const vote = await openVote(deps, lucia.id, workspaceId, {
    kind: "approve",
    title: "Add the air-quality commitment to the plan?",
    description: "Proposed by Red Ciudadana after the brainstorm.",
    commitmentId: second.airQualityId,
    meetingId: meeting.id,
    quorum: 4,
  });
  for (const [member, choice] of [
    [lucia, "yes"],
    [carmen, "yes"],
    [mateo, "yes"],
    [sofia, "yes"],
    [diego, "no"],
  ] as const) {
    await castBallot(deps, member.id, workspaceId, vote.id, { choices: [choice] });
  }
  await closeVote(deps, lucia.id, workspaceId, vote.id);
  await addDecision(deps, lucia.id, workspaceId, meeting.id, {
    kind: "decision",
    what: "The air-quality commitment joins the draft plan.",
  });
  await addDecision(deps, lucia.id, workspaceId, meeting.id, {
    kind: "next_step",
    what: "Write the milestones of the information desk commitment",
    who: "Carmen Díaz",
    dueDate: eveningIn(10).slice(0, 10),
  });
  await runMeeting(deps, lucia.id, workspaceId, meeting.id, { action: "end" });

  // What is still open: the next meeting and a vote that closes in three days.
  await createMeeting(deps, lucia.id, workspaceId, {
    title: "Second coordination meeting",
    startsAt: eveningIn(6),
    place: "Barrio Norte neighbourhood office",
    template: "coordination",
    locale: "en",
  });
  const priorities = await openVote(deps, lucia.id, workspaceId, {
    kind: "prioritise",
    title: "Which commitments should start first?",
    options: [
      { commitmentId: first.contractingId },
      { commitmentId: first.budgetingId },
      { commitmentId: second.airQualityId },
    ],
    maxChoices: 2,
    closesAt: eveningIn(3),
  });
  const [contractingOption, budgetingOption, airOption] = priorities.options;
  if (contractingOption && budgetingOption && airOption) {
    await castBallot(deps, carmen.id, workspaceId, priorities.id, {
      choices: [contractingOption.id, airOption.id],
    });
    await castBallot(deps, mateo.id, workspaceId, priorities.id, {
      choices: [budgetingOption.id, airOption.id],
    });
  }
}
