import { canonicalJson, type FrozenPlan, type Proposal, type VersionResponse } from "@shared/freeze";
import { listCommitments, planDocName, planToJson } from "@shared/plan";
import { getSchema } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { strFromU8, unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { SESSION_COOKIE } from "../auth/lucia";
import { attachCollab } from "../collab";
import { connectProvider, type ProviderClient } from "../collab/test/clients";
import { storedDoc } from "../collab/test/stored";
import { sha256Hex } from "../store/ids";
import { anonymous, createUser, createWorkspace, type TestClient } from "../test/factories";
import { startTestServer, type TestServer } from "../test/startTestServer";
import { addMember, completePlan, eventually, freezePath, propose, sign } from "./versions.fixtures";

let srv: TestServer;
let facilitator: TestClient;
let govDrafter: TestClient;
let csoDrafter: TestClient;
const clients: ProviderClient[] = [];

beforeAll(async () => {
  srv = await startTestServer({ attach: (server, ctx) => attachCollab(server, ctx) });
  [facilitator, govDrafter, csoDrafter] = await Promise.all([
    createUser(srv, { name: "Fiona Facilitator" }),
    createUser(srv, { name: "Gabriel Government" }),
    createUser(srv, { name: "Celia Civil" }),
  ]);
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await srv.close();
});

/** A workspace whose plan a drafter wrote through a real collab connection, which stays open. */
async function draftedWorkspace(...tags: string[]) {
  const workspace = await createWorkspace(facilitator, {
    sector: "government",
    name: `Integrity ${tags[0]}`,
  });
  await addMember(facilitator, workspace.id, govDrafter, "drafter", "government");
  await addMember(facilitator, workspace.id, csoDrafter, "drafter", "civil_society", "Red Ciudadana");
  const writer = connectProvider(srv, planDocName(workspace.id), { as: govDrafter });
  clients.push(writer);
  await writer.synced();
  completePlan(...tags)(writer.doc);
  // Stored once the collab server has committed all of it (each field is its own update).
  const expected = JSON.stringify(planToJson(writer.doc));
  await eventually(async () => {
    const doc = await storedDoc(srv.ctx, planDocName(workspace.id));
    return JSON.stringify(planToJson(doc)) === expected;
  }, "the plan to be stored");
  return { ...workspace, writer };
}

async function official(id: string): Promise<Proposal> {
  const proposal = await propose(facilitator, id);
  await sign(govDrafter, id, proposal.id, proposal.hash);
  await sign(csoDrafter, id, proposal.id, proposal.hash);
  return proposal;
}

describe("freezing while people keep typing", () => {
  it("signs exactly the proposed content though a live client edits the plan during sign-off", async () => {
    const { id, writer } = await draftedWorkspace("live");
    const proposal = await propose(facilitator, id);
    const proposed = (
      await facilitator.get<{ content: FrozenPlan }>(freezePath(id, `/proposals/${proposal.id}`))
    ).body.content;
    listCommitments(writer.doc)[0]?.text("title")?.insert(0, "LIVE EDIT ");
    await eventually(async () => {
      const doc = await storedDoc(srv.ctx, planDocName(id));
      return listCommitments(doc)[0]?.text("title")?.toString().startsWith("LIVE EDIT") === true;
    }, "the live edit to be stored");
    await sign(govDrafter, id, proposal.id, proposal.hash);
    listCommitments(writer.doc)[0]?.text("leadAgency")?.insert(0, "ANOTHER ");
    const reply = await sign(csoDrafter, id, proposal.id, proposal.hash);
    expect(reply.body.version?.hash).toBe(proposal.hash);
    const version = await facilitator.get<VersionResponse>(freezePath(id, "/versions/1"));
    expect(version.body.version.content).toEqual(proposed);
    expect(JSON.stringify(version.body.version.content)).not.toContain("LIVE EDIT");
    expect(sha256Hex(canonicalJson(version.body.version.content))).toBe(proposal.hash);
    const draft = await facilitator.get<{ content: FrozenPlan }>(freezePath(id, "/draft"));
    expect(draft.body.content.plan.commitments[0]?.title).toBe("LIVE EDIT Title live");
  });
});

describe("immutability in the database", () => {
  it("refuses UPDATE and DELETE of versions, signatures and a proposal's content, even in direct SQL", async () => {
    const { id } = await draftedWorkspace("sql");
    const proposal = await official(id);
    const db = srv.ctx.sql;
    const refused: [string, RegExp][] = [
      ["UPDATE plan_versions SET content = '{}' WHERE workspace_id = ?", /version_immutable/],
      ["UPDATE plan_versions SET hash = upper(hash) WHERE workspace_id = ?", /version_immutable/],
      ["DELETE FROM plan_versions WHERE workspace_id = ?", /version_immutable/],
      [
        "UPDATE signatures SET name = 'Someone else' WHERE proposal_id IN (SELECT id FROM freeze_proposals WHERE workspace_id = ?)",
        /signature_immutable/,
      ],
      [
        "DELETE FROM signatures WHERE proposal_id IN (SELECT id FROM freeze_proposals WHERE workspace_id = ?)",
        /signature_immutable/,
      ],
      ["UPDATE freeze_proposals SET content = '{}' WHERE workspace_id = ?", /proposal_pinned/],
      [
        "UPDATE freeze_proposals SET status = 'open', closed_at = NULL WHERE workspace_id = ?",
        /proposal_pinned/,
      ],
      ["DELETE FROM freeze_proposals WHERE workspace_id = ?", /proposal_pinned/],
    ];
    for (const [sql, message] of refused) await expect(db.run(sql, [id]), sql).rejects.toThrow(message);
    await expect(
      db.run(
        `INSERT INTO signatures (proposal_id, user_id, decision, hash, name, sector, role, created_at)
         VALUES (?, ?, 'signed', ?, 'Late', 'government', 'drafter', 0)`,
        [proposal.id, facilitator.user?.id ?? null, proposal.hash],
      ),
    ).rejects.toThrow(/signature_refused/);
    const version = await facilitator.get<VersionResponse>(freezePath(id, "/versions/1"));
    expect(version.body.version.hash).toBe(proposal.hash);
  });
});

describe("exports", () => {
  /** Every value completePlan wrote for `tag`: each must appear in every export. */
  const valuesOf = (tag: string) => [
    ...[
      "Title",
      "Agency",
      "Contact",
      "GovActors",
      "CsoActors",
      "Budget",
      "Problem",
      "Commitment",
      "Contribution",
    ].map((field) => `${field} ${tag}`),
    ...["transparency", "participation", "accountability", "technology", "inclusion"].map(
      (v) => `Why ${v} ${tag}`,
    ),
    `MilestoneDesc ${tag}`,
    `MilestoneOutput ${tag}`,
    `MilestoneResp ${tag}`,
    "2025-01-01",
    "2026-12-31",
    "2025-02-01",
    "2025-06-30",
  ];

  it("puts every field, the hash and the signatories in the Markdown, DOCX and JSON of a version", async () => {
    const { id, slug } = await draftedWorkspace("exp", "ort");
    const proposal = await official(id);
    const path = (format: string, lang = "en") =>
      freezePath(id, `/versions/1/export?format=${format}&lang=${lang}`);
    const expected = [
      "Vision exp ort",
      "Summary exp ort",
      ...valuesOf("exp"),
      ...valuesOf("ort"),
      proposal.hash,
      "Gabriel Government",
      "Celia Civil",
      "Red Ciudadana",
    ];

    const md = await fetch(srv.url + path("md"), {
      headers: { Cookie: `${SESSION_COOKIE}=${facilitator.cookie}` },
    });
    expect(md.headers.get("content-type")).toContain("text/markdown");
    expect(md.headers.get("content-disposition")).toBe(`attachment; filename="${slug}-v1.md"`);
    const markdown = await md.text();
    for (const value of expected) expect(markdown).toContain(value);
    expect(markdown).toContain("Open data");
    expect(markdown).toContain("## Commitment 2: Title ort");

    const docx = await fetch(srv.url + path("docx", "es"), {
      headers: { Cookie: `${SESSION_COOKIE}=${facilitator.cookie}` },
    });
    const files = unzipSync(new Uint8Array(await docx.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "docProps/core.xml",
      "word/_rels/document.xml.rels",
      "word/document.xml",
      "word/numbering.xml",
      "word/styles.xml",
    ]);
    const xml = strFromU8(files["word/document.xml"] as Uint8Array);
    const text = [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("\n");
    for (const value of expected) expect(text).toContain(value);
    expect(text).toContain("Compromiso 1: Title exp");
    expect(text).toContain("Datos abiertos");
    // Titled, and spell-checked in the export's language.
    expect(strFromU8(files["docProps/core.xml"] as Uint8Array)).toContain(
      "<dc:title>Plan de acción de gobierno abierto: Integrity exp</dc:title>",
    );
    expect(strFromU8(files["word/styles.xml"] as Uint8Array)).toContain('<w:lang w:val="es-ES"/>');

    const json = await facilitator.get<{ schema: string; version: { hash: string }; content: FrozenPlan }>(
      path("json"),
    );
    expect(json.body.schema).toBe("cocrea.plan/v1");
    expect(sha256Hex(canonicalJson(json.body.content))).toBe(json.body.version.hash);
    const jsonText = JSON.stringify(json.body);
    for (const value of expected) expect(jsonText).toContain(value);
  });

  it("keeps bold, italic, links, lists and headings in the Markdown and DOCX, and drops unsafe links", async () => {
    const { id, writer } = await draftedWorkspace("fmt");
    const text = (value: string, ...marks: { type: string; attrs?: Record<string, unknown> }[]) =>
      marks.length > 0 ? { type: "text", text: value, marks } : { type: "text", text: value };
    const paragraph = (...content: unknown[]) => ({ type: "paragraph", content });
    const item = (value: string) => ({ type: "listItem", content: [paragraph(text(value))] });
    const link = (href: string) => ({ type: "link", attrs: { href } });
    // What the plan's StarterKit editor stores in Yjs when someone formats the problem.
    prosemirrorJSONToYXmlFragment(
      getSchema([StarterKit]),
      {
        type: "doc",
        content: [
          { type: "heading", attrs: { level: 2 }, content: [text("Baseline")] },
          paragraph(
            text("Only "),
            text("12%", { type: "bold" }),
            text(" of contracts are "),
            text("published", { type: "italic" }),
            text(" (see "),
            text("the audit", link("https://example.org/audit?year=2024&page=(3)")),
            text(", "),
            text("not this", link("javascript:alert(1)")),
            text(")."),
          ),
          { type: "bulletList", content: [item("Roads"), item("Schools")] },
          { type: "orderedList", content: [item("Publish"), item("Review")] },
        ],
      },
      listCommitments(writer.doc)[0]?.richText("problem") as Y.XmlFragment,
    );
    await eventually(async () => {
      const doc = await storedDoc(srv.ctx, planDocName(id));
      return listCommitments(doc)[0]?.richText("problem")?.toString().includes("Schools") === true;
    }, "the formatted problem to be stored");
    await official(id);
    const path = (format: string) => freezePath(id, `/versions/1/export?format=${format}&lang=en`);
    const cookie = { Cookie: `${SESSION_COOKIE}=${facilitator.cookie}` };

    const markdown = await (await fetch(srv.url + path("md"), { headers: cookie })).text();
    expect(markdown).toContain("### Problem to address\n\n##### Baseline\n\n");
    expect(markdown).toContain(
      "Only **12%** of contracts are _published_ (see [the audit](https://example.org/audit?year=2024&page=%283%29), not this).",
    );
    expect(markdown).toContain("- Roads\n- Schools\n\n1. Publish\n2. Review");
    expect(markdown).not.toContain("javascript");

    const files = unzipSync(
      new Uint8Array(await (await fetch(srv.url + path("docx"), { headers: cookie })).arrayBuffer()),
    );
    const part = (name: string) => strFromU8(files[name] as Uint8Array);
    const xml = part("word/document.xml");
    expect(xml).toMatch(/<w:pStyle w:val="Heading5"\/><\/w:pPr><w:r><w:t xml:space="preserve">Baseline</);
    expect(xml).toContain('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">12%</w:t></w:r>');
    expect(xml).toContain('<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">published</w:t></w:r>');
    const hyperlink =
      /<w:hyperlink r:id="(rId\d+)"[^>]*><w:r><w:rPr><w:rStyle w:val="Hyperlink"\/><\/w:rPr><w:t xml:space="preserve">the audit</.exec(
        xml,
      );
    expect(hyperlink).not.toBeNull();
    expect(part("word/_rels/document.xml.rels")).toContain(
      `<Relationship Id="${hyperlink?.[1]}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/audit?year=2024&amp;page=(3)" TargetMode="External"/>`,
    );
    expect(xml).toContain('<w:t xml:space="preserve">not this</w:t>');
    expect(xml.match(/<w:hyperlink /g)).toHaveLength(1);
    expect(part("word/_rels/document.xml.rels")).not.toContain("javascript");
    // Two lists, each paragraph numbered through its own numbering instance: bullets, then 1, 2.
    const numbered = [
      ...xml.matchAll(/<w:numId w:val="(\d+)"\/><\/w:numPr><\/w:pPr><w:r><w:t xml:space="preserve">(\w+)</g),
    ];
    expect(numbered.map((m) => m[2])).toEqual(["Roads", "Schools", "Publish", "Review"]);
    const [bullets, steps] = [numbered[0]?.[1], numbered[2]?.[1]];
    expect(new Set(numbered.map((m) => m[1]))).toEqual(new Set([bullets, steps]));
    const numbering = part("word/numbering.xml");
    const abstractOf = (numId?: string) =>
      new RegExp(`<w:num w:numId="${numId}"><w:abstractNumId w:val="(\\d+)"`).exec(numbering)?.[1];
    const format = (abstractId?: string) =>
      new RegExp(`<w:abstractNum w:abstractNumId="${abstractId}">.*?<w:numFmt w:val="(\\w+)"`).exec(
        numbering,
      )?.[1];
    expect(format(abstractOf(bullets))).toBe("bullet");
    expect(format(abstractOf(steps))).toBe("decimal");
    expect(part("[Content_Types].xml")).toContain('PartName="/word/numbering.xml"');
  });

  it("serves a well-formed DOCX of a version whose text holds characters XML cannot", async () => {
    const { id, writer } = await draftedWorkspace("chars");
    // Typed through a real collaboration socket and frozen for good as they are.
    listCommitments(writer.doc)[0]?.text("title")?.insert(0, "\u0001\u001F\uFFFE\uFFFF\u0000 ");
    await eventually(async () => {
      const doc = await storedDoc(srv.ctx, planDocName(id));
      return listCommitments(doc)[0]?.text("title")?.toString().includes("\uFFFF") === true;
    }, "the title to be stored");
    await official(id);
    const cookie = { Cookie: `${SESSION_COOKIE}=${facilitator.cookie}` };
    const reply = await fetch(srv.url + freezePath(id, "/versions/1/export?format=docx"), {
      headers: cookie,
    });
    for (const [name, bytes] of Object.entries(unzipSync(new Uint8Array(await reply.arrayBuffer())))) {
      const parser = new SaxesParser({ xmlns: true });
      expect(
        () => parser.write(new TextDecoder("utf-8", { fatal: true }).decode(bytes)).close(),
        name,
      ).not.toThrow();
    }
    const json = await facilitator.get<{ content: FrozenPlan }>(
      freezePath(id, "/versions/1/export?format=json"),
    );
    expect(json.body.content.plan.commitments[0]?.title).toContain("\uFFFE");
  });

  it("refuses an unknown format and people outside the workspace", async () => {
    const { id } = await draftedWorkspace("formats");
    await official(id);
    expect((await facilitator.get(freezePath(id, "/versions/1/export?format=pdf"))).error?.code).toBe(
      "invalid_params",
    );
    expect((await anonymous(srv).get(freezePath(id, "/versions/1/export?format=md"))).status).toBe(401);
  });
});
