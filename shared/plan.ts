import * as Y from "yjs";

/**
 * The action plan as one Yjs document (`plan:<workspaceId>`), shared by client and server.
 *
 * Root types: `vision` and `cocreationSummary` (Y.XmlFragment, edited with Tiptap) and
 * `commitments` (Y.Array of Y.Map). Single-line and short fields are Y.Text, so two people typing
 * in the same field merge character by character instead of overwriting each other; dates,
 * checkboxes and selects are plain values (last writer wins, which is what a select means).
 *
 * Order is not the array order: each item carries a fractional `position`. Yjs has no move, and
 * moving by delete + re-insert would drop what a co-author types into the item meanwhile and break
 * comment anchors (relative positions) into it; changing one number does neither.
 */

export const OGP_VALUES = [
  "transparency",
  "participation",
  "accountability",
  "technology",
  "inclusion",
] as const;
export type OgpValue = (typeof OGP_VALUES)[number];

/** Technology & innovation and inclusion count only together with one of these three. */
export const CORE_OGP_VALUES = [
  "transparency",
  "participation",
  "accountability",
] as const satisfies readonly OgpValue[];

/** Policy areas seen in OGP Local plans. */
export const POLICY_AREAS = [
  "citizen_participation",
  "digitalisation",
  "open_contracting",
  "open_budgets",
  "open_data",
  "service_delivery",
  "climate",
  "health",
] as const;
export type PolicyArea = (typeof POLICY_AREAS)[number];

/** The 17 Sustainable Development Goals, numbered 1–17. */
export const SDG_COUNT = 17;

export const COMMITMENT_TEXT_FIELDS = [
  "title",
  "leadAgency",
  "contactPerson",
  "governmentActors",
  "nonGovernmentActors",
  "budget",
] as const;
export type CommitmentTextField = (typeof COMMITMENT_TEXT_FIELDS)[number];

export const COMMITMENT_RICH_FIELDS = ["problem", "commitment", "contribution"] as const;
export type CommitmentRichField = (typeof COMMITMENT_RICH_FIELDS)[number];

export const MILESTONE_TEXT_FIELDS = ["description", "output", "responsible"] as const;
export type MilestoneTextField = (typeof MILESTONE_TEXT_FIELDS)[number];

export const PLAN_RICH_FIELDS = ["vision", "cocreationSummary"] as const;
export type PlanRichField = (typeof PLAN_RICH_FIELDS)[number];

export type DateField = "startDate" | "endDate";

/** The Yjs document name of a workspace's plan on /collab. */
export const planDocName = (workspaceId: string): string => `plan:${workspaceId}`;

type YItem = Y.Map<unknown>;

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The server does not check the document's shape, so every read tolerates a missing or ill-typed
// value: shared types come back as null (the UI shows such a field empty and disabled).
function readText(map: YItem, key: string): Y.Text | null {
  const value = map.get(key);
  return value instanceof Y.Text ? value : null;
}

function readFragment(map: YItem, key: string): Y.XmlFragment | null {
  const value = map.get(key);
  return value instanceof Y.XmlFragment ? value : null;
}

function readString(map: YItem, key: string): string {
  const value = map.get(key);
  return typeof value === "string" ? value : "";
}

const idOf = (item: YItem): string => readString(item, "id");

function positionOf(item: YItem): number {
  const value = item.get("position");
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** Items of an ordered collection, by position (ties broken by id so every replica agrees). */
function ordered(array: Y.Array<YItem>): YItem[] {
  return array
    .toArray()
    .filter((item): item is YItem => item instanceof Y.Map)
    .sort((a, b) => positionOf(a) - positionOf(b) || idOf(a).localeCompare(idOf(b)));
}

function nextPosition(array: Y.Array<YItem>): number {
  const items = ordered(array);
  const last = items[items.length - 1];
  return last ? positionOf(last) + 1 : 0;
}

/** Moves the item with `id` to `toIndex` of the ordered view. Returns false when there is no such item. */
function moveItem(array: Y.Array<YItem>, id: string, toIndex: number): boolean {
  const items = ordered(array);
  const moving = items.find((item) => idOf(item) === id);
  if (!moving) return false;
  const others = items.filter((item) => item !== moving);
  const index = Math.max(0, Math.min(toIndex, others.length));
  const before = others[index - 1];
  const after = others[index];
  array.doc?.transact(() => {
    if (!before && !after) return;
    const low = before ? positionOf(before) : positionOf(after as YItem) - 1;
    const high = after ? positionOf(after) : low + 2;
    const middle = (low + high) / 2;
    if (middle > low && middle < high) {
      moving.set("position", middle);
      return;
    }
    // The gap is exhausted (or two items tie): renumber everything once.
    others.splice(index, 0, moving);
    others.forEach((item, i) => {
      if (positionOf(item) !== i) item.set("position", i);
    });
  });
  return true;
}

/** What a removal returns: `undo()` puts the item back with all its content; `release()` forgets it. */
export interface Removal {
  undo(): void;
  release(): void;
}

/**
 * Deletes an item through a one-shot UndoManager, which keeps the deleted content from garbage
 * collection and restores it intact (relative positions into it follow the restored items).
 */
function removeItem(array: Y.Array<YItem>, id: string): Removal | null {
  const index = array.toArray().findIndex((item) => item instanceof Y.Map && idOf(item) === id);
  const doc = array.doc;
  if (index < 0 || !doc) return null;
  const origin = { removal: id };
  const undoManager = new Y.UndoManager(array, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  doc.transact(() => array.delete(index, 1), origin);
  return {
    undo() {
      undoManager.undo();
      undoManager.destroy();
    },
    release() {
      undoManager.destroy();
    },
  };
}

/** A milestone: what will be delivered, by whom, when. */
export class Milestone {
  constructor(readonly map: YItem) {}

  get id(): string {
    return idOf(this.map);
  }

  text(field: MilestoneTextField): Y.Text | null {
    return readText(this.map, field);
  }

  date(field: DateField): string {
    return readString(this.map, field);
  }

  /** Sets a date (ISO yyyy-mm-dd), or clears it with "". */
  setDate(field: DateField, value: string): void {
    this.map.set(field, value);
  }
}

/** One commitment of the plan, following the OGP Local commitment template. */
export class Commitment {
  constructor(readonly map: YItem) {}

  get id(): string {
    return idOf(this.map);
  }

  text(field: CommitmentTextField): Y.Text | null {
    return readText(this.map, field);
  }

  richText(field: CommitmentRichField): Y.XmlFragment | null {
    return readFragment(this.map, field);
  }

  date(field: DateField): string {
    return readString(this.map, field);
  }

  /** Sets a date (ISO yyyy-mm-dd), or clears it with "". */
  setDate(field: DateField, value: string): void {
    this.map.set(field, value);
  }

  get policyArea(): PolicyArea | "" {
    const value = readString(this.map, "policyArea");
    return (POLICY_AREAS as readonly string[]).includes(value) ? (value as PolicyArea) : "";
  }

  set policyArea(value: PolicyArea | "") {
    this.map.set("policyArea", value);
  }

  /** The linked Sustainable Development Goal (1–17), or null. */
  get sdg(): number | null {
    const value = this.map.get("sdg");
    return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= SDG_COUNT
      ? (value as number)
      : null;
  }

  set sdg(value: number | null) {
    this.map.set("sdg", value);
  }

  private ogpEntry(value: OgpValue): YItem | null {
    const values = this.map.get("ogpValues");
    const entry = values instanceof Y.Map ? values.get(value) : undefined;
    return entry instanceof Y.Map ? (entry as YItem) : null;
  }

  isChecked(value: OgpValue): boolean {
    return this.ogpEntry(value)?.get("checked") === true;
  }

  setChecked(value: OgpValue, checked: boolean): void {
    this.ogpEntry(value)?.set("checked", checked);
  }

  justification(value: OgpValue): Y.Text | null {
    const entry = this.ogpEntry(value);
    return entry ? readText(entry, "justification") : null;
  }

  checkedValues(): OgpValue[] {
    return OGP_VALUES.filter((value) => this.isChecked(value));
  }

  private get milestoneArray(): Y.Array<YItem> | null {
    const value = this.map.get("milestones");
    return value instanceof Y.Array ? value : null;
  }

  /** Milestones in their agreed order. */
  milestones(): Milestone[] {
    const array = this.milestoneArray;
    return array ? ordered(array).map((map) => new Milestone(map)) : [];
  }

  /** Appends an empty milestone; null when this commitment has no milestone list. */
  addMilestone(): Milestone | null {
    const array = this.milestoneArray;
    if (!array) return null;
    const map = new Y.Map<unknown>();
    map.set("id", newId());
    map.set("position", nextPosition(array));
    for (const field of MILESTONE_TEXT_FIELDS) map.set(field, new Y.Text());
    map.set("startDate", "");
    map.set("endDate", "");
    array.push([map]);
    return new Milestone(map);
  }

  moveMilestone(id: string, toIndex: number): boolean {
    const array = this.milestoneArray;
    return array ? moveItem(array, id, toIndex) : false;
  }

  /** Removes a milestone; the returned handle can undo it. */
  removeMilestone(id: string): Removal | null {
    const array = this.milestoneArray;
    return array ? removeItem(array, id) : null;
  }
}

/** Which checked OGP values count: technology and inclusion only alongside a core value. */
export function relevantValues(checked: Iterable<OgpValue>): { counted: OgpValue[]; notCounted: OgpValue[] } {
  const set = new Set(checked);
  const hasCore = CORE_OGP_VALUES.some((value) => set.has(value));
  const counted = OGP_VALUES.filter((value) => set.has(value) && (hasCore || isCore(value)));
  return { counted, notCounted: OGP_VALUES.filter((value) => set.has(value) && !counted.includes(value)) };
}

const isCore = (value: OgpValue): boolean => (CORE_OGP_VALUES as readonly OgpValue[]).includes(value);

/** Typed handles on the plan document's root types. */
export interface Plan {
  doc: Y.Doc;
  vision: Y.XmlFragment;
  cocreationSummary: Y.XmlFragment;
  commitmentArray: Y.Array<YItem>;
}

/** The plan's root types in `doc` (created on first access; root types never conflict). */
export function getPlan(doc: Y.Doc): Plan {
  return {
    doc,
    vision: doc.getXmlFragment("vision"),
    cocreationSummary: doc.getXmlFragment("cocreationSummary"),
    commitmentArray: doc.getArray<YItem>("commitments"),
  };
}

/** The commitments in their agreed order. */
export function listCommitments(doc: Y.Doc): Commitment[] {
  return ordered(getPlan(doc).commitmentArray).map((map) => new Commitment(map));
}

/**
 * Appends an empty commitment with every field in place, or returns null when the plan already
 * holds `max` commitments (the workspace's maxCommitments). Offline co-authors can still each add
 * one and exceed it after merging; the page shows that case.
 */
export function addCommitment(doc: Y.Doc, max: number): Commitment | null {
  const array = getPlan(doc).commitmentArray;
  if (array.length >= max) return null;
  const map = new Y.Map<unknown>();
  map.set("id", newId());
  map.set("position", nextPosition(array));
  for (const field of COMMITMENT_TEXT_FIELDS) map.set(field, new Y.Text());
  for (const field of COMMITMENT_RICH_FIELDS) map.set(field, new Y.XmlFragment());
  map.set("startDate", "");
  map.set("endDate", "");
  map.set("policyArea", "");
  map.set("sdg", null);
  const values = new Y.Map<YItem>();
  for (const value of OGP_VALUES) {
    const entry = new Y.Map<unknown>();
    entry.set("checked", false);
    entry.set("justification", new Y.Text());
    values.set(value, entry);
  }
  map.set("ogpValues", values);
  map.set("milestones", new Y.Array<YItem>());
  doc.transact(() => array.push([map]));
  return new Commitment(map);
}

/** Moves a commitment to `toIndex` in the agreed order; false when there is no such commitment. */
export function moveCommitment(doc: Y.Doc, id: string, toIndex: number): boolean {
  return moveItem(getPlan(doc).commitmentArray, id, toIndex);
}

/** Removes a commitment; the returned handle can undo it. Null when there is no such commitment. */
export function removeCommitment(doc: Y.Doc, id: string): Removal | null {
  return removeItem(getPlan(doc).commitmentArray, id);
}

/**
 * Fills an empty rich-text field with plain paragraphs, in the node names Tiptap's StarterKit
 * uses ("paragraph"); for seeding and tests.
 */
export function appendParagraphs(fragment: Y.XmlFragment, paragraphs: readonly string[]): void {
  const elements = paragraphs.map((text) => {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(text)]);
    return paragraph;
  });
  fragment.insert(fragment.length, elements);
}

/** A rich-text field as ProseMirror JSON (the shape Tiptap's `getJSON()` returns). */
export interface RichTextJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextJson[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

function nodeToJson(node: Y.XmlElement | Y.XmlText | Y.XmlHook): RichTextJson[] {
  if (node instanceof Y.XmlText) {
    const delta = node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
    return delta
      .filter((op) => typeof op.insert === "string" && op.insert.length > 0)
      .map((op) => {
        const marks = Object.entries(op.attributes ?? {}).map(([name, attrs]) => {
          // y-prosemirror suffixes overlapping marks of one type with "--<hash>".
          const type = name.split("--")[0] ?? name;
          return attrs && typeof attrs === "object" && Object.keys(attrs).length > 0
            ? { type, attrs: attrs as Record<string, unknown> }
            : { type };
        });
        return marks.length > 0
          ? { type: "text", text: op.insert as string, marks }
          : { type: "text", text: op.insert as string };
      });
  }
  if (!(node instanceof Y.XmlElement)) return [];
  const json: RichTextJson = { type: node.nodeName };
  const attrs = node.getAttributes();
  if (Object.keys(attrs).length > 0) json.attrs = attrs;
  const content = node.toArray().flatMap(nodeToJson);
  if (content.length > 0) json.content = content;
  return [json];
}

/**
 * One top-level block (a paragraph, a heading, a list) of a rich-text field as ProseMirror JSON, as
 * it appears in `richTextToJson(fragment).content` when every top-level child is an element.
 */
export function blockToJson(block: Y.XmlElement): RichTextJson | null {
  return nodeToJson(block)[0] ?? null;
}

/** A rich-text field as a ProseMirror `doc` node. */
export function richTextToJson(fragment: Y.XmlFragment): RichTextJson {
  return { type: "doc", content: fragment.toArray().flatMap(nodeToJson) };
}

export interface MilestoneJson {
  id: string;
  description: string;
  output: string;
  responsible: string;
  startDate: string;
  endDate: string;
}

export interface CommitmentJson {
  id: string;
  title: string;
  leadAgency: string;
  contactPerson: string;
  startDate: string;
  endDate: string;
  problem: RichTextJson;
  commitment: RichTextJson;
  contribution: RichTextJson;
  ogpValues: Record<OgpValue, { checked: boolean; justification: string }>;
  /** The checked values that count towards relevance (see `relevantValues`). */
  relevantValues: OgpValue[];
  milestones: MilestoneJson[];
  governmentActors: string;
  nonGovernmentActors: string;
  policyArea: PolicyArea | "";
  budget: string;
  sdg: number | null;
}

export interface PlanJson {
  vision: RichTextJson;
  cocreationSummary: RichTextJson;
  commitments: CommitmentJson[];
}

const plain = (text: Y.Text | null): string => text?.toString() ?? "";
const richOrEmpty = (fragment: Y.XmlFragment | null): RichTextJson =>
  fragment ? richTextToJson(fragment) : { type: "doc", content: [] };

function milestoneToJson(milestone: Milestone): MilestoneJson {
  return {
    id: milestone.id,
    description: plain(milestone.text("description")),
    output: plain(milestone.text("output")),
    responsible: plain(milestone.text("responsible")),
    startDate: milestone.date("startDate"),
    endDate: milestone.date("endDate"),
  };
}

/** One commitment as plain JSON, as `planToJson` gives it (the live public draft sends one at a time). */
export function commitmentToJson(commitment: Commitment): CommitmentJson {
  const text = (field: CommitmentTextField) => plain(commitment.text(field));
  const ogpValues = Object.fromEntries(
    OGP_VALUES.map((value) => [
      value,
      { checked: commitment.isChecked(value), justification: plain(commitment.justification(value)) },
    ]),
  ) as CommitmentJson["ogpValues"];
  return {
    id: commitment.id,
    title: text("title"),
    leadAgency: text("leadAgency"),
    contactPerson: text("contactPerson"),
    startDate: commitment.date("startDate"),
    endDate: commitment.date("endDate"),
    problem: richOrEmpty(commitment.richText("problem")),
    commitment: richOrEmpty(commitment.richText("commitment")),
    contribution: richOrEmpty(commitment.richText("contribution")),
    ogpValues,
    relevantValues: relevantValues(commitment.checkedValues()).counted,
    milestones: commitment.milestones().map(milestoneToJson),
    governmentActors: text("governmentActors"),
    nonGovernmentActors: text("nonGovernmentActors"),
    policyArea: commitment.policyArea,
    budget: text("budget"),
    sdg: commitment.sdg,
  };
}

/** The whole plan as plain JSON, in the agreed order (for freezing versions and export). */
export function planToJson(doc: Y.Doc): PlanJson {
  const plan = getPlan(doc);
  return {
    vision: richTextToJson(plan.vision),
    cocreationSummary: richTextToJson(plan.cocreationSummary),
    commitments: listCommitments(doc).map(commitmentToJson),
  };
}
