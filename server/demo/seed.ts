/**
 * Seeds the sample workspace of the fictional municipality of Villa Esperanza through the real
 * commands: its members (one per sector) and the story in story.ts. Run again, it reuses the
 * workspace and accounts of the first run instead of adding a second workspace.
 */
import type { User, Workspace } from "@shared/api";
import { verifyPassword } from "../auth/password";
import { acceptInvitation, createInvitation } from "../commands/invitations";
import { signUp } from "../commands/signUp";
import { createWorkspace } from "../commands/workspaces";
import type { AppContext } from "../context";
import type { Store } from "../store";
import {
  CARMEN,
  DEMO_PASSWORD,
  DEMO_WORKSPACE,
  type DemoPerson,
  DIEGO,
  FACILITATOR,
  MATEO,
  MEMBERS,
  SOFIA,
} from "./people";
import { tellStory } from "./story";

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

/** Seeds the demo workspace, or finds the one an earlier run seeded. */
export async function seedDemo(ctx: AppContext): Promise<{ workspace: Workspace; reused: boolean }> {
  const deps = { ...ctx, documents: ctx.documentStore };
  const facilitator = await account(ctx.store, FACILITATOR);
  const earlier = (await ctx.store.workspaces.listForUser(facilitator.id)).find(
    (w) => w.name === DEMO_WORKSPACE,
  );
  if (earlier) return { workspace: earlier, reused: true };
  const { workspace } = await createWorkspace(deps, facilitator, {
    name: DEMO_WORKSPACE,
    jurisdiction: "Municipality of Villa Esperanza",
    periodStart: "2025-09-01",
    periodEnd: "2027-08-31",
    sector: FACILITATOR.sector,
    organization: FACILITATOR.organization,
  });
  const users = new Map<DemoPerson, User>();
  for (const person of MEMBERS) {
    const user = await account(ctx.store, person);
    const { token } = await createInvitation(deps, facilitator.id, workspace.id, {
      role: person.role,
      sector: person.sector,
      maxUses: 1,
    });
    await acceptInvitation(deps, user, token, { organization: person.organization });
    users.set(person, user);
  }
  const member = (person: DemoPerson): User => {
    const user = users.get(person);
    if (!user) throw new Error(`${person.name} is not a demo member`);
    return user;
  };
  await tellStory(deps, workspace.id, workspace.maxCommitments, {
    lucia: facilitator,
    carmen: member(CARMEN),
    mateo: member(MATEO),
    sofia: member(SOFIA),
    diego: member(DIEGO),
  });
  return { workspace, reused: false };
}
