import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

/** A new value for one cell: text as a person types it, or a formula with its cached value. */
export type CellEdit =
  | { cell: string; text: string }
  | { cell: string; formula: string; value: string };

const xmlText = (s: string) =>
  s.replace(/&/gu, "&amp;").replace(/</gu, "&lt;").replace(/>/gu, "&gt;");

/** Column letters → 0-based index: A → 0, Z → 25, AA → 26. */
function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
}

/** The letters of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * A copy of an .xlsx with cells of one worksheet part replaced, the way a spreadsheet program
 * leaves an edited cell (an inline string, or a formula with its cached value); the rest of the
 * file is kept byte for byte. Neither the writer nor the reader under test is used.
 * @example editWorkbook(xlsx, "xl/worksheets/sheet1.xml", [{ cell: "Q5", text: "完了しました" }])
 */
export function editWorkbook(xlsx: Uint8Array, part: string, edits: CellEdit[]): Uint8Array {
  const files = unzipSync(xlsx);
  const source = files[part];
  if (!source) throw new Error(`no part ${part} in the workbook`);
  let xml = strFromU8(source);
  for (const edit of edits) {
    const [, letters = "", rowText = ""] = /^([A-Z]+)(\d+)$/u.exec(edit.cell) ?? [];
    const rowPattern = new RegExp(`<row\\b[^>]*\\br="${rowText}"[^>]*>([\\s\\S]*?)</row>`, "u");
    const row = rowPattern.exec(xml);
    if (!row) throw new Error(`no row ${rowText} in ${part}`);
    const cells = [...(row[1] ?? "").matchAll(/<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/gu)].map(
      (m) => m[0],
    );
    const refOf = (c: string) => /\br="([A-Z]+)\d+"/u.exec(c)?.[1] ?? "";
    // The cell keeps its style (text format, wrapping), as a spreadsheet program keeps it.
    const style = /\ss="\d+"/u.exec(cells.find((c) => refOf(c) === letters) ?? "")?.[0] ?? "";
    const cell =
      "formula" in edit
        ? `<c r="${edit.cell}"${style} t="str"><f>${xmlText(edit.formula)}</f><v>${xmlText(edit.value)}</v></c>`
        : edit.text === ""
          ? ""
          : `<c r="${edit.cell}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(edit.text)}</t></is></c>`;
    const kept = cells.filter((c) => refOf(c) !== letters);
    const at = kept.findIndex((c) => columnIndex(refOf(c)) > columnIndex(letters));
    if (cell !== "") kept.splice(at < 0 ? kept.length : at, 0, cell);
    const open = row[0].slice(0, row[0].indexOf(">") + 1);
    xml = xml.replace(row[0], () => `${open}${kept.join("")}</row>`);
  }
  files[part] = strToU8(xml);
  return zipSync(files);
}
