import { Suspense } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";
import { PageLoading } from "./components/PageLoading";
import { SessionProvider } from "./components/SessionProvider";
import { routes } from "./routes";

const router = createBrowserRouter(routes);

/** The whole app: catalogues load (Suspense), then the session, then the routed pages. */
export function App() {
  return (
    <Suspense fallback={<PageLoading />}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </Suspense>
  );
}
