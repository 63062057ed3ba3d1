import type { PublicVersionResponse, PublicVersionsResponse, VersionDetail } from "@shared/freeze";
import type { AppContext } from "../context";
import { notFound } from "../errors";
import type { Store } from "../store";

/** What the public reads of versions need: the tables and the versions' checks. */
export type PublicVersionDeps = Pick<AppContext, "store" | "officialVersions">;

/** What the public may see of a workspace: only what an official version froze. */
function publicWorkspace(slug: string, latest: VersionDetail): PublicVersionsResponse["workspace"] {
  return { slug, name: latest.content.workspace.name, jurisdiction: latest.content.workspace.jurisdiction };
}

/** A workspace by its slug, when it has published at least one official version; else 404. */
async function publishedWorkspace(store: Store, slug: string): Promise<string> {
  const workspaceId = await store.versions.workspaceIdBySlug(slug);
  // A workspace without an official version is not public: answer as if it did not exist.
  if (!workspaceId || (await store.versions.heads(workspaceId)).length === 0) {
    throw notFound("Published action plan");
  }
  return workspaceId;
}

/** The official versions of the workspace at `slug`, oldest first; no session needed. */
export async function publicVersions(deps: PublicVersionDeps, slug: string): Promise<PublicVersionsResponse> {
  const workspaceId = await publishedWorkspace(deps.store, slug);
  const versions = await deps.officialVersions.list(workspaceId);
  const latest = (await deps.store.versions.heads(workspaceId)).at(-1);
  if (!latest) throw notFound("Published action plan");
  return { workspace: publicWorkspace(slug, await deps.officialVersions.detail(latest)), versions };
}

/** One official version (`"latest"` for the newest) of the workspace at `slug`; no session needed. */
export async function publicVersion(
  deps: PublicVersionDeps,
  slug: string,
  number: number | "latest",
): Promise<PublicVersionResponse> {
  const workspaceId = await publishedWorkspace(deps.store, slug);
  const all = await deps.store.versions.heads(workspaceId);
  const head = number === "latest" ? all.at(-1) : all.find((v) => v.number === number);
  if (!head) throw notFound("Version");
  const version = await deps.officialVersions.detail(head);
  // Named as this version froze it: a later rename is not part of what was signed.
  return { workspace: publicWorkspace(slug, version), version };
}
