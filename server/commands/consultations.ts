import type { User } from "@shared/api";
import type {
  Consultation,
  ConsultationDraftResponse,
  ConsultationInput,
  InputsPage,
  PublicConsultationResponse,
  UnansweredInputs,
} from "@shared/consultation";
import type {
  ConsultationBody,
  HideInputBody,
  InputBody,
  InputResponseBody,
  ParticipantSignupBody,
  ParticipationBody,
  RecordedInputBody,
  ReportInputBody,
} from "@shared/consultationBodies";
import type { FrozenPlan } from "@shared/freeze";
import type { AppContext } from "../context";
import { ApiException, conflict, forbidden, notFound } from "../errors";
import { commitWithEvents } from "../events/commit";
import type { Store } from "../store";
import type { ConsultationRecord, InputRecord } from "../store/consultations";
import { newId, toIso } from "../store/ids";
import { requireMember } from "./access";
import {
  type InputsView,
  presentConsultation,
  presentInput,
  presentInputsPage,
  presentNewInput,
  presentOwnInputs,
  statusAt,
  summarize,
} from "./consultationPresenter";
import type { ExpiringCache } from "./expiringCache";
import { publishedWorkspaceId } from "./publicProcess";
import { signUp } from "./signUp";

/**
 * Open consultations (issue 15). A facilitator opens one; its status follows from its dates, so
 * it closes by itself. Anyone signs up lightly as a participant of it — never a member of the
 * forum, so every member route, the plan's socket and votes stay closed to them — and sends
 * inputs and supports while it is open. Facilitators record inputs received offline; drafters
 * answer each one. Inputs and answers are public on the consultation page.
 */

export type ConsultationDeps = Pick<AppContext, "store" | "relay" | "planReads">;
/** What inputs and supports take: their writes are batched per event-loop turn. */
export type ParticipationDeps = ConsultationDeps & Pick<AppContext, "batchedCommit">;

/** The draft's commitments as they stand now, by id and title, in plan order. */
export async function planCommitments(
  deps: Pick<AppContext, "planReads">,
  workspaceId: string,
): Promise<FrozenPlan["plan"]["commitments"]> {
  return (await draftContent(deps, workspaceId)).plan.commitments;
}

/** The plan as the draft read serves it. */
export async function draftContent(
  deps: Pick<AppContext, "planReads">,
  workspaceId: string,
): Promise<FrozenPlan> {
  const { body } = await deps.planReads.draft(workspaceId);
  return (JSON.parse(new TextDecoder().decode(body)) as { content: FrozenPlan }).content;
}

/** The commitments a consultation opens: all of the plan's, or the chosen ones still in it. */
export const openCommitments = <C extends { id: string }>(record: ConsultationRecord, all: C[]): C[] =>
  record.scope === "plan" ? all : all.filter((c) => record.commitmentIds.includes(c.id));

const unknownCommitments = (ids: string[]) =>
  new ApiException(
    422,
    "unknown_commitment",
    `No such commitments in the plan: ${ids.join(", ")}.`,
    ids.map(() => ({ path: "commitmentIds", message: "unknown_commitment" })),
  );

/**
 * Opens a consultation (facilitators). Only one runs at a time (409 `consultation_running` while
 * another is upcoming or open); chosen commitments must be in the plan (422 `unknown_commitment`).
 */
export async function openConsultation(
  deps: ConsultationDeps,
  actorId: string,
  workspaceId: string,
  body: ConsultationBody,
): Promise<Consultation> {
  const commitmentIds = body.scope === "plan" ? [] : [...new Set(body.commitmentIds)].sort();
  // Read before the transaction: the plan lives in its Yjs document, not in these tables.
  const inPlan = new Set((await planCommitments(deps, workspaceId)).map((c) => c.id));
  return commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    const running = (await store.consultations.list(workspaceId)).find((c) => statusAt(c, now) !== "closed");
    if (running) {
      throw conflict("consultation_running", `The consultation "${running.title}" has not closed yet.`);
    }
    const unknown = commitmentIds.filter((id) => !inPlan.has(id));
    if (unknown.length > 0) throw unknownCommitments(unknown);
    const record: ConsultationRecord = {
      id: newId(),
      workspaceId,
      title: body.title,
      instructions: body.instructions,
      startsAt: Date.parse(body.startsAt),
      endsAt: Date.parse(body.endsAt),
      scope: body.scope,
      commitmentIds,
      createdBy: actorId,
      createdAt: now,
    };
    await store.consultations.insert(record);
    const consultation = presentConsultation(record, now);
    emit(workspaceId, actorId, "consultation.opened", { consultation: summarize(consultation) });
    return consultation;
  });
}

/** Every consultation of the workspace, newest first (any member). */
export async function listConsultations(
  store: Store,
  userId: string,
  workspaceId: string,
): Promise<Consultation[]> {
  await requireMember(store, workspaceId, userId);
  const now = Date.now();
  return (await store.consultations.list(workspaceId)).map((c) => presentConsultation(c, now));
}

/** A consultation of this workspace; 404 otherwise. */
async function consultationOf(store: Store, workspaceId: string, consultationId: string) {
  const record = await store.consultations.byId(consultationId);
  if (!record || record.workspaceId !== workspaceId) throw notFound("Consultation");
  return record;
}

/** The inputs of a consultation of the workspace (any member). */
export async function memberInputs(
  store: Store,
  userId: string,
  workspaceId: string,
  consultationId: string,
  after: string | null = null,
): Promise<InputsPage> {
  const { membership } = await requireMember(store, workspaceId, userId);
  await consultationOf(store, workspaceId, consultationId);
  const view = membership.role === "facilitator" ? "facilitator" : "public";
  return presentInputsPage(store, consultationId, after, view);
}

/** The latest consultation of the published workspace at `slug`; 404 when unpublished or none. */
export async function publicConsultationRecord(
  store: Store,
  slug: string,
): Promise<{ workspaceId: string; record: ConsultationRecord }> {
  const workspaceId = await publishedWorkspaceId(store, slug);
  const [record] = await store.consultations.list(workspaceId);
  if (!record) throw notFound("Consultation");
  return { workspaceId, record };
}

/**
 * A consultation anyone may take part in: its workspace is published (else 404, as if it did not
 * exist) and, unless `anyStatus`, it is open now (else 409 `consultation_not_open`).
 */
async function publicConsultation(
  store: Store,
  consultationId: string,
  now: number,
): Promise<ConsultationRecord> {
  const record = await store.consultations.byId(consultationId);
  if (!record || !(await store.publication.published(record.workspaceId))) {
    throw notFound("Consultation");
  }
  if (statusAt(record, now) !== "open") {
    throw conflict("consultation_not_open", "This consultation is not open for inputs.");
  }
  return record;
}

/** Records `userId` as a participant (once: joining again keeps what they first declared). */
async function join(
  store: Store,
  consultationId: string,
  userId: string,
  body: ParticipationBody,
  now: number,
): Promise<void> {
  if (await store.consultations.participant(consultationId, userId)) return;
  await store.consultations.insertParticipant({
    consultationId,
    userId,
    sector: body.sector,
    organization: body.organization || null,
    showName: body.showName,
    joinedAt: now,
  });
}

/** A signed-in person takes part in an open consultation of a published workspace. */
export async function joinConsultation(
  deps: ConsultationDeps,
  userId: string,
  consultationId: string,
  body: ParticipationBody,
): Promise<void> {
  await commitWithEvents(deps, async (store, _emit, now) => {
    await publicConsultation(store, consultationId, now);
    await join(store, consultationId, userId, body, now);
  });
}

/**
 * The light sign-up: an account, and at once a participant of the consultation. The consultation
 * is checked first, so a closed one leaves no account behind.
 */
export async function signUpParticipant(
  deps: ConsultationDeps,
  consultationId: string,
  body: ParticipantSignupBody,
): Promise<User> {
  await publicConsultation(deps.store, consultationId, Date.now());
  const { sector, organization, showName, ...account } = body;
  const user = await signUp(deps.store, account);
  await joinConsultation(deps, user.id, consultationId, { sector, organization, showName });
  return user;
}

/** What the caller declared for this consultation, the inputs they supported, sent and reported. */
export async function participation(store: Store, userId: string, consultationId: string) {
  const participant = await store.consultations.participant(consultationId, userId);
  return {
    participant: participant && {
      sector: participant.sector,
      organization: participant.organization,
      showName: participant.showName,
    },
    supported: participant ? await store.consultations.supported(consultationId, userId) : [],
    mine: participant ? await store.consultations.authored(consultationId, userId) : [],
    own: participant ? await presentOwnInputs(store, consultationId, userId) : [],
    reported: await store.consultations.reportedBy(consultationId, userId),
  };
}

/** The caller's participation in the consultation; 403 when they have not joined it. */
async function requireParticipant(store: Store, consultationId: string, userId: string) {
  const participant = await store.consultations.participant(consultationId, userId);
  if (!participant) throw forbidden("Take part in this consultation first.");
  return participant;
}

/** The commitment an input is about must be open to inputs (422 `commitment_not_open`). */
function requireOpenCommitment(
  record: ConsultationRecord,
  inPlan: string[],
  commitmentId: string | null,
): void {
  if (commitmentId === null) return;
  if (
    openCommitments(
      record,
      inPlan.map((id) => ({ id })),
    ).some((c) => c.id === commitmentId)
  )
    return;
  throw new ApiException(422, "commitment_not_open", "This commitment is not open to inputs.", [
    { path: "commitmentId", message: "commitment_not_open" },
  ]);
}

/** A participant's input, while the consultation is open; named only if they agreed. */
export async function sendInput(
  deps: ParticipationDeps,
  userId: string,
  consultationId: string,
  body: InputBody,
): Promise<ConsultationInput> {
  const commitmentId = body.kind === "comment" ? body.commitmentId : null;
  // The plan is read (and its JSON parsed) only for an input about one commitment: the others,
  // most of a busy last minute, cost no read of the draft.
  let inPlan: string[] = [];
  if (commitmentId !== null) {
    const record = await deps.store.consultations.byId(consultationId);
    if (record) inPlan = (await planCommitments(deps, record.workspaceId)).map((c) => c.id);
  }
  const input = await deps.batchedCommit.run(async (store, emit, now) => {
    const consultation = await publicConsultation(store, consultationId, now);
    const participant = await requireParticipant(store, consultationId, userId);
    requireOpenCommitment(consultation, inPlan, commitmentId);
    // Their name is read only when they agreed to show it.
    const user = participant.showName ? await store.users.byId(userId) : null;
    const input: InputRecord = {
      id: newId(),
      consultationId,
      kind: body.kind,
      commitmentId,
      body: body.body,
      channel: "online",
      authorId: userId,
      recordedBy: null,
      publicName: user ? user.name : null,
      sector: participant.sector,
      organization: participant.organization,
      community: null,
      createdAt: now,
    };
    await store.consultations.insertInput(input);
    emit(consultation.workspaceId, userId, "consultation.input_added", {
      consultationId,
      inputId: input.id,
      channel: "online",
    });
    return input;
  });
  return presentNewInput(input);
}

/** One input as `view` sees it, read alone: answering one costs the same on a large consultation. */
async function findInput(
  store: Store,
  consultationId: string,
  inputId: string,
  view: InputsView = "public",
): Promise<ConsultationInput> {
  const input = await presentInput(store, consultationId, inputId, view);
  if (!input) throw notFound("Input");
  return input;
}

/**
 * An input received offline (paper, phone, workshop, radio), recorded by a facilitator on
 * someone's behalf, with their name only if they consented. Allowed after the end date too:
 * what was collected during the consultation is often typed in later.
 */
export async function recordInput(
  deps: ConsultationDeps,
  actorId: string,
  workspaceId: string,
  consultationId: string,
  body: RecordedInputBody,
): Promise<ConsultationInput> {
  const inPlan = (await planCommitments(deps, workspaceId)).map((c) => c.id);
  const input = await commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    const consultation = await consultationOf(store, workspaceId, consultationId);
    const commitmentId = body.kind === "comment" ? body.commitmentId : null;
    requireOpenCommitment(consultation, inPlan, commitmentId);
    const input: InputRecord = {
      id: newId(),
      consultationId,
      kind: body.kind,
      commitmentId,
      body: body.body,
      channel: body.channel,
      authorId: null,
      recordedBy: actorId,
      publicName: body.name ?? null,
      sector: body.sector,
      organization: null,
      community: body.community || null,
      createdAt: now,
    };
    await store.consultations.insertInput(input);
    emit(workspaceId, actorId, "consultation.input_added", {
      consultationId,
      inputId: input.id,
      channel: body.channel,
    });
    return input;
  });
  return presentNewInput(input);
}

/** A participant supports an input of an open consultation, once; returns its supports. */
export async function supportInput(
  deps: ParticipationDeps,
  userId: string,
  consultationId: string,
  inputId: string,
): Promise<number> {
  return deps.batchedCommit.run(async (store, _emit, now) => {
    await publicConsultation(store, consultationId, now);
    await requireParticipant(store, consultationId, userId);
    const input = await store.consultations.input(consultationId, inputId);
    if (!input) throw notFound("Input");
    if (input.authorId === userId) {
      throw conflict("own_input", "You cannot support your own input: supports show what others think.");
    }
    if (await isHidden(store, consultationId, inputId)) {
      throw conflict("input_hidden", "This input is hidden by the facilitators: it cannot be supported.");
    }
    await store.consultations.support(inputId, userId, now);
    return store.consultations.supportCount(inputId);
  });
}

/** A drafter's reasoned answer to an input; a later one revises it and the first stays. */
export async function answerInput(
  deps: ConsultationDeps,
  actorId: string,
  workspaceId: string,
  ids: { consultationId: string; inputId: string },
  body: InputResponseBody,
): Promise<ConsultationInput> {
  await commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "drafter");
    await consultationOf(store, workspaceId, ids.consultationId);
    if (!(await store.consultations.input(ids.consultationId, ids.inputId))) throw notFound("Input");
    await store.consultations.insertResponse({
      id: newId(),
      inputId: ids.inputId,
      status: body.status,
      reason: body.reason,
      authorId: actorId,
      createdAt: now,
    });
    emit(workspaceId, actorId, "consultation.input_answered", { ...ids, status: body.status });
  });
  return findInput(deps.store, ids.consultationId, ids.inputId);
}

/** Whether the facilitators hide the input now: its latest moderation is a hiding. */
async function isHidden(store: Store, consultationId: string, inputId: string): Promise<boolean> {
  const moderations = await store.consultations.moderations(consultationId, [inputId]);
  return moderations.at(-1)?.action === "hide";
}

/**
 * A facilitator hides an input, or shows it again (`reason` null). The hiding's reason is public
 * and shown in place of the input's text; both stay on the record and the input is never deleted.
 * 409 `already_hidden` / `not_hidden` when the input already is as asked (two facilitators at once).
 */
export async function moderateInput(
  deps: ConsultationDeps,
  actorId: string,
  workspaceId: string,
  ids: { consultationId: string; inputId: string },
  hide: HideInputBody | null,
): Promise<ConsultationInput> {
  await commitWithEvents(deps, async (store, emit, now) => {
    await requireMember(store, workspaceId, actorId, "facilitator");
    await consultationOf(store, workspaceId, ids.consultationId);
    if (!(await store.consultations.input(ids.consultationId, ids.inputId))) throw notFound("Input");
    const hidden = await isHidden(store, ids.consultationId, ids.inputId);
    if (hide && hidden) throw conflict("already_hidden", "This input is already hidden.");
    if (!hide && !hidden) throw conflict("not_hidden", "This input is not hidden.");
    await store.consultations.insertModeration({
      id: newId(),
      inputId: ids.inputId,
      action: hide ? "hide" : "show",
      reason: hide ? hide.reason : null,
      actorId,
      createdAt: now,
    });
    if (hide) emit(workspaceId, actorId, "consultation.input_hidden", { ...ids, reason: hide.reason });
    else emit(workspaceId, actorId, "consultation.input_shown", ids);
  });
  return findInput(deps.store, ids.consultationId, ids.inputId, "facilitator");
}

/**
 * A report of abuse on an input, by a participant of the consultation or a member of its forum
 * (anyone else 403), once per person and input (409 `already_reported`). Recorded without the
 * reporter in the event log; facilitators read the count and reasons on the consultation page.
 */
export async function reportInput(
  deps: ConsultationDeps,
  userId: string,
  ids: { consultationId: string; inputId: string },
  body: ReportInputBody,
): Promise<void> {
  await commitWithEvents(deps, async (store, emit, now) => {
    const record = await store.consultations.byId(ids.consultationId);
    if (!record) throw notFound("Consultation");
    const member = await store.memberships.get(record.workspaceId, userId);
    const participant = await store.consultations.participant(ids.consultationId, userId);
    if (!member && !participant) {
      throw forbidden("Only participants of this consultation and members of its forum can report an input.");
    }
    if (!(await store.consultations.input(ids.consultationId, ids.inputId))) throw notFound("Input");
    const added = await store.consultations.report({
      inputId: ids.inputId,
      userId,
      reason: body.reason || null,
      createdAt: now,
    });
    if (!added) throw conflict("already_reported", "You have already reported this input.");
    const reports = (await store.consultations.reports(ids.consultationId, [ids.inputId])).length;
    emit(record.workspaceId, null, "consultation.input_reported", { ...ids, reports });
  });
}

/** A page of the public inputs of the latest consultation of the published workspace at `slug`. */
export async function publicConsultationInputs(
  deps: ConsultationDeps,
  slug: string,
  after: string | null,
): Promise<InputsPage> {
  const { record } = await publicConsultationRecord(deps.store, slug);
  return presentInputsPage(deps.store, record.id, after);
}

/**
 * The public consultation page: the latest consultation of the published workspace at `slug`,
 * with the first page of its inputs.
 */
export async function publicConsultationPage(
  deps: ConsultationDeps,
  slug: string,
): Promise<PublicConsultationResponse> {
  const { workspaceId, record } = await publicConsultationRecord(deps.store, slug);
  const workspace = await deps.store.workspaces.byId(workspaceId);
  if (!workspace) throw notFound("Consultation");
  const commitments = openCommitments(record, await planCommitments(deps, workspaceId));
  const page = await presentInputsPage(deps.store, record.id, null);
  return {
    workspace: { slug, name: workspace.name },
    consultation: presentConsultation(record, Date.now()),
    commitments: commitments.map(({ id, title }) => ({ id, title })),
    inputs: page.inputs,
    next: page.next,
    inputsTotal: page.total,
    reportPublished: await deps.store.consultations.reportPublished(record.id),
  };
}

/**
 * The open part of the live draft, read-only: the whole plan, or only the chosen commitments
 * (without the vision and summary, which are not open then). Served from `cache`, as the public
 * draft is, so many readers cost one read per period.
 */
export async function consultationDraft(
  deps: ConsultationDeps,
  slug: string,
  cache: ExpiringCache<ConsultationDraftResponse>,
  now = Date.now(),
): Promise<ConsultationDraftResponse> {
  const { workspaceId, record } = await publicConsultationRecord(deps.store, slug);
  return cache.get(record.id, now, async () => {
    const content = await draftContent(deps, workspaceId);
    const empty = { type: "doc", content: [] };
    const plan =
      record.scope === "plan"
        ? content.plan
        : {
            vision: empty,
            cocreationSummary: empty,
            commitments: openCommitments(record, content.plan.commitments),
          };
    return { content: { ...content, plan }, at: toIso(now) };
  });
}

/**
 * The closed consultations of the workspace whose inputs are not all answered, newest first, with
 * how many are not (hidden inputs aside: their public reason is their answer). For the dashboard
 * and the freeze's self-check, which warn while any remain.
 */
export async function unansweredInputs(
  store: Store,
  workspaceId: string,
  now = Date.now(),
): Promise<UnansweredInputs[]> {
  const closed = (await store.consultations.list(workspaceId)).filter((c) => statusAt(c, now) === "closed");
  const found: UnansweredInputs[] = [];
  for (const consultation of closed) {
    const count = await store.consultations.unansweredCount(consultation.id);
    if (count > 0) found.push({ consultationId: consultation.id, title: consultation.title, count });
  }
  return found;
}
