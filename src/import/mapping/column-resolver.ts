import { ShinchokuError } from "../../domain/errors.ts";
import { columnIndex, columnLetter, type SheetTable } from "./sheet-table.ts";

/** A heading as compared: NFKC, without white space or line breaks. */
export function headingKey(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "");
}

/** One to three capital Latin letters name a column by its letter; anything else is a heading. */
export function isColumnLetter(ref: string): boolean {
  return /^[A-Z]{1,3}$/u.test(ref);
}

/**
 * Finds the columns a mapping names in one sheet: by letter, or by heading text in the heading
 * row. A column past the sheet's last, a heading not found and a heading found in more than one
 * column are refused with the mapping path and the sheet's cells.
 */
export class ColumnResolver {
  private readonly width: number;

  constructor(
    private readonly sheet: SheetTable,
    private readonly headerRow: number,
    private readonly file: string,
  ) {
    this.width = sheet.rows.reduce((n, r) => Math.max(n, r.length), 0);
  }

  /** The 0-based column `ref` names, for the mapping key at `path`. */
  resolve(ref: string, path: string): number {
    const where = { file: this.file, field: path };
    if (isColumnLetter(ref)) {
      const index = columnIndex(ref);
      if (index >= this.width)
        throw new ShinchokuError(
          "invalid_input",
          `対応表の ${path} の列 ${ref} はシート「${this.sheet.name}」にありません（最後の列は ${columnLetter(this.width - 1)}）`,
          where,
        );
      return index;
    }
    const key = headingKey(ref);
    const heading = this.sheet.rows[this.headerRow - 1] ?? [];
    const found = heading.flatMap((h, i) => (headingKey(h) === key ? [i] : []));
    if (found.length === 0)
      throw new ShinchokuError(
        "invalid_input",
        `対応表の ${path} の見出し「${ref}」がシート「${this.sheet.name}」の ${this.headerRow} 行目にありません`,
        where,
      );
    if (found.length > 1)
      throw new ShinchokuError(
        "invalid_input",
        `対応表の ${path} の見出し「${ref}」が複数の列にあります（${found.map((i) => `${this.sheet.name}!${columnLetter(i)}${this.headerRow}`).join("、")}）。列の記号で指定してください`,
        where,
      );
    return found[0] ?? 0;
  }

  /** The heading text of a column, as printed (for the import report and custom fields). */
  heading(index: number): string {
    return this.sheet.rows[this.headerRow - 1]?.[index] ?? "";
  }
}
