/**
 * The in-app path to return to after signing in, from a `?next=` parameter. Only same-site paths
 * pass ("/w/abc"); "//evil.example" and "/\evil.example" (which browsers read as other sites) do not.
 */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

/** "?next=<path>" for links to the sign-in and sign-up pages, or "" when the target is home. */
export function nextQuery(path: string): string {
  return path === "/" ? "" : `?next=${encodeURIComponent(path)}`;
}
