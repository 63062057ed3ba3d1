import type { PublicVersionResponse, PublicVersionsResponse, VersionDetail } from "@shared/freeze";
import { notFound } from "../errors";
import type { Store } from "../store";
import { verifiedVersion, verifiedVersions } from "./freezeContent";

/** What the public may see of a workspace: only what an official version froze. */
function publicWorkspace(slug: string, latest: VersionDetail): PublicVersionsResponse["workspace"] {
  return { slug, name: latest.content.workspace.name, jurisdiction: latest.content.workspace.jurisdiction };
}

/** A workspace by its slug, when it has published at least one official version; else 404. */
async function publishedWorkspace(store: Store, slug: string): Promise<string> {
  const workspaceId = await store.versions.workspaceIdBySlug(slug);
  // A workspace without an official version is not public: answer as if it did not exist.
  if (!workspaceId || (await store.versions.versions(workspaceId)).length === 0) {
    throw notFound("Published action plan");
  }
  return workspaceId;
}

/** The official versions of the workspace at `slug`, oldest first; no session needed. */
export async function publicVersions(store: Store, slug: string): Promise<PublicVersionsResponse> {
  const workspaceId = await publishedWorkspace(store, slug);
  const versions = await verifiedVersions(store, workspaceId);
  const latest = await store.versions.version(workspaceId, versions.at(-1)?.number ?? 0);
  if (!latest) throw notFound("Published action plan");
  return { workspace: publicWorkspace(slug, await verifiedVersion(store, latest)), versions };
}

/** One official version (`"latest"` for the newest) of the workspace at `slug`; no session needed. */
export async function publicVersion(
  store: Store,
  slug: string,
  number: number | "latest",
): Promise<PublicVersionResponse> {
  const workspaceId = await publishedWorkspace(store, slug);
  const all = await store.versions.versions(workspaceId);
  const record = number === "latest" ? all.at(-1) : all.find((v) => v.number === number);
  if (!record) throw notFound("Version");
  const version = await verifiedVersion(store, record);
  // Named as this version froze it: a later rename is not part of what was signed.
  return { workspace: publicWorkspace(slug, version), version };
}
