import type { ExportFormat, VersionDetail } from "@shared/freeze";
import type { Locale } from "@shared/locales";
import { versionBlocks } from "./blocks";
import { toDocx } from "./docx";
import { EXPORT_LABELS } from "./labels";
import { toMarkdown } from "./markdown";

export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export interface ExportFile {
  body: Uint8Array | string;
  contentType: string;
  filename: string;
}

/**
 * The JSON export (schema cocrea.plan/v1): `content` is exactly the canonical content that was
 * signed, so anyone can check `sha256(canonicalJson(content)) === version.hash`; `seal` is the
 * server's Ed25519 signature of the version's statement (`npm run verify` checks both offline).
 */
export function versionJson(version: VersionDetail) {
  const { content, seal, ...summary } = version;
  return {
    schema: content.schema,
    version: { ...summary, hashAlgorithm: "sha256", hashOf: "canonical JSON of content" },
    content,
    seal,
  };
}

/** An official version as a downloadable file in `format`, labelled in `locale`. */
export function exportVersion(
  version: VersionDetail,
  format: ExportFormat,
  locale: Locale,
  slug: string,
): ExportFile {
  const filename = `${slug}-v${version.number}.${format}`;
  if (format === "json") {
    return {
      body: `${JSON.stringify(versionJson(version), null, 2)}\n`,
      contentType: "application/json; charset=utf-8",
      filename,
    };
  }
  const blocks = versionBlocks(version, EXPORT_LABELS[locale]);
  if (format === "md")
    return { body: toMarkdown(blocks), contentType: "text/markdown; charset=utf-8", filename };
  return {
    body: toDocx(blocks, locale),
    contentType: DOCX_CONTENT_TYPE,
    filename,
  };
}
