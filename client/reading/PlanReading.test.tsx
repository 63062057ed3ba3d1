import { encodeAnchorPosition } from "@shared/commentAnchors";
import { COMMITMENT_TEMPLATE_FIELDS } from "@shared/dashboard";
import { addCommitment, appendParagraphs, getPlan, listCommitments } from "@shared/plan";
import i18next from "i18next";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { MemoryRouter } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { commentHighlightsFor } from "~/editor/commentHighlightsStore";
import common from "~/i18n/locales/en/common.json";
import plan from "~/i18n/locales/en/plan.json";
import { AuthorshipContext, authorKeys, authorRuns } from "./authorship";
import { PlanReading } from "./PlanReading";
import { ReadingRichText } from "./ReadingRichText";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({
    lng: "en",
    resources: { en: { plan, common } },
    defaultNS: "common",
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
});

const html = (node: ReactNode) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>{node}</MemoryRouter>
    </I18nextProvider>,
  );
const NOT_WRITTEN = '<p class="not-written">Not written yet</p>';
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** A paragraph (or other block) holding text runs, each with its marks. */
function block(
  name: string,
  runs: [string, Record<string, unknown>?][],
  attrs: Record<string, unknown> = {},
) {
  const element = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string);
  const text = new Y.XmlText();
  element.insert(0, [text]);
  return {
    element,
    fill: () =>
      runs.forEach(([words, marks]) => {
        // Explicit nulls: Yjs would otherwise carry the previous run's marks on.
        text.insert(text.length, words, { bold: null, italic: null, link: null, ...marks });
      }),
  };
}

function richDoc() {
  const doc = new Y.Doc();
  const vision = getPlan(doc).vision;
  const heading = block("heading", [["Goals"]], { level: 1 });
  const formatted = block("paragraph", [
    ["Plain, "],
    ["bold", { bold: {} }],
    [", "],
    ["italic", { italic: {} }],
    [" and "],
    ["a link", { link: { href: "https://example.org/plan" } }],
  ]);
  const item = (words: string) => {
    const li = new Y.XmlElement("listItem");
    const p = block("paragraph", [[words]]);
    li.insert(0, [p.element]);
    return { li, fill: p.fill };
  };
  const bullets = new Y.XmlElement("bulletList");
  const one = item("first point");
  const ordered = new Y.XmlElement("orderedList");
  const two = item("step one");
  vision.insert(0, [heading.element, formatted.element, bullets, ordered]);
  bullets.insert(0, [one.li]);
  ordered.insert(0, [two.li]);
  for (const part of [heading, formatted, one, two]) part.fill();
  return doc;
}

describe("ReadingRichText", () => {
  it("typesets every kind of block and mark the editor writes", () => {
    const doc = richDoc();
    const out = html(<ReadingRichText fragment={getPlan(doc).vision} headingLevel={3} />);
    expect(out).toContain("<h3>");
    expect(out).toMatch(/<h3><span><span><span>Goals<\/span><\/span><\/span><\/h3>/);
    expect(out).toMatch(/<strong><span>bold<\/span><\/strong>/);
    expect(out).toMatch(/<em><span>italic<\/span><\/em>/);
    expect(out).toMatch(
      /<a href="https:\/\/example.org\/plan" rel="noopener noreferrer nofollow"><span>a link<\/span><\/a>/,
    );
    expect(out).toMatch(/<ul><li><p>.*first point.*<\/p><\/li><\/ul>/);
    expect(out).toMatch(/<ol><li><p>.*step one.*<\/p><\/li><\/ol>/);
    expect(out).not.toContain("not-written");
  });

  it("shows a field with no words as one quiet line, never an empty box", () => {
    const doc = new Y.Doc();
    const fragment = getPlan(doc).vision;
    expect(html(<ReadingRichText fragment={fragment} headingLevel={3} />)).toBe(NOT_WRITTEN);
    // Paragraphs of spaces only are not written either.
    appendParagraphs(fragment, ["   ", ""]);
    expect(html(<ReadingRichText fragment={fragment} headingLevel={3} />)).toBe(NOT_WRITTEN);
    // A field missing from the document (written by a misbehaving client) reads the same.
    expect(html(<ReadingRichText fragment={null} headingLevel={3} />)).toBe(NOT_WRITTEN);
  });

  it("refuses a link to a script address and keeps its words", () => {
    const doc = new Y.Doc();
    const p = block("paragraph", [["click me", { link: { href: "javascript:alert(1)" } }]]);
    getPlan(doc).vision.insert(0, [p.element]);
    p.fill();
    const out = html(<ReadingRichText fragment={getPlan(doc).vision} headingLevel={3} />);
    expect(out).toContain("click me");
    expect(out).not.toContain("href");
  });

  it("marks an open thread's passage, and only that passage", () => {
    const doc = new Y.Doc();
    const fragment = getPlan(doc).vision;
    appendParagraphs(fragment, ["We publish every contract online."]);
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const at = (index: number, assoc: number) =>
      encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, index, assoc));
    commentHighlightsFor(doc).setAnchors(
      [{ threadId: "t1", field: "vision", start: at(11, 0), end: at(25, -1), description: "Clara" }],
      "t1",
    );
    const out = html(<ReadingRichText fragment={fragment} headingLevel={3} />);
    expect(out).toMatch(
      /<mark class="comment-highlight is-active" data-thread-id="t1"[^>]*><span>every contract<\/span><\/mark>/,
    );
    expect(out).toContain("<span>We publish </span>");
    expect(out).toContain("<span> online.</span>");
  });
});

describe("PlanReading", () => {
  it("reads an empty plan as headings with one quiet line each, and no form control", () => {
    const doc = new Y.Doc();
    addCommitment(doc, 5);
    const out = html(<PlanReading doc={doc} collapsed={new Set()} onToggle={() => {}} />);
    expect(out).toContain('<h2 id="vision-heading">Local open government vision</h2>');
    expect(out).toContain("Commitment 1: Untitled");
    // Vision, summary; lead agency, contact, dates, problem, commitment, contribution, OGP values,
    // milestones, two kinds of actors, policy area, SDG, budget: every field of the template the
    // outline counts but the title, which the heading shows.
    expect(count(out, NOT_WRITTEN)).toBe(2 + 13);
    expect(COMMITMENT_TEMPLATE_FIELDS.length - 1).toBe(13);
    expect(out).not.toMatch(/<(input|textarea|select)\b/);
    expect(out).not.toContain("<table");
  });

  it("reads a written commitment as a numbered section: headed paragraphs, values with justifications, a milestone table", () => {
    const doc = new Y.Doc();
    addCommitment(doc, 5);
    const c = addCommitment(doc, 5);
    if (!c) throw new Error("no commitment");
    c.text("title")?.insert(0, "Open contracting");
    c.text("leadAgency")?.insert(0, "Public Works");
    c.setDate("startDate", "2026-01-15");
    c.setDate("endDate", "2027-06-30");
    appendParagraphs(c.richText("problem") as Y.XmlFragment, ["Tenders are hard to follow."]);
    c.setChecked("transparency", true);
    c.justification("transparency")?.insert(0, "Every tender is published.");
    c.setChecked("participation", true);
    c.policyArea = "open_contracting";
    c.sdg = 16;
    const milestone = c.addMilestone();
    milestone?.text("description")?.insert(0, "Portal live");
    milestone?.setDate("endDate", "2026-09-01");
    const out = html(<PlanReading doc={doc} collapsed={new Set()} onToggle={() => {}} />);
    expect(out).toContain("Commitment 2: Open contracting");
    expect(out).toMatch(/<h4>Lead implementing agency<\/h4><p>Public Works<\/p>/);
    expect(out).toMatch(/<h4>Dates<\/h4><p>Jan 15, 2026 to Jun 30, 2027<\/p>/);
    expect(out).toContain("Tenders are hard to follow.");
    expect(out).toContain(
      "<strong>Transparency and access to information</strong>: Every tender is published.",
    );
    expect(out).toContain(
      '<strong>Civic participation</strong><span class="not-written"> — no justification written yet</span>',
    );
    expect(out).toMatch(/<h4>Policy area<\/h4><p>Open contracting<\/p>/);
    expect(out).toContain("Goal 16: Peace, justice and strong institutions");
    expect(out).toMatch(
      /<tr><td>1<\/td><td>Portal live<\/td><td><span class="not-written">Not written yet<\/span><\/td>/,
    );
    expect(out).toContain("… to Sep 1, 2026");
  });

  it("folds a collapsed commitment to its heading, which says it is folded", () => {
    const doc = new Y.Doc();
    const c = addCommitment(doc, 5);
    const out = html(<PlanReading doc={doc} collapsed={new Set([c?.id ?? ""])} onToggle={() => {}} />);
    expect(out).toMatch(/<button type="button" aria-expanded="false"/);
    expect(out).toMatch(/<div id="[^"]+" hidden="">/);
  });

  it("colours each passage by who wrote it when asked, naming the author", () => {
    const doc = new Y.Doc();
    doc.clientID = 1;
    const fragment = getPlan(doc).vision;
    appendParagraphs(fragment, ["We publish contracts."]);
    const peer = new Y.Doc();
    peer.clientID = 2;
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const peerText = (getPlan(peer).vision.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    peerText.insert("We publish".length, " all");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)));
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    expect(authorRuns(text)).toEqual([
      { from: 0, to: 10, clientId: 1 },
      { from: 10, to: 14, clientId: 2 },
      { from: 14, to: 25, clientId: 1 },
    ]);
    const { byClient, legend } = authorKeys(
      [
        { clientId: 1, name: "Fiona", sector: "government", organization: null },
        { clientId: 2, name: null, sector: "civil_society", organization: null },
      ],
      "sector",
      { sector: (sector) => sector ?? "?", formerMember: "A former member" },
    );
    expect(legend.map((entry) => entry.label)).toEqual(["government", "civil_society"]);
    const out = html(
      <AuthorshipContext.Provider value={byClient}>
        <ReadingRichText fragment={fragment} headingLevel={3} />
      </AuthorshipContext.Provider>,
    );
    expect(out).toMatch(
      /title="civil_society" aria-description="Written by civil_society"><span> all<\/span>/,
    );
    expect(count(out, 'class="authored"')).toBe(3);
    // Off: no colours at all.
    expect(html(<ReadingRichText fragment={fragment} headingLevel={3} />)).not.toContain("authored");
  });

  it("colours plain fields too: a commitment's title, its facts, justifications and milestones", () => {
    const doc = new Y.Doc();
    doc.clientID = 1;
    const c = addCommitment(doc, 5);
    c?.text("title")?.insert(0, "Open contracting");
    c?.text("leadAgency")?.insert(0, "Public Works");
    c?.setChecked("transparency", true);
    c?.justification("transparency")?.insert(0, "Tenders are published.");
    c?.addMilestone()?.text("description")?.insert(0, "Portal live");
    const peer = new Y.Doc();
    peer.clientID = 2;
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
    const [peerCommitment] = listCommitments(peer);
    peerCommitment?.text("title")?.insert("Open".length, " public");
    peerCommitment?.text("budget")?.insert(0, "€40,000");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)));
    const { byClient } = authorKeys(
      [
        { clientId: 1, name: "Fiona", sector: "government", organization: null },
        { clientId: 2, name: "Nuno", sector: "civil_society", organization: null },
      ],
      "member",
      { sector: (sector) => sector ?? "?", formerMember: "A former member" },
    );
    const reading = <PlanReading doc={doc} collapsed={new Set()} onToggle={() => {}} />;
    const out = html(<AuthorshipContext.Provider value={byClient}>{reading}</AuthorshipContext.Provider>);
    const by = (who: string, words: string) =>
      `title="${who}" aria-description="Written by ${who}">${words}</span>`;
    // The heading reads as before, its title cut into its writers' passages.
    expect(out).toContain(
      `Commitment 1: <span class="authored" style="--author-color:#1d4ed8;--author-tint:#dfe6fa" ${by("Fiona · government", "Open")}`,
    );
    expect(out).toContain(by("Nuno · civil_society", " public"));
    expect(out).toContain(by("Fiona · government", " contracting"));
    expect(out).toMatch(
      new RegExp(
        `<h4>Lead implementing agency</h4><p><span [^>]+${by("Fiona · government", "Public Works")}</p>`,
      ),
    );
    expect(out).toContain(`: <span class="authored"`);
    expect(out).toContain(by("Fiona · government", "Tenders are published."));
    expect(out).toContain(by("Fiona · government", "Portal live"));
    expect(out).toContain(by("Nuno · civil_society", "€40,000"));
    // Off: the same words, uncoloured.
    const off = html(reading);
    expect(off).not.toContain("authored");
    expect(off).toContain("Commitment 1: Open public contracting");
  });
});
