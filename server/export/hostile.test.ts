import type { ConsultationReport, ReportInput } from "@shared/consultationReport";
import { freezePlan, type VersionDetail } from "@shared/freeze";
import type { Minutes } from "@shared/meetings";
import { addCommitment, appendParagraphs, planToJson } from "@shared/plan";
import { unzipSync } from "fflate";
import MarkdownIt from "markdown-it";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { exportReport } from "../commands/consultationReportExport";
import { minutesToDocx, minutesToMarkdown } from "../commands/meetingsExport";
import { fillCommitment } from "../routes/versions.fixtures";
import { exportVersion } from "./index";

/** What an attacker types into every field: markup, script, links, images and Markdown structure. */
const HOSTILE = [
  "<script>alert(1)</script> <iframe src=//evil.example></iframe> <img src=x onerror=alert(2)>",
  "[x](javascript:alert(3)) ![](http://remote.example/pixel.png) <javascript:alert(4)> [r]: http://evil.example",
  "`code` ``more`` &lt;b&gt; &#106;avascript: *em* __strong__ ~~gone~~ a | b | c",
  "# heading",
  "- item",
  "> quote",
  "    indented code",
  "***",
  "1. numbered",
  "===",
  "x\r# heading after a carriage return",
  "| cell | cell |",
].join("\n");

/** Every class of code point: those XML 1.0 cannot hold, and the awkward ones it can. */
const CODE_POINTS = [
  "\u0000\u0001\u0008\u000B\u000C\u000E\u001F", // C0 controls other than tab, newline, CR
  "\t\n\r", // allowed controls
  "\u007F\u0080\u0085\u009F", // DEL and C1 controls (allowed in XML 1.0)
  "\uD800 \uDBFF \uDC00 \uDFFF x\uDC00\uD800", // lone and reversed surrogates
  "\uFFFE\uFFFF\uFDD0", // non-characters
  "\uFFFD\uE000\uD7FF", // edges of the allowed ranges
  "\u{1F600}\u{10FFFF}", // astral, paired surrogates
  "\u202E\u200B\uFEFF", // bidi override, zero width, BOM
].join(" ");

/** Keys whose values are structure (node types, enums), not text someone typed. */
const STRUCTURE = new Set([
  "schema",
  "type",
  "sector",
  "role",
  "decision",
  "presence",
  "kind",
  "status",
  "policyArea",
  "channel",
  // Dates and ids the server sets, never typed by anyone.
  "startsAt",
  "endsAt",
  "createdAt",
  "at",
]);

/** `value` with every typed string replaced by `text(original)`. */
function everyField<T>(value: T, text: (original: string) => string, key = ""): T {
  if (typeof value === "string") return (STRUCTURE.has(key) ? value : text(value)) as T;
  if (Array.isArray(value)) return value.map((v) => everyField(v, text)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, everyField(v, text, k)])) as T;
  }
  return value;
}

/** An official version with two filled commitments, formatted text and a link in its problem. */
function version(): VersionDetail {
  const doc = new Y.Doc();
  appendParagraphs(doc.getXmlFragment("vision"), ["Vision"]);
  appendParagraphs(doc.getXmlFragment("cocreationSummary"), ["Summary"]);
  for (const tag of ["a", "b"]) {
    const commitment = addCommitment(doc, 5);
    if (commitment) fillCommitment(commitment, tag);
  }
  const plan = planToJson(doc);
  const first = plan.commitments[0];
  if (first) {
    const marked = (text: string, type: string, attrs?: Record<string, unknown>) => ({
      type: "text",
      text,
      marks: [{ type, ...(attrs ? { attrs } : {}) }],
    });
    first.problem = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            marked("bold", "bold"),
            marked("code", "code"),
            marked("link", "link", { href: "https://a.example" }),
          ],
        },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "item" }] }] },
          ],
        },
      ],
    };
  }
  const signature = (name: string, sector: "government" | "civil_society") => ({
    userId: name,
    name,
    organization: `${name} org`,
    sector,
    role: "drafter" as const,
    decision: "signed" as const,
    hash: "0".repeat(64),
    reason: null,
    at: "2026-01-02T03:04:05.000Z",
  });
  return {
    number: 1,
    hash: "0".repeat(64),
    schema: "cocrea.plan/v1",
    officialAt: "2026-01-02T03:04:05.000Z",
    proposedAt: "2026-01-01T03:04:05.000Z",
    signatures: [signature("Gabriel", "government"), signature("Celia", "civil_society")],
    declines: [],
    // Only the JSON export carries the seal, and these tests write Markdown and DOCX.
    seal: {
      algorithm: "Ed25519",
      statement: "cocrea.seal/v1",
      keyFingerprint: "0".repeat(64),
      publicKey: "",
      signature: "",
      sealedAt: "2026-01-02T03:04:05.000Z",
    },
    content: freezePlan(
      {
        name: "Town",
        jurisdiction: "Region",
        country: "Country",
        periodStart: "2025-01-01",
        periodEnd: "2026-12-31",
      },
      plan,
    ),
  };
}

/** Ended minutes with every field filled: place, link, notes, categories, decisions, attendance, votes. */
function minutes(): Minutes {
  return {
    recordedAt: "2026-01-01T11:00:00.000Z",
    meeting: {
      id: "m1",
      workspaceId: "w1",
      title: "Coordination",
      startsAt: "2026-01-01T10:00:00.000Z",
      place: "Town hall",
      link: "https://meet.example/room",
      plannedMinutes: 100,
      status: "ended",
      createdAt: "2025-12-01T10:00:00.000Z",
    },
    startedAt: "2026-01-01T10:00:00.000Z",
    endedAt: "2026-01-01T11:00:00.000Z",
    totals: { itemsMinutes: 110, plannedMinutes: 100, differenceMinutes: 10 },
    actualTotalMinutes: 60,
    items: [
      {
        id: "i1",
        title: "Challenges",
        lead: "Fiona",
        plannedMinutes: 40,
        actualMinutes: 35,
        notes: "First line\nSecond line",
        categories: [{ name: "Information", cards: ["Scattered data", "Old data"] }],
        uncategorised: ["Loose card"],
      },
    ],
    decisions: [
      {
        id: "d1",
        kind: "decision",
        what: "Meet monthly",
        who: "Fiona",
        dueDate: "2026-02-01",
        createdAt: "x",
      },
      { id: "d2", kind: "next_step", what: "Publish", who: "Office", dueDate: null, createdAt: "x" },
    ],
    attendance: [
      { sector: "civil_society", people: [{ name: "Celia", presence: "remote" }] },
      { sector: "government", people: [{ name: "Gabriel", presence: "room" }] },
    ],
    votes: [{ id: "v1", title: "Priorities", kind: "approve", status: "closed", ballots: 3, eligible: 5 }],
  };
}

/** A consultation's report with every group and every kind of input: named, anonymous, hidden, answered. */
function report(): ConsultationReport {
  const input = (id: string, changes: Partial<ReportInput>): ReportInput => ({
    id,
    kind: "comment",
    body: "Input text",
    hiddenReason: null,
    author: { name: "Ana", sector: "citizen", organization: "Neighbours", community: "North" },
    channel: "online",
    createdAt: "2026-01-01T10:00:00.000Z",
    supports: 2,
    answer: { status: "accepted", reason: "Added to milestone 2", at: "2026-01-02T10:00:00.000Z" },
    ...changes,
  });
  return {
    consultation: {
      id: "c1",
      title: "Draft consultation",
      startsAt: "2026-01-01T00:00:00.000Z",
      endsAt: "2026-01-15T00:00:00.000Z",
      status: "closed",
    },
    counts: {
      inputs: 4,
      answered: 2,
      unanswered: 1,
      hidden: 1,
      supports: 8,
      byChannel: [{ channel: "online", count: 3 }],
      bySector: [{ sector: "citizen", count: 4 }],
      byStatus: { accepted: 2, partly_accepted: 0, not_accepted: 0, answered: 0, hidden: 0, none: 2 },
    },
    groups: [
      { kind: "plan", inputs: [input("i1", {})] },
      {
        kind: "commitment",
        commitmentId: "k1",
        number: 1,
        title: "Open budgets",
        inputs: [
          input("i2", { author: { name: null, sector: "citizen", organization: null, community: null } }),
        ],
      },
      { kind: "removed", inputs: [input("i3", { body: null, hiddenReason: "Personal data", answer: null })] },
      { kind: "ideas", inputs: [input("i4", { kind: "idea", channel: "paper", answer: null })] },
    ],
  };
}

/** Same lines, same length, plain letters: the shape a harmless text would give the document. */
const harmless = (text: string) => text.replace(/[^\r\n]/g, "w");

const markdownIt = new MarkdownIt({ html: true });

/** The rendered HTML's tags, in order: its structure without any text. */
const skeleton = (html: string) => [...html.matchAll(/<\/?([a-z][a-z0-9]*)[^>]*>/g)].map((m) => m[0]);

/** The text of rendered HTML, entities decoded. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

const exports = {
  plan: {
    markdown: (text: (s: string) => string) =>
      exportVersion(everyField(version(), text), "md", "en", "town").body as string,
    docx: (text: (s: string) => string) =>
      exportVersion(everyField(version(), text), "docx", "en", "town").body as Uint8Array,
  },
  minutes: {
    markdown: (text: (s: string) => string) => minutesToMarkdown(everyField(minutes(), text), "en"),
    docx: (text: (s: string) => string) => minutesToDocx(everyField(minutes(), text), "en"),
  },
  report: {
    markdown: (text: (s: string) => string) =>
      exportReport(everyField(report(), text), "md", "en", "town").body as string,
    docx: (text: (s: string) => string) =>
      exportReport(everyField(report(), text), "docx", "en", "town").body as Uint8Array,
  },
};

describe.each(Object.entries(exports))("the %s export", (_name, write) => {
  it("writes hostile text in every field as text: no HTML, link, image, code or structure comes from it", () => {
    const html = markdownIt.render(write.markdown(() => HOSTILE));
    // A CommonMark renderer that passes raw HTML through builds exactly the document a harmless
    // text of the same lines would give: every tag comes from the export, none from the text.
    expect(skeleton(html)).toEqual(skeleton(markdownIt.render(write.markdown(() => harmless(HOSTILE)))));
    const unsafe = /^<(script|iframe|img)\b|\ssrc=|\shref="(?!https:\/\/a\.example\/")/;
    expect(skeleton(html).filter((tag) => unsafe.test(tag))).toEqual([]);
    // Nothing typed is lost: each line reads as typed (lines joined where the field is one line).
    const text = textOf(html);
    for (const line of HOSTILE.split(/\r|\n/)) expect(text).toContain(line.trim());
  });

  it("writes a DOCX whose every XML part is well-formed whatever code points the text holds", () => {
    const files = unzipSync(write.docx((original) => `${original} ${CODE_POINTS} ${HOSTILE}`));
    const names = Object.keys(files);
    expect(names).toContain("word/document.xml");
    const elements = new Set<string>();
    let text = "";
    for (const name of names) {
      const bytes = files[name] as Uint8Array;
      // Valid UTF-8 first, then a conforming XML 1.0 parser (saxes refuses any character XML cannot hold).
      const xml = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      const parser = new SaxesParser({ xmlns: true });
      parser.on("opentag", (tag) => elements.add(tag.name));
      parser.on("text", (chunk) => {
        text += chunk;
      });
      expect(() => parser.write(xml).close(), name).not.toThrow();
    }
    expect([...elements].filter((name) => !name.includes(":"))).toEqual(
      expect.not.arrayContaining(["script", "iframe", "img"]),
    );
    expect(text).toContain("<script>alert(1)</script>");
    expect(text).toContain("\u{1F600}\u{10FFFF}");
  });
});

describe("the XML filter", () => {
  it("fails the parser on a part that keeps a character XML cannot hold", () => {
    // The check above can fail: the same parser refuses each class the writer drops.
    for (const bad of ["\u0001", "\u001F", "\uFFFE", "\uFFFF", "\uDC00x"]) {
      const parser = new SaxesParser();
      expect(() => parser.write(`<a>${bad}</a>`).close(), JSON.stringify(bad)).toThrow(
        /disallowed character/,
      );
    }
  });
});
