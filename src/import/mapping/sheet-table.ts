/** One sheet of a workbook, or a CSV/TSV file, as rows of cell text. */
export interface SheetTable {
  /** The sheet's name as the workbook has it; a CSV file's name without its extension. */
  name: string;
  /** Row 1 first; a cell's text with its line breaks as `\n`; an empty cell is `""`. */
  rows: string[][];
  /** Cells (`M21`) that hold a formula without a value Excel stored with it. */
  formulasWithoutValue: Set<string>;
}

/** Column letters → 0-based index: A → 0, Z → 25, AA → 26. */
export function columnIndex(letters: string): number {
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

/** `シート!M21`: how the import report names a cell (row 1-based, column 0-based). */
export function cellName(sheet: string, row: number, column: number): string {
  return `${sheet}!${columnLetter(column)}${row}`;
}
