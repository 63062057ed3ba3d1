/** Placeholder while code, catalogues or the session load; it has no text because catalogues may not be ready. */
export function PageLoading() {
  return <div className="page-loading" aria-busy="true" />;
}
