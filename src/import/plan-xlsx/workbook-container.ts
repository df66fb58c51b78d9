import { unzipSync } from "fflate";
import { ShinchokuError } from "../../domain/errors.ts";

/** The largest workbook accepted: a city's plan is well under 1 MB; refused before reading. */
export const MAX_WORKBOOK_BYTES = 20 * 1024 * 1024;
/** The most the parts of a workbook may unpack to: a small zip may hold gigabytes (a zip bomb). */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** An OLE compound file: an encrypted (password-protected) OOXML file, or an old .xls. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** The stream an encrypted OOXML file keeps its package in, as a CFB directory names it (UTF-16LE). */
const ENCRYPTED_PACKAGE = Buffer.from("EncryptedPackage", "utf16le");

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Check that bytes can be a workbook of ours before any spreadsheet reader sees them: not too
 * large, a zip (an encrypted workbook is an OLE container, refused as password-protected), not
 * unpacking to too much, and no formulas in any sheet (we take values, never formulas).
 * @throws ShinchokuError `invalid_input` naming the file (and the cells holding formulas).
 * @example checkWorkbookContainer(await readFile("plan.xlsx"), "plan.xlsx");
 */
export function checkWorkbookContainer(bytes: Uint8Array, file: string): void {
  const formulas = inspectWorkbookContainer(bytes, file).map((f) => `${f.sheet}!${f.cell}`);
  if (formulas.length > 0) {
    const shown = formulas.slice(0, 5).join("、");
    throw new ShinchokuError(
      "invalid_input",
      `数式のあるセルがあります（${shown}${formulas.length > 5 ? ` ほか ${formulas.length - 5} 件` : ""}）。数式ではなく値を入力してください（コピーして「値として貼り付け」）`,
      { file },
    );
  }
}

/** A cell holding a formula: its sheet, its reference (`M21`) and whether a value is stored. */
export interface FormulaCell {
  sheet: string;
  cell: string;
  hasValue: boolean;
}

/**
 * The container checks of `checkWorkbookContainer` (size, not encrypted or .xls, a zip, not a
 * zip bomb), for any workbook a city sends: formulas are listed, not refused.
 * @throws ShinchokuError `invalid_input` naming the file.
 * @example const formulas = inspectWorkbookContainer(bytes, "事務事業評価.xlsx");
 */
export function inspectWorkbookContainer(bytes: Uint8Array, file: string): FormulaCell[] {
  if (bytes.byteLength > MAX_WORKBOOK_BYTES) throw tooLarge(bytes.byteLength, file);
  if (startsWith(bytes, CFB_MAGIC)) {
    const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(
      ENCRYPTED_PACKAGE,
    );
    throw new ShinchokuError(
      "invalid_input",
      encrypted
        ? "パスワードで保護されたブックは読めません。パスワードを解除して保存し直してから取り込んでください"
        : "Excel 97-2003 形式（.xls）のブックは読めません。Excel ブック（.xlsx）として保存し直してください",
      { file },
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC))
    throw new ShinchokuError("invalid_input", "Excel ブック（.xlsx）ではありません", { file });

  let unpacked = 0;
  const tooMuch = new ShinchokuError(
    "invalid_input",
    `ブックの中身が大きすぎます（展開後の上限 ${megabytes(MAX_UNPACKED_BYTES)}）`,
    { file },
  );
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      // Called for each part before it is inflated: a zip bomb is stopped before it unpacks.
      filter: (entry) => {
        unpacked += entry.originalSize;
        if (unpacked > MAX_UNPACKED_BYTES) throw tooMuch;
        return /^xl\/(?:workbook\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml)$/u.test(
          entry.name,
        );
      },
    });
  } catch (error) {
    if (error === tooMuch) throw tooMuch;
    throw new ShinchokuError(
      "invalid_input",
      "Excel ブック（.xlsx）として読めません（壊れた zip）",
      {
        file,
      },
    );
  }
  return formulaCells(parts);
}

/** The refusal of a file over the size limit (also used before a file is read at all). */
export function tooLarge(size: number, file: string): ShinchokuError {
  return new ShinchokuError(
    "invalid_input",
    `ファイルが大きすぎます（${megabytes(size)}、上限 ${megabytes(MAX_WORKBOOK_BYTES)}）`,
    { file },
  );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Every cell with an `<f>` (formula) element, sheets named as in the workbook. */
function formulaCells(parts: Record<string, Uint8Array>): FormulaCell[] {
  const text = (name: string) => new TextDecoder().decode(parts[name] ?? new Uint8Array());
  const names = sheetNames(text("xl/workbook.xml"), text("xl/_rels/workbook.xml.rels"));
  const found: FormulaCell[] = [];
  for (const part of Object.keys(parts).sort()) {
    if (!part.startsWith("xl/worksheets/")) continue;
    const sheet = names.get(part) ?? part.slice("xl/worksheets/".length);
    for (const cell of text(part).matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/gu)) {
      if (!/<f[\s>/]/u.test(cell[2] ?? "")) continue;
      found.push({
        sheet,
        cell: /\br="([A-Z]+\d+)"/u.exec(cell[1] ?? "")?.[1] ?? "?",
        hasValue: /<v>[^<]+<\/v>/u.test(cell[2] ?? ""),
      });
    }
  }
  return found;
}

/** Worksheet part → sheet name, from the workbook and its relationships. */
function sheetNames(workbook: string, rels: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const rel of rels.matchAll(/<Relationship\b[^>]*>/gu)) {
    const id = /\bId="([^"]*)"/u.exec(rel[0])?.[1];
    const target = /\bTarget="([^"]*)"/u.exec(rel[0])?.[1];
    if (id && target) targets.set(id, `xl/${target.replace(/^\/?xl\//u, "")}`);
  }
  const names = new Map<string, string>();
  for (const sheet of workbook.matchAll(/<sheet\b[^>]*>/gu)) {
    const name = /\bname="([^"]*)"/u.exec(sheet[0])?.[1];
    const id = /\br:id="([^"]*)"/u.exec(sheet[0])?.[1];
    const part = id ? targets.get(id) : undefined;
    if (name && part) names.set(part, name);
  }
  return names;
}
