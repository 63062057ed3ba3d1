import type { IncomingMessage } from "node:http";
import { CLOSE_CODES, type CloseCode } from "@shared/closeCodes";
import { LIMITS } from "@shared/limits";
import {
  blockToJson,
  commitmentToJson,
  getPlan,
  listCommitments,
  type PlanJson,
  planDocName,
  richTextToJson,
} from "@shared/plan";
import {
  PUBLIC_LIVE_CHANNELS,
  PUBLIC_LIVE_PATH,
  type PublicLiveChannel,
  type PublicLiveFrame,
} from "@shared/publicLive";
import WebSocket, { WebSocketServer } from "ws";
import * as Y from "yjs";
import { isAllowedHost } from "../auth/origin";
import { statusAt } from "../commands/consultationPresenter";
import { publicConsultationRecord } from "../commands/consultations";
import { publishedWorkspaceId } from "../commands/publicProcess";
import type { AppContext } from "../context";
import type { DocumentStore } from "../store/documents";
import { parseMessage } from "./protocol";
import type { DocumentRelay, RelaySubscription } from "./relay";

/** What a reader may see: the whole plan (null) or these commitments only. */
type Cut = readonly string[] | null;

/** A reader's channel, authorized: the plan it reads and the cut of it that is public. */
interface Grant {
  workspaceId: string;
  cut: Cut;
}

type Refusal = { code: CloseCode; reason: string };

const PREFIX = `${PUBLIC_LIVE_PATH}/`;

/** `/collab/public/<slug>/<channel>` → its parts; null for any other path (not ours). */
export function publicLiveTarget(
  url: string | undefined,
): { slug: string; channel: PublicLiveChannel } | null {
  const pathname = (url ?? "").split("?")[0] ?? "";
  if (!pathname.startsWith(PREFIX)) return null;
  const [slug = "", channel = "", ...rest] = pathname.slice(PREFIX.length).split("/");
  if (rest.length > 0 || !/^[a-z0-9-]{1,80}$/.test(slug)) return null;
  if (!(PUBLIC_LIVE_CHANNELS as readonly string[]).includes(channel)) return null;
  return { slug, channel: channel as PublicLiveChannel };
}

/**
 * Who may read `channel` of the workspace at `slug`, decided from storage each time it is asked
 * (at the upgrade and again whenever publication may have changed): the draft while the process
 * page is published with its draft shown; a consultation's cut while it is open. Else 4404, as
 * the REST routes answer 404 for what is not published.
 */
export async function authorizePublicReader(
  ctx: Pick<AppContext, "store">,
  slug: string,
  channel: PublicLiveChannel,
  now = Date.now(),
): Promise<Grant | Refusal> {
  const gone: Refusal = { code: CLOSE_CODES.notFound, reason: "not published" };
  try {
    if (channel === "draft") {
      const workspaceId = await publishedWorkspaceId(ctx.store, slug);
      if (!(await ctx.store.publication.settings(workspaceId)).showDraft) return gone;
      return { workspaceId, cut: null };
    }
    const { workspaceId, record } = await publicConsultationRecord(ctx.store, slug);
    if (statusAt(record, now) !== "open") return gone;
    return { workspaceId, cut: record.scope === "plan" ? null : [...record.commitmentIds].sort() };
  } catch (error) {
    if (error instanceof Error && "status" in error && error.status === 404) return gone;
    throw error;
  }
}

const cutKey = (cut: Cut): string => (cut === null ? "*" : cut.join(","));
const sameCut = (a: Cut, b: Cut): boolean => cutKey(a) === cutKey(b);

/** One reader's socket: no document, no awareness, only what is sent to it. */
interface Reader {
  ws: WebSocket;
  address: string;
  answeredPing: boolean;
}

/** The readers of one cut of one plan, and how to find the channel again when re-checking. */
interface Group {
  slug: string;
  channel: PublicLiveChannel;
  cut: Cut;
  readers: Set<Reader>;
}

/** What changed in the plan since the last frames went out. */
type RichField = "vision" | "cocreationSummary";

interface Dirty {
  all: boolean;
  /** Per rich field, the top-level blocks changed in place, or "all" when blocks came or went. */
  rich: Map<RichField, Set<Y.XmlElement> | "all">;
  commitments: Set<string>;
}

const clean = (): Dirty => ({ all: false, rich: new Map(), commitments: new Set() });

/**
 * One plan with public readers: a read-only copy of the document built from storage and kept
 * current with the committed updates the relay carries (the same frames members get, so nothing
 * uncommitted is ever shown), whatever instance stored them. One per plan, however many readers:
 * readers hold no document of their own.
 */
class LivePlan {
  readonly ydoc = new Y.Doc();
  readonly groups = new Map<string, Group>();
  ready: Promise<void>;
  private subscription: RelaySubscription | null = null;
  private unsubscribeEvents: (() => void) | null = null;
  private dirty: Dirty = clean();
  private flushScheduled = false;
  private loaded = false;
  private early: Uint8Array[] = [];
  /** Bumped with every change; the first frame of each cut is made once per version. */
  private version = 0;
  private readonly firstFrames = new Map<string, { version: number; frame: Buffer }>();

  constructor(
    readonly workspaceId: string,
    private readonly deps: {
      store: DocumentStore;
      relay: DocumentRelay;
      events: AppContext["relay"];
      recheck(plan: LivePlan): void;
    },
  ) {
    const docName = planDocName(workspaceId);
    this.ydoc.on("afterTransaction", (tr: Y.Transaction) => this.noteChanges(tr));
    // Subscribed before reading storage, as the registry does: what is stored meanwhile arrives
    // here and is applied once the copy is built (Yjs skips what it already has).
    this.subscription = deps.relay.subscribe(docName, {
      deliver: (relayed) => {
        if (relayed.kind !== "update") return;
        let update: Uint8Array;
        try {
          const message = parseMessage(relayed.frame);
          if (message.type !== "update") return;
          update = message.update;
        } catch {
          return;
        }
        if (this.loaded) Y.applyUpdate(this.ydoc, update);
        else this.early.push(update);
      },
      missed: () => void this.reload(),
    });
    this.unsubscribeEvents = deps.events.subscribe(workspaceId, {
      event: ({ type }) => {
        if (type === "publication.updated" || type === "consultation.opened") deps.recheck(this);
      },
      closed: () => {},
    });
    this.ready = this.load(docName);
  }

  private async load(docName: string): Promise<void> {
    await this.subscription?.ready.catch(() => {});
    const stored = await this.deps.store.load(docName);
    Y.transact(this.ydoc, () => {
      if (stored.snapshot) Y.applyUpdate(this.ydoc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(this.ydoc, update);
      for (const update of this.early.splice(0)) Y.applyUpdate(this.ydoc, update);
    });
    this.loaded = true;
    this.dirty = clean();
  }

  /** Frames from other instances may have been lost: apply what storage holds, and resend all. */
  private async reload(): Promise<void> {
    const stored = await this.deps.store.load(planDocName(this.workspaceId));
    Y.transact(this.ydoc, () => {
      if (stored.snapshot) Y.applyUpdate(this.ydoc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(this.ydoc, update);
    });
  }

  /** The public cut as a whole. */
  render(cut: Cut): PlanJson {
    const plan = getPlan(this.ydoc);
    const empty = { type: "doc", content: [] };
    const commitments = listCommitments(this.ydoc);
    return cut === null
      ? {
          vision: richTextToJson(plan.vision),
          cocreationSummary: richTextToJson(plan.cocreationSummary),
          commitments: commitments.map(commitmentToJson),
        }
      : {
          vision: empty,
          cocreationSummary: empty,
          commitments: commitments.filter((c) => cut.includes(c.id)).map(commitmentToJson),
        };
  }

  /**
   * The whole cut as a frame, made once per state of the plan and cut however many readers join
   * meanwhile (a thousand readers arriving together cost one render).
   */
  firstFrame(cut: Cut): Buffer {
    const key = cutKey(cut);
    const kept = this.firstFrames.get(key);
    if (kept && kept.version === this.version) return kept.frame;
    const frame = Buffer.from(
      JSON.stringify({ t: "plan", plan: this.render(cut) } satisfies PublicLiveFrame),
    );
    this.firstFrames.set(key, { version: this.version, frame });
    return frame;
  }

  /** Which parts of the plan a transaction touched, named at the top: a field or a commitment. */
  private noteChanges(tr: Y.Transaction): void {
    this.version++;
    if (!this.loaded || this.dirty.all) return;
    const plan = getPlan(this.ydoc);
    for (const [type, keys] of tr.changed) {
      let top = type;
      let below: typeof type | null = null;
      while (top._item?.parent instanceof Y.AbstractType) {
        below = top;
        top = top._item.parent;
      }
      const root: unknown = top;
      const field: RichField | null =
        root === plan.vision ? "vision" : root === plan.cocreationSummary ? "cocreationSummary" : null;
      if (field) {
        const blocks = this.dirty.rich.get(field) ?? new Set<Y.XmlElement>();
        // The field's own list of blocks changed (or a stray child): send the whole field.
        if (blocks === "all" || root === type || !(below instanceof Y.XmlElement))
          this.dirty.rich.set(field, "all");
        else this.dirty.rich.set(field, blocks.add(below));
      } else if (root === plan.commitmentArray) {
        // The list itself, or a commitment's own keys that order it or name it: send the whole cut.
        const commitment = below;
        const reorders = type === commitment && (keys.has("position") || keys.has("id"));
        if (!(commitment instanceof Y.Map) || root === type || reorders) {
          this.dirty.all = true;
          return;
        }
        const id = commitment.get("id");
        if (typeof id === "string") this.dirty.commitments.add(id);
      }
      // Other roots are not part of the plan; nothing public changed.
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // Once the code relaying now is done: a group commit relays its updates one after the other,
      // synchronously, so they share one frame; a later turn would add the I/O between to the delay.
      queueMicrotask(() => this.flush());
    }
  }

  /** Sends what changed to every group, each frame encoded once for all its readers. */
  private flush(): void {
    this.flushScheduled = false;
    const dirty = this.dirty;
    this.dirty = clean();
    const commitments = new Map(listCommitments(this.ydoc).map((c) => [c.id, c]));
    const rendered = new Map<string, Buffer>();
    const once = (key: string, make: () => PublicLiveFrame): Buffer => {
      let frame = rendered.get(key);
      if (!frame) {
        frame = Buffer.from(JSON.stringify(make()));
        rendered.set(key, frame);
      }
      return frame;
    };
    for (const group of this.groups.values()) {
      const frames: Buffer[] = [];
      if (dirty.all) {
        frames.push(once(`plan ${cutKey(group.cut)}`, () => ({ t: "plan", plan: this.render(group.cut) })));
      } else {
        if (group.cut === null) {
          const plan = getPlan(this.ydoc);
          for (const [field, blocks] of dirty.rich) {
            const children = plan[field].toArray();
            // Block frames only while blocks map one to one onto the rendered field's content.
            const inPlace =
              blocks !== "all" &&
              children.every((child) => child instanceof Y.XmlElement) &&
              [...blocks].every((block) => children.includes(block));
            if (!inPlace) {
              frames.push(once(field, () => ({ t: "rich", field, value: richTextToJson(plan[field]) })));
              continue;
            }
            for (const block of blocks) {
              const index = children.indexOf(block);
              const value = blockToJson(block);
              if (value) frames.push(once(`${field} ${index}`, () => ({ t: "block", field, index, value })));
            }
          }
        }
        for (const id of dirty.commitments) {
          const commitment = commitments.get(id);
          // A commitment outside the cut is never rendered for this group, let alone sent.
          if (!commitment || (group.cut !== null && !group.cut.includes(id))) continue;
          frames.push(once(`c ${id}`, () => ({ t: "commitment", value: commitmentToJson(commitment) })));
        }
      }
      if (frames.length === 0) continue;
      for (const reader of group.readers) for (const frame of frames) send(reader, frame);
    }
  }

  get readerCount(): number {
    let count = 0;
    for (const group of this.groups.values()) count += group.readers.size;
    return count;
  }

  destroy(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.unsubscribeEvents?.();
    this.unsubscribeEvents = null;
    this.ydoc.destroy();
  }
}

function send(reader: Reader, frame: Buffer): void {
  if (reader.ws.readyState !== WebSocket.OPEN) return;
  // A reader that cannot keep up is let go rather than buffered for: it falls back to polling.
  if (reader.ws.bufferedAmount > LIMITS.maxPublicReaderBufferedBytes) {
    reader.ws.close(CLOSE_CODES.tooSlow, "too far behind");
    return;
  }
  reader.ws.send(frame, { binary: false });
}

export interface PublicLiveOptions {
  /** The relay and store the collaboration server uses. */
  relay: DocumentRelay;
  store: DocumentStore;
  /** Readers one address may have open at once. */
  maxReadersPerAddress: number;
  /** How often publication is re-checked without an event (a consultation's end date). */
  recheckMs?: number;
  heartbeatMs?: number;
}

export interface PublicLiveStats {
  readers: number;
  plans: number;
  refusals: number;
}

/**
 * The live public draft: read-only sockets for signed-out readers (see shared/publicLive.ts).
 * Each plan with readers is held once (LivePlan); readers are grouped by the cut they may see and
 * get the frames rendered for it. Authorization is re-checked when the workspace's publication or
 * consultation changes and every `recheckMs`: readers of what is no longer public are closed.
 */
export class PublicLive {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024,
    perMessageDeflate: false,
  });
  private readonly plans = new Map<string, LivePlan>();
  private readonly perAddress = new Map<string, number>();
  private refusals = 0;
  private readonly timers: NodeJS.Timeout[];

  constructor(
    private readonly ctx: AppContext,
    private readonly options: PublicLiveOptions,
  ) {
    const recheck = setInterval(() => {
      for (const plan of this.plans.values()) this.recheck(plan);
    }, options.recheckMs ?? 15_000);
    const heartbeat = setInterval(() => this.heartbeat(), options.heartbeatMs ?? 30_000);
    recheck.unref();
    heartbeat.unref();
    this.timers = [recheck, heartbeat];
  }

  stats(): PublicLiveStats {
    let readers = 0;
    for (const plan of this.plans.values()) readers += plan.readerCount;
    return { readers, plans: this.plans.size, refusals: this.refusals };
  }

  /** Takes an upgrade whose path `publicLiveTarget` recognized. */
  handleUpgrade(
    req: IncomingMessage,
    socket: import("node:stream").Duplex,
    head: Buffer,
    target: { slug: string; channel: PublicLiveChannel },
  ): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => void this.accept(ws, req, target));
  }

  private address(req: IncomingMessage): string {
    if (this.ctx.config.trustProxy) {
      const forwarded = req.headers["x-forwarded-for"];
      const last = (Array.isArray(forwarded) ? forwarded.join(",") : forwarded)?.split(",").at(-1)?.trim();
      if (last) return last;
    }
    return req.socket.remoteAddress ?? "unknown";
  }

  private async accept(
    ws: WebSocket,
    req: IncomingMessage,
    { slug, channel }: { slug: string; channel: PublicLiveChannel },
  ): Promise<void> {
    const reader: Reader = { ws, address: this.address(req), answeredPing: true };
    ws.on("error", () => {});
    ws.on("pong", () => {
      reader.answeredPing = true;
    });
    // Read-only: whatever a reader sends closes its socket, before or after it is authorized.
    ws.on("message", () => ws.close(CLOSE_CODES.forbidden, "read-only"));
    const refuse = (refusal: Refusal) => {
      this.refusals++;
      ws.close(refusal.code, refusal.reason);
    };
    // No cookie is read, so a cross-site page gains nothing it could not fetch; the Host check
    // still keeps a rebinding name from reaching the server.
    if (!isAllowedHost(req.headers.host, this.ctx.config.publicOrigin)) {
      refuse({ code: CLOSE_CODES.badOrigin, reason: "unknown host" });
      return;
    }
    const held = this.perAddress.get(reader.address) ?? 0;
    if (held >= this.options.maxReadersPerAddress) {
      refuse({ code: CLOSE_CODES.tooManySockets, reason: "too many readers from this address" });
      return;
    }
    this.perAddress.set(reader.address, held + 1);
    ws.once("close", () => {
      const left = (this.perAddress.get(reader.address) ?? 1) - 1;
      if (left <= 0) this.perAddress.delete(reader.address);
      else this.perAddress.set(reader.address, left);
    });
    let grant: Grant | Refusal;
    try {
      grant = await authorizePublicReader(this.ctx, slug, channel);
    } catch (error) {
      this.ctx.log.error({ err: error, slug }, "public live: could not authorize a reader");
      refuse({ code: CLOSE_CODES.unavailable, reason: "try again later" });
      return;
    }
    if ("code" in grant) {
      refuse(grant);
      return;
    }
    if (ws.readyState !== WebSocket.OPEN) return;
    const plan = this.planOf(grant.workspaceId);
    const key = `${channel} ${cutKey(grant.cut)}`;
    let group = plan.groups.get(key);
    if (!group) {
      group = { slug, channel, cut: grant.cut, readers: new Set() };
      plan.groups.set(key, group);
    }
    const joined = group;
    joined.readers.add(reader);
    ws.once("close", () => {
      joined.readers.delete(reader);
      if (joined.readers.size === 0 && plan.groups.get(key) === joined) plan.groups.delete(key);
      if (plan.groups.size === 0 && this.plans.get(plan.workspaceId) === plan) {
        this.plans.delete(plan.workspaceId);
        plan.destroy();
      }
    });
    try {
      await plan.ready;
    } catch (error) {
      this.ctx.log.error({ err: error, slug }, "public live: could not load the plan");
      if (this.plans.get(plan.workspaceId) === plan) this.plans.delete(plan.workspaceId);
      ws.close(CLOSE_CODES.unavailable, "try again later");
      return;
    }
    send(reader, plan.firstFrame(grant.cut));
  }

  private planOf(workspaceId: string): LivePlan {
    let plan = this.plans.get(workspaceId);
    if (!plan) {
      plan = new LivePlan(workspaceId, {
        store: this.options.store,
        relay: this.options.relay,
        events: this.ctx.relay,
        recheck: (p) => this.recheck(p),
      });
      this.plans.set(workspaceId, plan);
    }
    return plan;
  }

  /** Asks again whether each group's channel is public, with the same cut; closes those that are not. */
  private recheck(plan: LivePlan): void {
    for (const group of [...plan.groups.values()]) {
      void authorizePublicReader(this.ctx, group.slug, group.channel).then(
        (grant) => {
          if ("code" in grant) this.closeGroup(group, grant.code, grant.reason);
          // Another cut is public now (the consultation changed): reconnecting gets the new one.
          else if (grant.workspaceId !== plan.workspaceId || !sameCut(grant.cut, group.cut))
            this.closeGroup(group, CLOSE_CODES.accessChanged, "what is public changed");
        },
        (error: unknown) => this.ctx.log.error({ err: error }, "public live: re-check failed"),
      );
    }
  }

  private closeGroup(group: Group, code: CloseCode, reason: string): void {
    for (const reader of [...group.readers]) reader.ws.close(code, reason);
  }

  private heartbeat(): void {
    for (const plan of this.plans.values())
      for (const group of plan.groups.values())
        for (const reader of group.readers) {
          if (!reader.answeredPing) {
            reader.ws.terminate();
            continue;
          }
          reader.answeredPing = false;
          if (reader.ws.readyState === WebSocket.OPEN) reader.ws.ping();
        }
  }

  /** Closes every reader (4503: they retry, or poll) and frees every plan. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const plan of [...this.plans.values()])
      for (const group of [...plan.groups.values()])
        this.closeGroup(group, CLOSE_CODES.unavailable, "the server is restarting");
    for (const plan of this.plans.values()) plan.destroy();
    this.plans.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
