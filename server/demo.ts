/**
 * `npm run demo`: seeds a sample workspace for the fictional municipality of Villa Esperanza in the
 * data directory (COCREA_DATA_DIR, default ./data) through the real commands, writes two draft
 * commitments into its plan document through the collaboration store, prints who can sign in, and
 * starts the server. Run it again and it reuses the workspace and accounts of the first run.
 */
import type { User } from "@shared/api";
import {
  addCommitment,
  appendParagraphs,
  type Commitment,
  getPlan,
  type OgpValue,
  planDocName,
} from "@shared/plan";
import type { Role, Sector } from "@shared/roles";
import * as Y from "yjs";
import { verifyPassword } from "./auth/password";
import { acceptInvitation, createInvitation } from "./commands/invitations";
import { signUp } from "./commands/signUp";
import { createWorkspace } from "./commands/workspaces";
import { loadConfig } from "./config";
import { createContext } from "./createContext";
import type { Store } from "./store";
import type { NewDocumentUpdate } from "./store/documents";

/** Shared by every demo account; printed on screen. Demo data only, never a real deployment. */
const DEMO_PASSWORD = "esperanza-demo-2025";

interface DemoPerson {
  name: string;
  email: string;
  role: Role;
  sector: Sector;
  organization: string;
}

const FACILITATOR: DemoPerson = {
  name: "Lucía Fernández",
  email: "lucia@villa-esperanza.example",
  role: "facilitator",
  sector: "government",
  organization: "Municipality of Villa Esperanza – Open Government Office",
};

const MEMBERS: DemoPerson[] = [
  {
    name: "Carmen Díaz",
    email: "carmen@villa-esperanza.example",
    role: "drafter",
    sector: "government",
    organization: "Public Works Department",
  },
  {
    name: "Mateo Rojas",
    email: "mateo@red-ciudadana.example",
    role: "drafter",
    sector: "civil_society",
    organization: "Red Ciudadana Villa Esperanza",
  },
  {
    name: "Sofía Méndez",
    email: "sofia@universidad-del-sur.example",
    role: "commenter",
    sector: "academia",
    organization: "Universidad del Sur – Public Policy Lab",
  },
  {
    name: "Diego Navarro",
    email: "diego@camara-comercio.example",
    role: "commenter",
    sector: "private_sector",
    organization: "Villa Esperanza Chamber of Commerce",
  },
  {
    name: "Rosa Quispe",
    email: "rosa@vecinos.example",
    role: "viewer",
    sector: "citizen",
    organization: "Barrio Norte neighbours' association",
  },
];

/** Signs a demo person up, or reuses their account from an earlier run (same password only). */
async function account(store: Store, person: DemoPerson): Promise<User> {
  const existing = await store.users.credentialsByEmail(person.email);
  if (!existing) return signUp(store, { name: person.name, email: person.email, password: DEMO_PASSWORD });
  if (!(await verifyPassword(existing.passwordHash, DEMO_PASSWORD))) {
    throw new Error(
      `${person.email} already exists in this data directory with another password. ` +
        "Run the demo with a fresh COCREA_DATA_DIR.",
    );
  }
  return existing.user;
}

interface DemoCommitment {
  title: string;
  leadAgency: string;
  contactPerson: string;
  startDate: string;
  endDate: string;
  problem: string[];
  commitment: string[];
  contribution: string[];
  /** The OGP values it advances, each with its justification. */
  values: Partial<Record<OgpValue, string>>;
  milestones: {
    description: string;
    output: string;
    startDate: string;
    endDate: string;
    responsible: string;
  }[];
  governmentActors: string;
  nonGovernmentActors: string;
  policyArea: Commitment["policyArea"];
  sdg: number;
}

function fillCommitment(commitment: Commitment, fields: DemoCommitment): void {
  commitment.text("title")?.insert(0, fields.title);
  commitment.text("leadAgency")?.insert(0, fields.leadAgency);
  commitment.text("contactPerson")?.insert(0, fields.contactPerson);
  commitment.setDate("startDate", fields.startDate);
  commitment.setDate("endDate", fields.endDate);
  for (const field of ["problem", "commitment", "contribution"] as const) {
    const fragment = commitment.richText(field);
    if (fragment) appendParagraphs(fragment, fields[field]);
  }
  for (const [value, justification] of Object.entries(fields.values) as [OgpValue, string][]) {
    commitment.setChecked(value, true);
    commitment.justification(value)?.insert(0, justification);
  }
  for (const step of fields.milestones) {
    const milestone = commitment.addMilestone();
    milestone?.text("description")?.insert(0, step.description);
    milestone?.text("output")?.insert(0, step.output);
    milestone?.text("responsible")?.insert(0, step.responsible);
    milestone?.setDate("startDate", step.startDate);
    milestone?.setDate("endDate", step.endDate);
  }
  commitment.text("governmentActors")?.insert(0, fields.governmentActors);
  commitment.text("nonGovernmentActors")?.insert(0, fields.nonGovernmentActors);
  commitment.policyArea = fields.policyArea;
  commitment.sdg = fields.sdg;
}

/**
 * Writes the sample plan, each part as an update by the member who "wrote" it, so authorship by
 * sector shows from the start.
 */
function demoPlanUpdates(docName: string, maxCommitments: number, government: User, civilSociety: User) {
  const doc = new Y.Doc();
  const updates: NewDocumentUpdate[] = [];
  const as = (author: User, write: () => void) => {
    const record = (update: Uint8Array) => updates.push({ docName, userId: author.id, update });
    doc.on("update", record);
    doc.transact(write);
    doc.off("update", record);
  };
  const plan = getPlan(doc);

  as(government, () => {
    appendParagraphs(plan.vision, [
      "By 2027 every resident of Villa Esperanza can see how public money is spent, take part in deciding " +
        "it, and hold the municipality to account, online or at the neighbourhood office.",
    ]);
    const contracting = addCommitment(doc, maxCommitments);
    if (!contracting) return;
    fillCommitment(contracting, {
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
    });
  });

  as(civilSociety, () => {
    appendParagraphs(plan.cocreationSummary, [
      "Four open meetings (two in person, two online) gathered 86 people from government, civil society, " +
        "the university and local businesses. Every proposal received a reasoned answer in this workspace.",
    ]);
    const budgeting = addCommitment(doc, maxCommitments);
    if (!budgeting) return;
    fillCommitment(budgeting, {
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
        "Set aside 5% of the capital budget each year for projects proposed and chosen by residents, " +
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
    });
  });
  return updates;
}

const DEMO_WORKSPACE = "Villa Esperanza Abierta";

async function seed() {
  const config = loadConfig();
  const ctx = await createContext(config);
  try {
    const deps = { store: ctx.store, relay: ctx.relay };
    const facilitator = await account(ctx.store, FACILITATOR);
    // A second run reuses the workspace of the first, rather than adding another one beside it.
    const earlier = (await ctx.store.workspaces.listForUser(facilitator.id)).find(
      (w) => w.name === DEMO_WORKSPACE,
    );
    if (earlier) return { config, workspace: earlier, reused: true };
    const { workspace } = await createWorkspace(deps, facilitator, {
      name: DEMO_WORKSPACE,
      jurisdiction: "Municipality of Villa Esperanza",
      periodStart: "2025-09-01",
      periodEnd: "2027-08-31",
      sector: FACILITATOR.sector,
      organization: FACILITATOR.organization,
    });
    const users = new Map<string, User>();
    for (const person of MEMBERS) {
      const user = await account(ctx.store, person);
      const { token } = await createInvitation(deps, facilitator.id, workspace.id, {
        role: person.role,
        sector: person.sector,
        maxUses: 1,
      });
      await acceptInvitation(deps, user, token, { organization: person.organization });
      users.set(person.email, user);
    }
    const government = users.get("carmen@villa-esperanza.example") ?? facilitator;
    const civilSociety = users.get("mateo@red-ciudadana.example") ?? facilitator;
    const documents = ctx.documentStore;
    await documents.append(
      demoPlanUpdates(planDocName(workspace.id), workspace.maxCommitments, government, civilSociety),
    );
    return { config, workspace, reused: false };
  } finally {
    ctx.close();
  }
}

const { config, workspace, reused } = await seed();
const site = `http://localhost:${config.port}`;
console.log(`
Villa Esperanza demo workspace ${reused ? "found (from an earlier run) and reused" : "created"} in ${config.dataDir}.
Sign in at ${site}/signin, then open ${site}/w/${workspace.id}/plan
Every account's password: ${DEMO_PASSWORD}
`);
console.table(
  [FACILITATOR, ...MEMBERS].map(({ name, email, role, sector }) => ({ name, email, role, sector })),
);
console.log("Try two browsers (or a private window) signed in as Carmen and Mateo to co-write live.\n");
// Starts the real server in this process (it prints its address when ready).
await import("./main");
