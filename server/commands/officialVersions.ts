import type { EventPayloads, EventType, WorkspaceEvent } from "@shared/events";
import {
  type CheckedVersions,
  canonicalJson,
  type FrozenPlan,
  freezePlan,
  PLAN_SCHEMA,
  type Signature,
  type VersionDetail,
  type VersionSummary,
} from "@shared/freeze";
import { planToJson } from "@shared/plan";
import { signOffRulesBody } from "@shared/publicationBodies";
import { SEAL_ALGORITHM, SEAL_SCHEMA, sealStatement, type VersionSeal } from "@shared/seal";
import { frozenRules, signOffState } from "@shared/signOff";
import * as Y from "yjs";
import { ApiException } from "../errors";
import type { Log } from "../ops/log";
import type { SigningKey } from "../seal/signingKey";
import type { Store } from "../store";
import { sha256Hex } from "../store/ids";
import type { VersionHead, VersionRecord } from "../store/versions";

const FREEZE_EVENTS: EventType[] = [
  "freeze.proposed",
  "freeze.signed",
  "freeze.declined",
  "version.published",
];

function summaryOf(head: VersionHead, signatures: Signature[]): VersionSummary {
  return {
    number: head.number,
    hash: head.hash,
    schema: head.schema,
    officialAt: head.officialAt,
    proposedAt: head.proposedAt,
    signatures: signatures.filter((s) => s.decision === "signed"),
    declines: signatures.filter((s) => s.decision === "declined"),
  };
}

/** Why the stored text cannot be the one signed: hash, canonical form, schema, snapshot, rule. */
function contentProblems(record: VersionRecord, signatures: Signature[]): string[] {
  if (sha256Hex(record.content) !== record.hash) return ["content does not hash to the stored hash"];
  let frozen: FrozenPlan;
  try {
    frozen = JSON.parse(record.content) as FrozenPlan;
  } catch {
    return ["content is not JSON"];
  }
  if (canonicalJson(frozen) !== record.content) return ["content is not canonical"];
  if (frozen.schema !== PLAN_SCHEMA || record.schema !== PLAN_SCHEMA) return ["unknown schema"];
  const problems: string[] = [];
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, record.snapshot);
    const fromSnapshot = freezePlan(frozen.workspace, planToJson(doc)).plan;
    if (canonicalJson(fromSnapshot) !== canonicalJson(frozen.plan))
      problems.push("snapshot differs from content");
  } catch {
    problems.push("snapshot does not decode");
  } finally {
    doc.destroy();
  }
  if (signatures.some((s) => s.hash !== record.hash))
    problems.push("a signature or decline is of another hash");
  // The rule the proposal froze, re-applied to the signatures present now: deleting one that
  // counted leaves a version that was never jointly signed.
  if (frozen.rules !== undefined && !signOffRulesBody.safeParse(frozen.rules).success) {
    problems.push("the frozen sign-off rules are not valid rules");
  } else if (!signOffState(frozenRules(frozen), signatures).complete) {
    problems.push("the signatures present do not complete the sign-off rule the proposal froze");
  }
  return problems;
}

/** Whether the version's proposal, kept apart, still holds the same text, snapshot and hash. */
async function proposalProblems(store: Store, record: VersionRecord): Promise<string[]> {
  const proposal = await store.versions.proposal(record.workspaceId, record.proposalId);
  if (!proposal) return ["its proposal is missing"];
  const problems: string[] = [];
  if (proposal.status !== "official") problems.push("its proposal is not marked official");
  if (proposal.hash !== record.hash || proposal.content !== record.content) {
    problems.push("its proposal holds another text");
  }
  if (!Buffer.from(proposal.snapshot).equals(Buffer.from(record.snapshot))) {
    problems.push("its proposal holds another snapshot");
  }
  return problems;
}

const decisionKey = (s: Pick<Signature, "userId" | "decision" | "hash" | "sector">) =>
  `${s.userId}|${s.decision}|${s.hash}|${s.sector}`;
const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && canonicalJson([...a].sort()) === canonicalJson([...b].sort());

/**
 * Whether the append-only event log tells the same story: the proposal was proposed with this
 * hash (and these rules), exactly these members signed or declined it, and it was published once
 * as this number, at this time, with these signatures.
 */
function logProblems(
  events: WorkspaceEvent[],
  record: VersionRecord,
  signatures: Signature[],
  frozen: FrozenPlan,
): string[] {
  const ofProposal = <K extends EventType>(type: K) =>
    events
      .filter((e) => e.type === type)
      .map((e) => e.payload as EventPayloads[K])
      .filter((p) =>
        "proposal" in p
          ? p.proposal.id === record.proposalId
          : "proposalId" in p && p.proposalId === record.proposalId,
      );
  const problems: string[] = [];
  const proposed = ofProposal("freeze.proposed");
  const proposal = proposed[0]?.proposal;
  if (proposed.length !== 1 || !proposal) {
    problems.push("the log does not record its proposal once");
  } else if (
    proposal.hash !== record.hash ||
    // Proposals from before the rules were explicit logged none.
    (proposal.rules !== undefined && canonicalJson(proposal.rules) !== canonicalJson(frozenRules(frozen)))
  ) {
    problems.push("the log records its proposal with another hash or other rules");
  }
  const logged = [...ofProposal("freeze.signed"), ...ofProposal("freeze.declined")].map((p) =>
    decisionKey(p.signature),
  );
  if (!sameSet(logged, signatures.map(decisionKey))) {
    problems.push("its signatures and declines differ from those the log records");
  }
  const published = ofProposal("version.published");
  const version = published[0]?.version;
  if (published.length !== 1 || !version) {
    problems.push("the log does not record its publication once");
  } else if (
    version.number !== record.number ||
    version.hash !== record.hash ||
    version.officialAt !== record.officialAt ||
    !sameSet(
      version.signatures.map((s) => s.userId),
      signatures.filter((s) => s.decision === "signed").map((s) => s.userId),
    )
  ) {
    problems.push("the log records its publication with another number, hash, time or signatories");
  }
  return problems;
}

/**
 * Official versions as served: each checked before anyone is shown it, and sealed with the
 * server's key. A version is served only when its content hashes to its hash and matches its Yjs
 * snapshot and its proposal, the signatures present still complete the sign-off rule the proposal
 * froze, the event log records the same proposal, decisions and publication, and its seal is this
 * server's signature of its statement. Anything else answers 500 `version_tampered`.
 *
 * The check is cached per version: versions, signatures, proposals' content, seals and events
 * cannot change while the database's triggers stand, and dropping a trigger changes the
 * schema's epoch (`guardEpoch`), which throws every cached result away.
 */
export class OfficialVersions {
  private readonly checked = new Map<
    string,
    { epoch: number; problems: string[]; workspace: FrozenPlan["workspace"] | null }
  >();

  constructor(
    private readonly store: Store,
    private readonly key: SigningKey,
    private readonly log: Log,
  ) {}

  /**
   * Seals a version in the transaction that publishes it, and returns it as lists show it (it is
   * checked when first served, once its `version.published` event is in the log).
   */
  async seal(store: Store, head: VersionHead, at: number): Promise<VersionSummary> {
    const summary = summaryOf(head, await store.versions.signatures(head.proposalId));
    const signature = this.key.sign(sealStatement(summary));
    await store.versions.writeSeal(head.workspaceId, head.number, this.key.fingerprint, signature, at);
    return summary;
  }

  /**
   * Every official version of a workspace, oldest first, each checked. One that fails is withheld
   * (named by its number, logged) rather than failing the list: the sound ones stay readable.
   */
  async list(workspaceId: string): Promise<CheckedVersions> {
    const checked: CheckedVersions = { versions: [], withheld: [] };
    for (const head of await this.store.versions.heads(workspaceId)) {
      try {
        checked.versions.push(await this.summary(head));
      } catch (error) {
        if (!(error instanceof ApiException && error.code === "version_tampered")) throw error;
        checked.withheld.push(head.number);
      }
    }
    return checked;
  }

  /** One version with its content, checked. */
  async detail(head: VersionHead): Promise<VersionDetail> {
    const { version, content } = await this.raw(head);
    return { ...version, content: JSON.parse(content) as FrozenPlan };
  }

  /**
   * One version, checked, with its content as the canonical text it is stored as: answers and
   * exports splice it in rather than parse and write again a text of several megabytes.
   */
  async raw(head: VersionHead): Promise<{ version: Omit<VersionDetail, "content">; content: string }> {
    const version = { ...(await this.summary(head)), seal: await this.sealOf(head) };
    const record = await this.store.versions.version(head.workspaceId, head.number);
    if (!record) throw new Error(`version ${head.number} vanished`);
    return { version, content: record.content };
  }

  /** `{"version": <detail>}` as JSON text, its content spliced in as stored. */
  async detailJson(head: VersionHead, extra: Record<string, unknown> = {}): Promise<string> {
    const { version, content } = await this.raw(head);
    const text = JSON.stringify({ ...extra, version });
    // `text` ends with the version object's and the answer's closing braces.
    return `${text.slice(0, -2)},"content":${content}}}`;
  }

  /** True when the version passes its check; throws 500 `version_tampered` otherwise. */
  async passes(head: VersionHead): Promise<true> {
    await this.summary(head);
    return true;
  }

  /** The workspace facts a version froze (its name and jurisdiction as signed), checked. */
  async frozenWorkspace(head: VersionHead): Promise<FrozenPlan["workspace"]> {
    await this.summary(head);
    const workspace = this.checked.get(`${head.workspaceId}/${head.number}`)?.workspace;
    if (!workspace) throw new Error(`version ${head.number} has no checked workspace`);
    return workspace;
  }

  private async summary(head: VersionHead): Promise<VersionSummary> {
    const problems = await this.problems(head);
    if (problems.length > 0) {
      // Loud on purpose: someone changed the database behind the application's back.
      this.log.error(
        { workspaceId: head.workspaceId, version: head.number, problems },
        `INTEGRITY: version ${head.number} of workspace ${head.workspaceId} failed its check: ${problems.join("; ")}`,
      );
      throw new ApiException(
        500,
        "version_tampered",
        `Version ${head.number} failed its integrity check; it is not served as official.`,
      );
    }
    return summaryOf(head, await this.store.versions.signatures(head.proposalId));
  }

  private async sealOf(head: VersionHead): Promise<VersionSeal> {
    const seal = await this.store.versions.seal(head.workspaceId, head.number);
    if (!seal?.signature || !seal.sealedAt) throw new Error(`version ${head.number} lost its seal`);
    return {
      algorithm: SEAL_ALGORITHM,
      statement: SEAL_SCHEMA,
      keyFingerprint: this.key.fingerprint,
      publicKey: this.key.publicKeyPem,
      signature: seal.signature,
      sealedAt: seal.sealedAt,
    };
  }

  private async problems(head: VersionHead): Promise<string[]> {
    const cacheKey = `${head.workspaceId}/${head.number}`;
    const epoch = await this.store.versions.guardEpoch();
    const cached = this.checked.get(cacheKey);
    if (cached?.epoch === epoch) return cached.problems;
    const record = await this.store.versions.version(head.workspaceId, head.number);
    const problems = record ? await this.check(record) : ["the version vanished"];
    const workspace =
      problems.length === 0 && record ? (JSON.parse(record.content) as FrozenPlan).workspace : null;
    this.checked.set(cacheKey, { epoch, problems, workspace });
    return problems;
  }

  private async check(record: VersionRecord): Promise<string[]> {
    const { store } = this;
    const signatures = await store.versions.signatures(record.proposalId);
    const problems = contentProblems(record, signatures);
    if (problems.length > 0) return problems;
    const frozen = JSON.parse(record.content) as FrozenPlan;
    problems.push(
      ...(await proposalProblems(store, record)),
      ...logProblems(
        await store.events.ofTypes(record.workspaceId, FREEZE_EVENTS),
        record,
        signatures,
        frozen,
      ),
    );
    if (problems.length > 0) return problems;
    const seal = await store.versions.seal(record.workspaceId, record.number);
    if (!seal) return ["it has no seal"];
    if (seal.signature === null) {
      // Official before seals existed, and sound: sealed now, once (migration 030).
      await this.seal(store, record, Date.now());
      return [];
    }
    if (seal.keyFingerprint !== this.key.fingerprint) {
      return [`it is sealed by another key (${seal.keyFingerprint}), not this server's`];
    }
    if (!this.key.verify(sealStatement(summaryOf(record, signatures)), seal.signature)) {
      return ["its seal is not this server's signature of its statement"];
    }
    return [];
  }
}
