import { ShinchokuError } from "../../domain/errors.ts";
import { lineOfFirstInvalidByte } from "../invalid-utf8-line.ts";

/** The largest report text accepted: the model report is 53 kB; a whole city's is well under this. */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;

/**
 * Decode a report file's bytes into lines: UTF-8 (with or without BOM), any line ending.
 * Rejects empty, oversized and binary input with an error that names the file and line.
 */
export function decodeReportText(bytes: Uint8Array, file: string): string[] {
  if (bytes.byteLength > MAX_REPORT_BYTES) {
    throw new ShinchokuError(
      "invalid_input",
      `ファイルが大きすぎます（${formatMiB(bytes.byteLength)}、上限 ${formatMiB(MAX_REPORT_BYTES)}）`,
      { file },
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const line = lineOfFirstInvalidByte(bytes);
    throw new ShinchokuError(
      "invalid_input",
      "UTF-8 のテキストではありません（バイナリまたは別の文字コードのファイル）",
      { file, line },
    );
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    throw new ShinchokuError("invalid_input", "NUL 文字を含むバイナリファイルです", {
      file,
      line: text.slice(0, nul).split(/\r\n|\r|\n/u).length,
    });
  }
  if (text.trim() === "") {
    throw new ShinchokuError("invalid_input", "ファイルが空です", { file, line: 1 });
  }
  return text.split(/\r\n|\r|\n/u);
}

function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
