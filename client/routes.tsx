import { type ComponentType, lazy } from "react";
import type { RouteObject } from "react-router";
import { AppLayout } from "./components/AppLayout";

/** Loads a page module's named export on first visit, so each page is its own chunk. */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const HomePage = lazyPage(() => import("./pages/HomePage"), "HomePage");
const SignUpPage = lazyPage(() => import("./pages/SignUpPage"), "SignUpPage");
const SignInPage = lazyPage(() => import("./pages/SignInPage"), "SignInPage");
const JoinPage = lazyPage(() => import("./pages/JoinPage"), "JoinPage");
const WorkspaceLayout = lazyPage(() => import("./pages/WorkspaceLayout"), "WorkspaceLayout");
const DashboardPage = lazyPage(() => import("./pages/DashboardPage"), "DashboardPage");
const MembersPage = lazyPage(() => import("./pages/MembersPage"), "MembersPage");
const AccountPage = lazyPage(() => import("./pages/AccountPage"), "AccountPage");
const PlanPage = lazyPage(() => import("./pages/PlanPage"), "PlanPage");
const VotesPage = lazyPage(() => import("./pages/VotesPage"), "VotesPage");
const VotePage = lazyPage(() => import("./pages/VotePage"), "VotePage");
const VersionsPage = lazyPage(() => import("./pages/VersionsPage"), "VersionsPage");
const ComparePage = lazyPage(() => import("./pages/ComparePage"), "ComparePage");
const PublicPage = lazyPage(() => import("./pages/PublicPage"), "PublicPage");
const PublicVersionPage = lazyPage(() => import("./pages/PublicVersionPage"), "PublicVersionPage");
const PublicMinutesPage = lazyPage(() => import("./pages/PublicMinutesPage"), "PublicMinutesPage");
const PublicationPage = lazyPage(() => import("./pages/PublicationPage"), "PublicationPage");
const ConsultationPage = lazyPage(() => import("./pages/ConsultationPage"), "ConsultationPage");
const ConsultationReportPage = lazyPage(
  () => import("./pages/ConsultationReportPage"),
  "ConsultationReportPage",
);
const ConsultationReportPublicPage = lazyPage(
  () => import("./pages/ConsultationReportPublicPage"),
  "ConsultationReportPublicPage",
);
const ConsultationPublicPage = lazyPage(
  () => import("./pages/ConsultationPublicPage"),
  "ConsultationPublicPage",
);
const RecordPage = lazyPage(() => import("./pages/RecordPage"), "RecordPage");
const MeetingsPage = lazyPage(() => import("./pages/MeetingsPage"), "MeetingsPage");
const MeetingPage = lazyPage(() => import("./pages/MeetingPage"), "MeetingPage");
const MeetingMinutesPage = lazyPage(() => import("./pages/MeetingMinutesPage"), "MeetingMinutesPage");
const MeetingPresenterPage = lazyPage(() => import("./pages/MeetingPresenterPage"), "MeetingPresenterPage");
const NotFoundPage = lazyPage(() => import("./pages/NotFoundPage"), "NotFoundPage");

/**
 * Sections of a workspace, shown inside WorkspaceLayout (which loads the workspace, the member's
 * role and the live event stream, and offers them through `useWorkspace()`). To add a section,
 * add its line here and its link in components/WorkspaceNav.tsx.
 */
const workspaceSections: RouteObject[] = [
  { index: true, element: <DashboardPage /> },
  { path: "members", element: <MembersPage /> },
  { path: "plan", element: <PlanPage /> },
  { path: "votes", element: <VotesPage /> },
  { path: "votes/:voteId", element: <VotePage /> },
  { path: "meetings", element: <MeetingsPage /> },
  { path: "meetings/:meetingId", element: <MeetingPage /> },
  { path: "meetings/:meetingId/minutes", element: <MeetingMinutesPage /> },
  { path: "meetings/:meetingId/present", element: <MeetingPresenterPage /> },
  { path: "versions", element: <VersionsPage /> },
  { path: "versions/compare", element: <ComparePage /> },
  { path: "public", element: <PublicationPage /> },
  { path: "record", element: <RecordPage /> },
  { path: "consultation", element: <ConsultationPage /> },
  { path: "consultation/:consultationId/report", element: <ConsultationReportPage /> },
];

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      { path: "signup", element: <SignUpPage /> },
      { path: "signin", element: <SignInPage /> },
      { path: "join/:token", element: <JoinPage /> },
      { path: "account", element: <AccountPage /> },
      { path: "w/:workspaceId", element: <WorkspaceLayout />, children: workspaceSections },
      // The public process page and the official versions: no sign-in.
      { path: "p/:slug", element: <PublicPage /> },
      { path: "p/:slug/consultation", element: <ConsultationPublicPage /> },
      { path: "p/:slug/consultation/report", element: <ConsultationReportPublicPage /> },
      { path: "p/:slug/v/:number", element: <PublicVersionPage /> },
      { path: "p/:slug/meetings/:meetingId", element: <PublicMinutesPage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
