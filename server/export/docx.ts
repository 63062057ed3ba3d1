import type { Locale } from "@shared/locales";
import { strToU8, zipSync } from "fflate";
import type { Block, ListInfo, RichBlock, Run, TableBlock } from "./blocks";

/**
 * A minimal WordprocessingML package (ECMA-376): content types, the package relationship, the
 * document with its relationships (styles, numbering, one per link address), a styles part with
 * the heading, quote, code and hyperlink styles the blocks use, and a numbering part for lists.
 * Word, LibreOffice and Google Docs open it. Element order inside w:pPr and w:rPr follows the
 * schema, which Word enforces.
 */

/**
 * Every code point XML 1.0 cannot hold (its `Char` production): C0 controls other than tab,
 * newline and carriage return, lone surrogates, U+FFFE and U+FFFF. One of them in a part makes the
 * whole DOCX unreadable, and versions never change: dropping them when writing is what lets a
 * version that already holds one export correctly.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const xmlEscape = (text: string): string =>
  text
    .replace(NOT_XML_CHAR, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

/** One w:r per line of the run, with w:br between lines. */
function run(text: string, format: Omit<Run, "text" | "href"> & { link?: boolean } = {}): string {
  const properties = [
    format.link ? '<w:rStyle w:val="Hyperlink"/>' : "",
    format.code ? '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>' : "",
    format.bold ? "<w:b/>" : "",
    format.italic ? "<w:i/>" : "",
    format.strike ? "<w:strike/>" : "",
    format.underline ? '<w:u w:val="single"/>' : "",
  ].join("");
  const rPr = properties ? `<w:rPr>${properties}</w:rPr>` : "";
  return text
    .split(/\r\n?|\n/)
    .map(
      (line, i) =>
        `<w:r>${rPr}${i > 0 ? "<w:br/>" : ""}<w:t xml:space="preserve">${xmlEscape(line)}</w:t></w:r>`,
    )
    .join("");
}

/** Numbering instances (one per list, so each numbered list restarts) and link relationships. */
class Parts {
  private readonly lists = new Map<ListInfo, number>();
  private readonly links = new Map<string, string>();

  numId(list: ListInfo): number {
    let id = this.lists.get(list);
    if (id === undefined) {
      id = this.lists.size + 1;
      this.lists.set(list, id);
    }
    return id;
  }

  /** Relationship ids rId1 and rId2 are the styles and the numbering. */
  linkId(href: string): string {
    let id = this.links.get(href);
    if (id === undefined) {
      id = `rId${this.links.size + 3}`;
      this.links.set(href, id);
    }
    return id;
  }

  numbering(): string {
    const nums = [...this.lists]
      .map(([list, id]) =>
        list.ordered
          ? `<w:num w:numId="${id}"><w:abstractNumId w:val="${ORDERED}"/>${LEVELS.map((level) => `<w:lvlOverride w:ilvl="${level}"><w:startOverride w:val="${list.start}"/></w:lvlOverride>`).join("")}</w:num>`
          : `<w:num w:numId="${id}"><w:abstractNumId w:val="${BULLET}"/></w:num>`,
      )
      .join("");
    return `${XML_HEAD}<w:numbering ${W_NS}>${abstractNum(BULLET)}${abstractNum(ORDERED)}${nums}</w:numbering>`;
  }

  relationships(): string {
    const links = [...this.links]
      .map(
        ([href, id]) =>
          `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${xmlEscape(href)}" TargetMode="External"/>`,
      )
      .join("");
    return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>${links}</Relationships>`;
  }
}

const INDENT = 720; // twips per list level (half an inch)

function richParagraph(block: RichBlock, parts: Parts): string {
  const style =
    block.style === "heading"
      ? `Heading${block.level ?? 6}`
      : block.style === "code"
        ? "Code"
        : block.quote
          ? "Quote"
          : null;
  const { item } = block;
  // Word has nine list levels (w:ilvl 0–8): deeper lists stay on the last.
  const level = Math.min(item?.depth ?? 0, LEVELS.length - 1);
  const properties = [
    style ? `<w:pStyle w:val="${style}"/>` : "",
    item?.first
      ? `<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${parts.numId(item.list)}"/></w:numPr>`
      : "",
    block.style === "rule"
      ? '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
      : "",
    // An item's later paragraphs line up with its text.
    item && !item.first ? `<w:ind w:left="${INDENT * (level + 1)}"/>` : "",
  ].join("");
  const runs = block.runs
    .map(({ text, href, ...format }) =>
      href
        ? `<w:hyperlink r:id="${parts.linkId(href)}" w:history="1">${run(text, { ...format, link: true })}</w:hyperlink>`
        : run(text, format),
    )
    .join("");
  return `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ""}${runs}</w:p>`;
}

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"';

/** A table with a bold header row and thin borders, as wide as its content. */
function table(block: TableBlock): string {
  const [header = [], ...body] = block.rows;
  const row = (cells: string[], bold: boolean) =>
    `<w:tr>${cells.map((text) => `<w:tc><w:p>${run(text, { bold })}</w:p></w:tc>`).join("")}</w:tr>`;
  const borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
    .map((side) => `<w:${side} ${BORDER}/>`)
    .join("");
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>${borders}</w:tblBorders></w:tblPr><w:tblGrid>${header.map(() => "<w:gridCol/>").join("")}</w:tblGrid>${row(header, true)}${body.map((cells) => row(cells, false)).join("")}</w:tbl>`;
}

function paragraph(block: Block, parts: Parts): string {
  if (block.kind === "table") return table(block);
  if (block.kind === "heading") {
    return `<w:p><w:pPr><w:pStyle w:val="Heading${block.level}"/></w:pPr>${run(block.text)}</w:p>`;
  }
  if (block.kind === "field")
    return `<w:p>${run(`${block.label}: `, { bold: true })}${run(block.text)}</w:p>`;
  if (block.kind === "paragraph") return `<w:p>${run(block.text)}</w:p>`;
  return richParagraph(block, parts);
}

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const R_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

const BULLET = 1;
const ORDERED = 2;
const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const BULLETS = ["•", "◦", "▪"];

const abstractNum = (id: number) =>
  `<w:abstractNum w:abstractNumId="${id}"><w:multiLevelType w:val="hybridMultilevel"/>${LEVELS.map(
    (level) =>
      `<w:lvl w:ilvl="${level}"><w:start w:val="1"/>${
        id === BULLET
          ? `<w:numFmt w:val="bullet"/><w:lvlText w:val="${BULLETS[level % BULLETS.length]}"/>`
          : `<w:numFmt w:val="${["decimal", "lowerLetter", "lowerRoman"][level % 3]}"/><w:lvlText w:val="%${level + 1}."/>`
      }<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="${INDENT * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>`,
  ).join("")}</w:abstractNum>`;

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const PACKAGE_RELS = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

/** The title and language a word processor shows in the document's properties. */
const coreProperties = (title: string, lang: string) =>
  `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${xmlEscape(title)}</dc:title><dc:language>${xmlEscape(lang)}</dc:language></cp:coreProperties>`;

const heading = (level: number, halfPoints: number) =>
  `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="${level - 1}"/></w:pPr><w:rPr><w:b/><w:sz w:val="${halfPoints}"/></w:rPr></w:style>`;

const styles = (lang: string) =>
  `${XML_HEAD}<w:styles ${W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="${xmlEscape(lang)}"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:spacing w:after="120"/></w:pPr><w:rPr><w:sz w:val="22"/></w:rPr></w:style>${heading(1, 36)}${heading(2, 30)}${heading(3, 26)}${heading(4, 22)}${heading(5, 22)}${heading(6, 20)}<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="A0A0A0"/></w:pBdr><w:ind w:left="${INDENT}"/></w:pPr><w:rPr><w:i/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Code"><w:name w:val="Code"/><w:basedOn w:val="Normal"/><w:pPr><w:keepLines/><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:pPr><w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="20"/></w:rPr></w:style><w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style></w:styles>`;

/** The language tag Word and LibreOffice spell-check an export in. */
const DOCX_LANGUAGE: Record<Locale, string> = { en: "en-US", es: "es-ES", fr: "fr-FR" };

/** The blocks as a .docx file, titled by the first top-level heading, spell-checked in `locale`. */
export function toDocx(blocks: Block[], locale: Locale): Uint8Array {
  const lang = DOCX_LANGUAGE[locale];
  const parts = new Parts();
  const title = blocks.find((block) => block.kind === "heading" && block.level === 1);
  const body = blocks.map((block) => paragraph(block, parts)).join("");
  const document = `${XML_HEAD}<w:document ${W_NS} ${R_NS}><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  return zipSync({
    "[Content_Types].xml": strToU8(CONTENT_TYPES),
    "_rels/.rels": strToU8(PACKAGE_RELS),
    "word/document.xml": strToU8(document),
    "word/_rels/document.xml.rels": strToU8(parts.relationships()),
    "word/styles.xml": strToU8(styles(lang)),
    "docProps/core.xml": strToU8(coreProperties(title?.kind === "heading" ? title.text : "", lang)),
    "word/numbering.xml": strToU8(parts.numbering()),
  });
}
