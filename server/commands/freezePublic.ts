import type { PublicVersionsResponse } from "@shared/freeze";
import type { AppContext } from "../context";
import { notFound } from "../errors";
import type { Store } from "../store";
import type { VersionHead } from "../store/versions";

/** What the public reads of versions need: the tables and the versions' checks. */
export type PublicVersionDeps = Pick<AppContext, "store" | "officialVersions">;

/** What the public may see of a workspace: only what an official version froze. */
async function publicWorkspace(
  deps: PublicVersionDeps,
  slug: string,
  latest: VersionHead,
): Promise<PublicVersionsResponse["workspace"]> {
  const { name, jurisdiction } = await deps.officialVersions.frozenWorkspace(latest);
  return { slug, name, jurisdiction };
}

/** The official versions of a workspace by its slug, when it has at least one; else 404. */
async function publishedVersions(store: Store, slug: string): Promise<VersionHead[]> {
  const workspaceId = await store.versions.workspaceIdBySlug(slug);
  const heads = workspaceId ? await store.versions.heads(workspaceId) : [];
  // A workspace without an official version is not public: answer as if it did not exist.
  if (heads.length === 0) throw notFound("Published action plan");
  return heads;
}

/** The official versions of the workspace at `slug`, oldest first; no session needed. */
export async function publicVersions(deps: PublicVersionDeps, slug: string): Promise<PublicVersionsResponse> {
  const heads = await publishedVersions(deps.store, slug);
  const checked = await deps.officialVersions.list((heads[0] as VersionHead).workspaceId);
  // Named as the newest sound version froze it; when none is sound, the newest refuses (500).
  const newest =
    heads.findLast((head) => !checked.withheld.includes(head.number)) ?? (heads.at(-1) as VersionHead);
  return { workspace: await publicWorkspace(deps, slug, newest), ...checked };
}

/** One official version (`"latest"` for the newest) of the workspace at `slug`; no session needed. */
export async function publicVersionHead(
  deps: PublicVersionDeps,
  slug: string,
  number: number | "latest",
): Promise<VersionHead> {
  const heads = await publishedVersions(deps.store, slug);
  const head = number === "latest" ? heads.at(-1) : heads.find((v) => v.number === number);
  if (!head) throw notFound("Version");
  return head;
}

/**
 * `{workspace, version}` of one official version as JSON text (see OfficialVersions.detailJson),
 * the workspace named as this version froze it: a later rename is not part of what was signed.
 */
export async function publicVersionJson(
  deps: PublicVersionDeps,
  slug: string,
  number: number | "latest",
): Promise<string> {
  const head = await publicVersionHead(deps, slug, number);
  return deps.officialVersions.detailJson(head, { workspace: await publicWorkspace(deps, slug, head) });
}
