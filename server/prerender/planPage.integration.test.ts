import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createApp } from "../app";
import { SESSION_COOKIE } from "../auth/lucia";
import { completePlan, editStoredPlan } from "../routes/versions.fixtures";
import { serveClient } from "../static";
import { type Cast, createCast } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { servePrerenderedPages } from "./planPage";

const INDEX =
  '<!doctype html><html lang="en"><head><title>Cocrea</title><script type="module" src="/assets/index-x.js"></script></head><body><div id="root"></div></body></html>';

/** A build's manifest: the entry, the layout, the plan page, the editor and their shared chunks. */
const MANIFEST = {
  "index.html": { file: "assets/index-x.js", isEntry: true, imports: ["_react-x.js"] },
  "_react-x.js": { file: "assets/react-x.js" },
  "_plan-x.js": { file: "assets/plan-x.js", imports: ["_react-x.js"] },
  "pages/WorkspaceLayout.tsx": { file: "assets/WorkspaceLayout-x.js", imports: ["index.html"] },
  "pages/PlanPage.tsx": {
    file: "assets/PlanPage-x.js",
    css: ["assets/PlanPage-x.css"],
    imports: ["index.html", "_plan-x.js"],
  },
  "editor/PlanEditorView.tsx": {
    file: "assets/PlanEditorView-x.js",
    imports: ["_plan-x.js", "_RichTextField-x.js"],
  },
  "_RichTextField-x.js": { file: "assets/RichTextField-x.js", imports: ["_react-x.js"] },
  "i18n/locales/fr/plan.json": { file: "assets/plan-fr.js", isDynamicEntry: true },
  "i18n/locales/en/plan.json": { file: "assets/plan-en.js", isDynamicEntry: true },
  "i18n/locales/fr/votes.json": { file: "assets/votes-fr.js", isDynamicEntry: true },
};

describe("GET /w/:id/plan", () => {
  let srv: TestServer;
  let cast: Cast;
  let dir: string;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    srv = await startTestServer();
    cast = await createCast(srv);
    await editStoredPlan(srv, cast.workspaceId, cast.facilitator.user?.id ?? "", (doc) => {
      completePlan("alpha")(doc);
      // Text that must stay text: markup, and a replacement pattern of String.replace.
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("<script>alert(1)</script> costs $& and $'")]);
      doc.getXmlFragment("cocreationSummary").push([paragraph]);
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cocrea-prerender-"));
    fs.mkdirSync(path.join(dir, ".vite"));
    fs.writeFileSync(path.join(dir, "index.html"), INDEX);
    fs.writeFileSync(path.join(dir, ".vite", "manifest.json"), JSON.stringify(MANIFEST));
    app = createApp(srv.ctx);
    servePrerenderedPages(app, srv.ctx, dir);
    serveClient(app, dir);
  });
  afterAll(async () => {
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const pageAs = (cookie: string | null, workspaceId = cast.workspaceId) =>
    app.request(`/w/${workspaceId}/plan`, {
      headers: {
        "Accept-Encoding": "gzip, deflate, br",
        "Accept-Language": "fr-CA,fr;q=0.9",
        ...(cookie ? { Cookie: `${SESSION_COOKIE}=${cookie}` } : {}),
      },
    });

  const html = async (response: Response) => {
    const body = Buffer.from(await response.arrayBuffer());
    return response.headers.get("content-encoding") === "br"
      ? zlib.brotliDecompressSync(body).toString("utf8")
      : body.toString("utf8");
  };

  it("sends a member the plan in the reading view, its stored state and its styles, for them alone", async () => {
    for (const member of [cast.viewer, cast.commenter, cast.drafter]) {
      const response = await pageAs(member.cookie);
      const writes = member === cast.drafter;
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBe("br");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      expect(response.headers.get("vary")).toContain("Cookie");
      const page = await html(response);
      expect(page).toContain('<html lang="fr"');
      expect(page).toContain('<link rel="stylesheet" href="/assets/PlanPage-x.css">');
      expect(page).toContain('<div id="prerendered"');
      // Whose page it is and whether they write: the app fetches the editor for writers at once.
      expect(page).toContain(`data-user="${member.user?.id}" data-can-edit="${writes}"`);
      expect(page).toContain('<div id="root"></div>');
      // The page's chunks and its catalogues in the page's language, fetched with the entry (not
      // the entry's own again); a writer's editor too, never a reader's.
      const preloads = [...page.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map(
        (m) => m[1],
      );
      expect(preloads).toEqual([
        "/assets/WorkspaceLayout-x.js",
        "/assets/plan-x.js",
        "/assets/PlanPage-x.js",
        "/assets/plan-fr.js",
        ...(writes ? ["/assets/RichTextField-x.js", "/assets/PlanEditorView-x.js"] : []),
      ]);
      // No inline script: the CSP would refuse it.
      expect(page).not.toMatch(/<script>/);
      // The reading view, in the browser's language: headings, the text, no editor.
      expect(page).toContain('class="plan-document"');
      expect(page).toContain("Vision alpha");
      expect(page).toContain("Engagement 1");
      expect(page).not.toContain("contenteditable");
      expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; costs $&amp; and $&#x27;");
      const state = /data-plan-state="([^"]+)"/.exec(page)?.[1] ?? "";
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(state, "base64"));
      expect(doc.getXmlFragment("vision").toString()).toContain("Vision alpha");
    }
  });

  it("sends strangers, anonymous visitors and unknown workspaces the plain page", async () => {
    for (const [cookie, workspaceId] of [
      [cast.stranger.cookie, cast.workspaceId],
      [null, cast.workspaceId],
      [cast.drafter.cookie, "no-such-workspace"],
    ] as const) {
      const response = await pageAs(cookie, workspaceId);
      expect(response.status).toBe(200);
      const page = await html(response);
      expect(page).not.toContain("prerendered");
      expect(page).not.toContain("Vision alpha");
      expect(response.headers.get("cache-control")).toBe("no-cache");
    }
  });
});
