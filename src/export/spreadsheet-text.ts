/**
 * What a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, carriage return) or as a
 * quote of text (`'`) at the start of a CSV cell.
 */
const FORMULA_START = /^[=+\-@\t\r']/u;

/**
 * Text for a CSV cell that a spreadsheet shows as text, never runs as a formula: text starting
 * with `=`, `+`, `-`, `@`, a tab, a carriage return or `'` gets one `'` in front (the usual
 * defence against CSV injection; `'` itself too, so that `unquoteSpreadsheetText` undoes exactly
 * this). Numbers are not text and are never passed here.
 * @example quoteSpreadsheetText("=1+1") // "'=1+1"
 * @example quoteSpreadsheetText("'quoted") // "''quoted"
 */
export function quoteSpreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * The text a CSV cell written by `quoteSpreadsheetText` stood for: one leading `'` removed.
 * @example unquoteSpreadsheetText("'=1+1") // "=1+1"
 */
export function unquoteSpreadsheetText(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
