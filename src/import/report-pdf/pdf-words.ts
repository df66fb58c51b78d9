import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { ShinchokuError } from "../../domain/errors.ts";
import { unifyLookAlikes } from "./look-alike-characters.ts";

/** A run of text as the PDF draws it: its start, baseline and width in points from the page's top left. */
export interface TextRun {
  x: number;
  /** The baseline, measured down from the top of the page. */
  y: number;
  width: number;
  /** The font size (the run's height). */
  size: number;
  text: string;
}

/** One page's text runs, in the order the PDF draws them. */
export interface PdfPage {
  number: number;
  width: number;
  height: number;
  runs: TextRun[];
}

/** The largest PDF accepted: a city's report with images is a few MB; scans run larger. */
export const MAX_PDF_BYTES = 100 * 1024 * 1024;

/** Whether the bytes start like a PDF (`%PDF-`). */
export function isPdf(bytes: Uint8Array): boolean {
  return [0x25, 0x50, 0x44, 0x46, 0x2d].every((b, i) => bytes[i] === b);
}

/**
 * Read a PDF's pages into positioned text runs with pdfjs (its legacy build, which runs in
 * Node; no worker thread, no fonts loaded, no code evaluated). Refuses a PDF that is truncated,
 * unreadable, or has no text at all (a scan), naming the file.
 * @example const pages = await readPdfWords(bytes, "report.pdf"); pages[0]?.runs[0]?.text
 */
export async function readPdfWords(bytes: Uint8Array, file: string): Promise<PdfPage[]> {
  if (bytes.byteLength > MAX_PDF_BYTES) {
    throw new ShinchokuError(
      "invalid_input",
      `PDF が大きすぎます（${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB、上限 ${MAX_PDF_BYTES / 1024 / 1024} MB）`,
      { file },
    );
  }
  if (!isPdf(bytes)) throw new ShinchokuError("invalid_input", "PDF ではありません", { file });
  // pdfjs rebuilds a damaged file's cross-reference table and reads what it can: a cut-off
  // file would lose its last pages without a word, so a missing end marker is refused first.
  const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  if (!tail.includes("%%EOF")) {
    throw new ShinchokuError(
      "invalid_input",
      "PDF が途中で切れています（末尾の %%EOF がありません）",
      { file },
    );
  }
  const pages: PdfPage[] = [];
  try {
    const loading = getDocument({
      // pdfjs takes over the buffer it is given: pass a copy.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      verbosity: 0,
    });
    const doc = await loading.promise;
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const [, , width = 0, height = 0] = page.view;
        const runs: TextRun[] = [];
        for (const item of (await page.getTextContent()).items) {
          if (!("str" in item) || item.str.trim() === "") continue;
          const [, , , d = 0, e = 0, f = 0] = item.transform as number[];
          const text = unifyLookAlikes(item.str);
          runs.push({ x: e, y: height - f, width: item.width, size: item.height || d, text });
        }
        pages.push({ number: n, width, height, runs });
        page.cleanup();
      }
    } finally {
      await loading.destroy();
    }
  } catch (error) {
    if ((error as Error).name === "PasswordException") {
      throw new ShinchokuError(
        "invalid_input",
        "パスワードで保護された PDF は取り込めません（保護を外した PDF を取り込んでください）",
        { file },
      );
    }
    throw new ShinchokuError(
      "invalid_input",
      `PDF を読めません（壊れているか、PDF の形式に合っていません: ${(error as Error).message}）`,
      { file, ...(pages.length > 0 ? { line: pages.length + 1, field: "ページ" } : {}) },
    );
  }
  if (pages.every((p) => p.runs.length === 0)) {
    throw new ShinchokuError(
      "invalid_input",
      "この PDF には文字情報がありません（画像を読み取った PDF は取り込めません）",
      { file },
    );
  }
  return pages;
}
