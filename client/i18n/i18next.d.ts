import "i18next";
import type account from "./locales/en/account.json";
import type auth from "./locales/en/auth.json";
import type comments from "./locales/en/comments.json";
import type common from "./locales/en/common.json";
import type consultation from "./locales/en/consultation.json";
import type dashboard from "./locales/en/dashboard.json";
import type errors from "./locales/en/errors.json";
import type home from "./locales/en/home.json";
import type join from "./locales/en/join.json";
import type meetings from "./locales/en/meetings.json";
import type plan from "./locales/en/plan.json";
import type publicPage from "./locales/en/public.json";
import type record from "./locales/en/record.json";
import type versions from "./locales/en/versions.json";
import type votes from "./locales/en/votes.json";
import type workspace from "./locales/en/workspace.json";

// Typed keys: `t("nav.membres")` is a compile error. A new namespace file is added here too.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: {
      account: typeof account;
      auth: typeof auth;
      comments: typeof comments;
      common: typeof common;
      consultation: typeof consultation;
      dashboard: typeof dashboard;
      errors: typeof errors;
      home: typeof home;
      join: typeof join;
      meetings: typeof meetings;
      plan: typeof plan;
      public: typeof publicPage;
      record: typeof record;
      versions: typeof versions;
      votes: typeof votes;
      workspace: typeof workspace;
    };
  }
}
