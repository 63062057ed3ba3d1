import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { canEditPlan } from "@shared/roles";
import type { Hono, MiddlewareHandler } from "hono";
import { sessionMiddleware } from "../auth/session";
import { readPlanForMember } from "../commands/freeze";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { pageLocale, renderPlanReading } from "./renderPlanReading";

/** Where the built client's index.html leaves room for the app. */
const ROOT = '<div id="root"></div>';

interface Template {
  html: string;
  /** The plan page's own stylesheets (the reading view's among them), from Vite's manifest. */
  styles: string[];
  /** The JavaScript every member's plan page runs, beyond the entry's (which index.html lists). */
  pageScripts: string[];
  /** What a writer's editor adds to that (Tiptap, ProseMirror). */
  editorScripts: string[];
  /** Each locale's catalogues that the plan page loads (see client/i18n). */
  catalogues: Map<string, string[]>;
}

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}

/** The chunks the plan page needs: the layout, the page, their translations, the editor. */
const PAGE_MODULES = ["pages/WorkspaceLayout.tsx", "pages/PlanPage.tsx"];
const EDITOR_MODULE = "editor/PlanEditorView.tsx";
const PAGE_NAMESPACES = ["common", "errors", "auth", "home", "workspace", "join", "plan", "comments"];

/** The files of `keys` and of everything they import statically, except those in `skip`. */
function staticClosure(manifest: Record<string, ManifestChunk>, keys: string[], skip: Set<string>): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (seen.has(key) || !chunk) return;
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
    if (!skip.has(chunk.file)) files.push(chunk.file);
  };
  for (const key of keys) visit(key);
  return files;
}

/** The built index.html and the plan page's CSS and chunks, read once (a new build means a restart). */
function readTemplate(clientDir: string): Template | null {
  try {
    const html = fs.readFileSync(path.join(clientDir, "index.html"), "utf8");
    const manifest = JSON.parse(
      fs.readFileSync(path.join(clientDir, ".vite", "manifest.json"), "utf8"),
    ) as Record<string, ManifestChunk>;
    const styles = manifest["pages/PlanPage.tsx"]?.css ?? [];
    // The entry and what index.html already preloads.
    const inEntry = new Set(staticClosure(manifest, ["index.html"], new Set()));
    const pageScripts = staticClosure(manifest, PAGE_MODULES, inEntry);
    const editorScripts = staticClosure(manifest, [EDITOR_MODULE], new Set([...inEntry, ...pageScripts]));
    const catalogues = new Map<string, string[]>();
    for (const key of Object.keys(manifest)) {
      const match = /^i18n\/locales\/([^/]+)\/([^/]+)\.json$/.exec(key);
      const file = manifest[key]?.file;
      if (!match?.[1] || !file || !PAGE_NAMESPACES.includes(match[2] ?? "")) continue;
      catalogues.set(match[1], [...(catalogues.get(match[1]) ?? []), file]);
    }
    return html.includes(ROOT) ? { html, styles, pageScripts, editorScripts, catalogues } : null;
  } catch {
    return null;
  }
}

const preload = (file: string) => `<link rel="modulepreload" crossorigin href="/${escapeAttribute(file)}">`;

/**
 * What the page will run after the entry, fetched while the entry downloads and runs instead of
 * once it has run (each chunk a round trip later on a slow link, the network idle meanwhile).
 * Listed after the entry's own, so they queue behind it. A writer's editor is fetched too: most
 * writers open the plan in Edit, and the one who chose Read on this browser (a choice only the
 * browser keeps; the CSP allows no inline script to ask it) has it ready for the switch. Readers
 * never get it.
 */
function preloads(template: Template, locale: string, canEdit: boolean): string {
  const files = [
    ...template.pageScripts,
    ...(template.catalogues.get(locale) ?? []),
    ...(canEdit ? template.editorScripts : []),
  ];
  return files.map(preload).join("");
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The page compressed as the browser accepts (Brotli, else gzip), or as it is. */
function encode(html: string, acceptEncoding: string): { body: Uint8Array; encoding: string | null } {
  const raw = Buffer.from(html, "utf8");
  if (/\bbr\b/.test(acceptEncoding)) {
    const body = zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    return { body, encoding: "br" };
  }
  if (/\bgzip\b/.test(acceptEncoding)) return { body: zlib.gzipSync(raw, { level: 6 }), encoding: "gzip" };
  return { body: raw, encoding: null };
}

/**
 * GET /w/:id/plan for a signed-in member: the app's page with the plan already in it, rendered on
 * the server in the reading view, so the text shows with the first response on a slow link instead
 * of after the app's code, the session, the workspace and the plan have each arrived. The plan's
 * stored state rides along (base64), so the app does not fetch it again. Anyone else — signed out,
 * not a member, no such workspace — gets the plain page, exactly as before: authorization is the
 * same check as GET /plan/state's, and nothing of the plan is sent to whoever fails it.
 * Needs `c.var.user` (sessionMiddleware before it).
 */
export function prerenderPlanPage(ctx: AppContext, clientDir: string): MiddlewareHandler<AppEnv> {
  let template: Template | null | undefined;
  return async (c, next) => {
    const user = c.get("user");
    template ??= readTemplate(clientDir);
    if (!user || !template) return next();
    let plan: Awaited<ReturnType<typeof readPlanForMember>>;
    try {
      plan = await readPlanForMember(
        { ...ctx, documents: ctx.documentStore },
        user.id,
        c.req.param("id") ?? "",
      );
    } catch (error) {
      if (error instanceof ApiException) return next();
      throw error;
    }
    const locale = pageLocale(user.locale, c.req.header("Accept-Language"));
    const body = await renderPlanReading({ workspace: plan.workspace, state: plan.state, locale });
    const state = Buffer.from(plan.state).toString("base64");
    // What the app's boot needs at once: whose page it is and whether they write (to fetch the
    // editor without waiting for the session and the workspace), and the plan's state.
    const attributes = [
      `data-workspace="${escapeAttribute(plan.workspace.id)}"`,
      `data-user="${escapeAttribute(user.id)}"`,
      `data-can-edit="${canEditPlan(plan.membership.role)}"`,
      `data-plan-state="${state}"`,
    ].join(" ");
    const styles = template.styles.map((href) => `<link rel="stylesheet" href="/${escapeAttribute(href)}">`);
    const scripts = preloads(template, locale, canEditPlan(plan.membership.role));
    const html = template.html
      .replace(/<html lang="[^"]*"/, () => `<html lang="${locale}"`)
      // Hidden until the app has the page (client/prerendered.ts removes this and the copy).
      .replace(
        "</head>",
        () => `${styles.join("")}<style id="prerendered-style">#root{display:none}</style>${scripts}</head>`,
      )
      // Functions, not strings: `$&` in someone's text must not be read as a replacement pattern.
      .replace(ROOT, () => `<div id="prerendered" ${attributes}>${body}</div>${ROOT}`);
    const { body: encoded, encoding } = encode(html, c.req.header("Accept-Encoding") ?? "");
    c.header("Content-Type", "text/html; charset=utf-8");
    // One member's page: never kept by a shared cache, nor handed to someone else.
    c.header("Cache-Control", "private, no-store");
    c.header("Vary", "Cookie, Accept-Encoding, Accept-Language");
    if (encoding) c.header("Content-Encoding", encoding);
    return c.body(encoded as Uint8Array<ArrayBuffer>);
  };
}

/** Routes the pages rendered in advance (the plan page); before the static files (serveClient). */
export function servePrerenderedPages(app: Hono<AppEnv>, ctx: AppContext, clientDir: string): void {
  app.get("/w/:id/plan", sessionMiddleware(ctx.auth), prerenderPlanPage(ctx, clientDir));
}
