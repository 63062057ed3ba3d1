import type { ReactNode } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { usePageTitle } from "~/hooks/usePageTitle";
import { useSession } from "~/hooks/useSession";
import { nextPath, nextQuery } from "~/nextPath";

interface Props {
  title: string;
  /** The sentence before the link to the other page, e.g. "No account yet?". */
  prompt: string;
  other: { path: "/signin" | "/signup"; label: string };
  /** The form itself. */
  children: ReactNode;
}

/** The frame of the sign-in and sign-up pages; both send the visitor on once signed in. */
export function AuthPage({ title, prompt, other, children }: Props) {
  const { user } = useSession();
  const next = nextPath(useLocation().search);
  usePageTitle(title);
  // Signed in (just now, or already): go where the visitor was heading.
  if (user) return <Navigate to={next} replace />;
  return (
    <div className="page narrow">
      <h1>{title}</h1>
      {children}
      <p>
        {prompt} <Link to={`${other.path}${nextQuery(next)}`}>{other.label}</Link>
      </p>
    </div>
  );
}
