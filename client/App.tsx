import { Suspense } from "react";
import { BrowserRouter, useRoutes } from "react-router";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { PageLoading } from "./components/PageLoading";
import { RouteError } from "./components/RouteError";
import { SessionProvider } from "./components/SessionProvider";
import { routes } from "./routes";

function AppRoutes() {
  return useRoutes(routes);
}

/**
 * The whole app: catalogues load (Suspense), then the session, then the routed pages. The plain
 * BrowserRouter (no data router: pages fetch their own data) keeps the first download ~16 KB smaller.
 */
export function App() {
  return (
    <Suspense fallback={<PageLoading />}>
      <ErrorBoundary fallback={<RouteError />}>
        <SessionProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </SessionProvider>
      </ErrorBoundary>
    </Suspense>
  );
}
