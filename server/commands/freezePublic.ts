import type { PublicVersionResponse, PublicVersionsResponse, VersionDetail } from "@shared/freeze";
import { notFound } from "../errors";
import type { Store } from "../store";
import { verifiedVersion, verifiedVersions } from "./freezeContent";

/** What the public may see of a workspace: only what an official version froze. */
function publicWorkspace(slug: string, latest: VersionDetail): PublicVersionsResponse["workspace"] {
  return { slug, name: latest.content.workspace.name, jurisdiction: latest.content.workspace.jurisdiction };
}

/** A workspace by its slug, when it has published at least one official version; else 404. */
function publishedWorkspace(store: Store, slug: string): string {
  const workspaceId = store.versions.workspaceIdBySlug(slug);
  // A workspace without an official version is not public: answer as if it did not exist.
  if (!workspaceId || store.versions.versions(workspaceId).length === 0) {
    throw notFound("Published action plan");
  }
  return workspaceId;
}

/** The official versions of the workspace at `slug`, oldest first; no session needed. */
export function publicVersions(store: Store, slug: string): PublicVersionsResponse {
  const workspaceId = publishedWorkspace(store, slug);
  const versions = verifiedVersions(store, workspaceId);
  const latest = store.versions.version(workspaceId, versions.at(-1)?.number ?? 0);
  if (!latest) throw notFound("Published action plan");
  return { workspace: publicWorkspace(slug, verifiedVersion(store, latest)), versions };
}

/** One official version (`"latest"` for the newest) of the workspace at `slug`; no session needed. */
export function publicVersion(store: Store, slug: string, number: number | "latest"): PublicVersionResponse {
  const workspaceId = publishedWorkspace(store, slug);
  const all = store.versions.versions(workspaceId);
  const record = number === "latest" ? all.at(-1) : all.find((v) => v.number === number);
  if (!record) throw notFound("Version");
  const version = verifiedVersion(store, record);
  // Named as this version froze it: a later rename is not part of what was signed.
  return { workspace: publicWorkspace(slug, version), version };
}
