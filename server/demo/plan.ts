/**
 * The demo plan's text, written into its Yjs document as updates by the members who "wrote" each
 * part, so authorship by sector shows from the start. Five commitments in different states: two
 * complete ones that become official version 1, then (after it) a third the forum voted on, one
 * half-written and one with only a title, plus an edit to the first so "changes since v1" shows.
 */
import type { User } from "@shared/api";
import { encodeAnchorPosition } from "@shared/commentAnchors";
import {
  addCommitment,
  appendParagraphs,
  type Commitment,
  getPlan,
  listCommitments,
  type OgpValue,
} from "@shared/plan";
import * as Y from "yjs";
import type { NewDocumentUpdate } from "../store/documents";

interface DemoMilestone {
  description: string;
  output: string;
  startDate: string;
  endDate: string;
  responsible: string;
}

/** A commitment's fields; all but the title optional, so unfinished ones can be written too. */
interface DemoCommitment {
  title: string;
  leadAgency?: string;
  contactPerson?: string;
  startDate?: string;
  endDate?: string;
  problem?: string[];
  commitment?: string[];
  contribution?: string[];
  /** The OGP values it advances, each with its justification. */
  values?: Partial<Record<OgpValue, string>>;
  milestones?: DemoMilestone[];
  governmentActors?: string;
  nonGovernmentActors?: string;
  policyArea?: Commitment["policyArea"];
  sdg?: number;
}

function addMilestones(commitment: Commitment, steps: readonly DemoMilestone[]): void {
  for (const step of steps) {
    const milestone = commitment.addMilestone();
    milestone?.text("description")?.insert(0, step.description);
    milestone?.text("output")?.insert(0, step.output);
    milestone?.text("responsible")?.insert(0, step.responsible);
    milestone?.setDate("startDate", step.startDate);
    milestone?.setDate("endDate", step.endDate);
  }
}

function fillCommitment(commitment: Commitment, fields: DemoCommitment): void {
  for (const field of [
    "title",
    "leadAgency",
    "contactPerson",
    "governmentActors",
    "nonGovernmentActors",
  ] as const) {
    const text = fields[field];
    if (text) commitment.text(field)?.insert(0, text);
  }
  if (fields.startDate) commitment.setDate("startDate", fields.startDate);
  if (fields.endDate) commitment.setDate("endDate", fields.endDate);
  for (const field of ["problem", "commitment", "contribution"] as const) {
    const fragment = commitment.richText(field);
    const paragraphs = fields[field];
    if (fragment && paragraphs) appendParagraphs(fragment, paragraphs);
  }
  for (const [value, justification] of Object.entries(fields.values ?? {}) as [OgpValue, string][]) {
    commitment.setChecked(value, true);
    commitment.justification(value)?.insert(0, justification);
  }
  addMilestones(commitment, fields.milestones ?? []);
  if (fields.policyArea) commitment.policyArea = fields.policyArea;
  if (fields.sdg) commitment.sdg = fields.sdg;
}

const CONTRACTING: DemoCommitment = {
  title: "Open contracting for municipal public works",
  leadAgency: "Public Works Department",
  contactPerson: "Carmen Díaz, head of procurement",
  startDate: "2025-09-01",
  endDate: "2027-06-30",
  problem: [
    "Residents cannot follow public works from tender to completion. Only 12% of 2024 contracts " +
      "were published, as scanned PDFs, and three of the five largest works ran over budget.",
  ],
  commitment: [
    "Publish every public works contract in the Open Contracting Data Standard, from planning to " +
      "completion, on the municipal portal and at the neighbourhood offices.",
  ],
  contribution: [
    "Journalists, neighbours and firms can spot delays and cost overruns early; the long-term goal " +
      "is fair competition and works that finish on time and on budget.",
  ],
  values: {
    transparency: "All contracting stages become public, in an open standard.",
    accountability: "Residents can ask the council about overruns with the data in hand.",
    technology: "A reusable open data pipeline replaces scanned PDFs.",
  },
  milestones: [
    {
      description: "Map the current procurement process with the Chamber of Commerce and civil society",
      output: "Published process map and data inventory",
      startDate: "2025-09-01",
      endDate: "2025-11-30",
      responsible: "Public Works Department",
    },
    {
      description: "Publish all new contracts in OCDS on the portal",
      output: "OCDS feed online, updated weekly",
      startDate: "2025-12-01",
      endDate: "2026-06-30",
      responsible: "Public Works Department with the IT Office",
    },
  ],
  governmentActors: "IT Office; Municipal Audit Office",
  nonGovernmentActors: "Villa Esperanza Chamber of Commerce; Red Ciudadana Villa Esperanza",
  policyArea: "open_contracting",
  sdg: 16,
};

/** The passage of the budgeting commitment that a text comment is anchored to. */
const BUDGET_SHARE = "5% of the capital budget";

const BUDGETING: DemoCommitment = {
  title: "Participatory budgeting in every neighbourhood",
  leadAgency: "Citizen Participation Directorate",
  contactPerson: "Mateo Rojas, Red Ciudadana (civil society co-lead)",
  startDate: "2026-01-15",
  endDate: "2027-06-30",
  problem: [
    "Residents of the outer neighbourhoods have no say in investment decisions; in 2024 they received " +
      "9% of the capital budget while being 31% of the population.",
  ],
  commitment: [
    `Set aside ${BUDGET_SHARE} each year for projects proposed and chosen by residents, ` +
      "with voting both online and at the neighbourhood offices.",
  ],
  contribution: [
    "Spending follows the needs residents name; the long-term goal is a budget that reflects every " +
      "neighbourhood.",
  ],
  values: {
    participation: "Residents propose and vote on projects.",
    inclusion: "Paper ballots and assisted voting reach people without internet access.",
  },
  milestones: [
    {
      description: "Agree the rules of participatory budgeting with the multi-stakeholder forum",
      output: "Published rules, in plain language",
      startDate: "2026-01-15",
      endDate: "2026-03-31",
      responsible: "Citizen Participation Directorate and Red Ciudadana",
    },
  ],
  governmentActors: "Finance Department; neighbourhood offices",
  nonGovernmentActors: "Red Ciudadana Villa Esperanza; Barrio Norte neighbours' association",
  policyArea: "citizen_participation",
  sdg: 11,
};

const AIR_QUALITY: DemoCommitment = {
  title: "Open air-quality data around schools",
  leadAgency: "Environment Office",
  contactPerson: "Head of the Environment Office",
  startDate: "2026-03-01",
  endDate: "2027-03-31",
  problem: [
    "Parents near the industrial park report asthma among children, but the municipality measures air " +
      "quality at one station, far from the schools, and publishes a yearly average.",
  ],
  commitment: [
    "Install low-cost sensors at the ten schools closest to the industrial park and publish their " +
      "readings hourly as open data, with a plain-language alert when limits are passed.",
  ],
  contribution: ["Families and schools can act on bad-air days; the council can target enforcement."],
  values: {
    transparency: "Hourly readings, published as open data.",
    participation: "Schools and parents choose where the sensors go.",
  },
  milestones: [
    {
      description: "Choose the sensor sites with the schools and the university",
      output: "Published map of sensor sites",
      startDate: "2026-03-01",
      endDate: "2026-05-31",
      responsible: "Environment Office with Universidad del Sur",
    },
  ],
  policyArea: "open_data",
  sdg: 3,
};

/** Half-written: a problem and a commitment, but no milestones or dates yet. */
const INFO_DESK: DemoCommitment = {
  title: "One desk for public information requests",
  leadAgency: "General Secretariat",
  problem: [
    "Requests for public information go to whichever office a resident finds; a third get no answer " +
      "within the legal 15 working days.",
  ],
  commitment: ["Create a single desk, online and in person, that registers every request and tracks it."],
};

/** Nearly empty: a title someone wrote down in a meeting. */
const YOUTH: DemoCommitment = { title: "Youth council on the open government plan" };

/** Collects a document's updates, each under the id of the member who wrote it. */
export class DocumentWriter {
  readonly doc = new Y.Doc();
  private updates: NewDocumentUpdate[] = [];
  /** Each author's own Yjs client id, as each would have in a browser. */
  private readonly clientIds = new Map<string, number>();

  constructor(private readonly docName: string) {}

  as<T>(author: User, write: () => T): T {
    // Written under the author's own client id, bound to them as the collaboration server binds a
    // socket's ids: so the record and "Show who wrote what" tell the demo's writers apart.
    let clientId = this.clientIds.get(author.id);
    const fresh = clientId === undefined;
    if (clientId === undefined) {
      clientId = new Y.Doc().clientID;
      this.clientIds.set(author.id, clientId);
    }
    this.doc.clientID = clientId;
    let bind = fresh;
    const record = (update: Uint8Array) => {
      this.updates.push({
        docName: this.docName,
        userId: author.id,
        update,
        ...(bind ? { clients: [clientId] } : {}),
      });
      bind = false;
    };
    this.doc.on("update", record);
    try {
      return this.doc.transact(write);
    } finally {
      this.doc.off("update", record);
    }
  }

  /** The updates written since the last call. */
  take(): NewDocumentUpdate[] {
    const taken = this.updates;
    this.updates = [];
    return taken;
  }
}

/** A passage of a commitment's rich-text field, as a text comment anchors it. */
export interface DemoPassage {
  field: string;
  start: string;
  end: string;
  quote: string;
}

function passage(commitment: Commitment, field: "commitment", quote: string): DemoPassage {
  const paragraph = commitment.richText(field)?.get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null;
  const index = text instanceof Y.XmlText ? text.toString().indexOf(quote) : -1;
  if (!(text instanceof Y.XmlText) || index < 0) throw new Error(`"${quote}" is not in the demo plan`);
  const at = (offset: number, assoc: number) =>
    encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, offset, assoc));
  return {
    field: `commitments/${commitment.id}/${field}`,
    start: at(index, 0),
    end: at(index + quote.length, -1),
    quote,
  };
}

export interface DemoAuthors {
  government: User;
  civilSociety: User;
  facilitator: User;
}

/** The plan in two rounds: what version 1 holds, then what was written after it. */
export class DemoPlan {
  private readonly writer: DocumentWriter;

  constructor(
    docName: string,
    private readonly maxCommitments: number,
    private readonly authors: DemoAuthors,
  ) {
    this.writer = new DocumentWriter(docName);
  }

  private add(author: User, fields: DemoCommitment): Commitment {
    return this.writer.as(author, () => {
      const commitment = addCommitment(this.writer.doc, this.maxCommitments);
      if (!commitment) throw new Error("the demo workspace holds too few commitments");
      fillCommitment(commitment, fields);
      return commitment;
    });
  }

  /** The vision, the co-creation summary and the two complete commitments of version 1. */
  firstRound() {
    const { government, civilSociety } = this.authors;
    const plan = getPlan(this.writer.doc);
    this.writer.as(government, () =>
      appendParagraphs(plan.vision, [
        "By 2027 every resident of Villa Esperanza can see how public money is spent, take part in deciding " +
          "it, and hold the municipality to account, online or at the neighbourhood office.",
      ]),
    );
    const contracting = this.add(government, CONTRACTING);
    this.writer.as(civilSociety, () =>
      appendParagraphs(plan.cocreationSummary, [
        "Four open meetings (two in person, two online) gathered 86 people from government, civil society, " +
          "the university and local businesses. Every proposal received a reasoned answer in this workspace.",
      ]),
    );
    const budgeting = this.add(civilSociety, BUDGETING);
    return {
      updates: this.writer.take(),
      contractingId: contracting.id,
      budgetingId: budgeting.id,
      budgetShare: passage(budgeting, "commitment", BUDGET_SHARE),
    };
  }

  /** After version 1: a new milestone and sentence in the first commitment, three new commitments. */
  secondRound(contractingId: string) {
    const { government, civilSociety, facilitator } = this.authors;
    this.writer.as(government, () => {
      const contracting = listCommitments(this.writer.doc).find((c) => c.id === contractingId);
      const text = contracting?.richText("commitment");
      if (text) appendParagraphs(text, ["Large contracts are also presented at an open council hearing."]);
      if (contracting) {
        addMilestones(contracting, [
          {
            description: "Hold the first open hearing on the five largest contracts",
            output: "Recorded hearing and published answers",
            startDate: "2026-09-01",
            endDate: "2026-10-31",
            responsible: "Municipal Audit Office",
          },
        ]);
      }
    });
    const airQuality = this.add(civilSociety, AIR_QUALITY);
    this.add(government, INFO_DESK);
    this.add(facilitator, YOUTH);
    return { updates: this.writer.take(), airQualityId: airQuality.id };
  }
}
