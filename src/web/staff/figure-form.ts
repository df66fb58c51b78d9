import {
  type ConfirmedFigure,
  type FigureInput,
  readTypedNumber,
} from "../../domain/confirmed-figure.ts";
import { extractFigures } from "../../domain/figure-extractor.ts";

/**
 * One row of the 「数値」 fieldset as the form carries it: a stored figure (its checkbox removes
 * it), a figure the extractor proposes (its checkbox confirms it) or a row added by hand.
 * Values are kept as typed, so a refused form shows them again unchanged.
 */
export interface FigureRow {
  kind: "stored" | "proposed" | "new";
  value: string;
  total: string;
  unit: string;
  qualifier: string;
  text: string;
  /** stored: remove it; proposed: confirm it; new: unused. */
  checked: boolean;
}

/** Rows a form may carry: more than any page shows, fewer than a body could hold. */
const MAX_ROWS = 100;

const emptyRow = (): FigureRow => ({
  kind: "new",
  value: "",
  total: "",
  unit: "",
  qualifier: "",
  text: "",
  checked: false,
});

const rowOf = (kind: FigureRow["kind"], f: ConfirmedFigure | ProposedFigure): FigureRow => ({
  kind,
  value: String(f.value),
  total: f.total === null || f.total === undefined ? "" : String(f.total),
  unit: f.unit ?? "",
  qualifier: f.qualifier ?? "",
  text: f.text,
  checked: false,
});

type ProposedFigure = ReturnType<typeof extractFigures>[number];

/**
 * The extractor's proposals for a narrative that are not among the rows yet: neither the same
 * text nor the same number (a stored figure whose text a person shortened is not proposed again).
 */
function proposalsFor(rows: readonly FigureRow[], narrative: string): FigureRow[] {
  const texts = new Set(rows.map((r) => r.text.trim()).filter((t) => t !== ""));
  const values = new Set(rows.map((r) => readTypedNumber(r.value)).filter((v) => v !== null));
  const proposed: FigureRow[] = [];
  for (const f of extractFigures(narrative)) {
    if (texts.has(f.text) || values.has(f.value)) continue;
    texts.add(f.text);
    values.add(f.value);
    proposed.push(rowOf("proposed", f));
  }
  return proposed;
}

const isEmptyNew = (r: FigureRow) =>
  r.kind === "new" && [r.value, r.total, r.unit, r.qualifier, r.text].every((v) => v.trim() === "");

/**
 * The rows of a form first shown: the stored figures, the proposals not stored yet (unchecked)
 * and one empty row.
 */
export function initialFigureRows(
  stored: readonly ConfirmedFigure[],
  narrative: string,
): FigureRow[] {
  const rows = stored.map((f) => rowOf("stored", f));
  return [...rows, ...proposalsFor(rows, narrative), emptyRow()];
}

/**
 * The rows of a refused form: as typed, then proposals for the narrative as typed now, then
 * one empty row unless the last typed row is empty.
 */
export function redisplayedFigureRows(rows: readonly FigureRow[], narrative: string): FigureRow[] {
  const kept = rows.filter((r) => !isEmptyNew(r));
  return [...kept, ...proposalsFor(kept, narrative), emptyRow()];
}

const text = (body: Record<string, unknown>, name: string) => {
  const v = body[name];
  return typeof v === "string" ? v : "";
};

/** The rows a form posted (`figures.N.kind`, `.value`, …); null when it posted none at all. */
export function parseFigureRows(body: Record<string, unknown>): FigureRow[] | null {
  const rows: FigureRow[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const kind = text(body, `figures.${i}.kind`);
    if (kind !== "stored" && kind !== "proposed" && kind !== "new") break;
    const field = (name: string) => text(body, `figures.${i}.${name}`);
    rows.push({
      kind,
      value: field("value"),
      total: field("total"),
      unit: field("unit"),
      qualifier: field("qualifier"),
      text: field("text"),
      checked: field(kind === "stored" ? "remove" : "confirm") !== "",
    });
  }
  return rows.length === 0 ? null : rows;
}

/**
 * What a save stores from the rows: stored rows not removed, confirmed proposals and filled new
 * rows, in form order; `rowIndex[k]` is the form row of figure k, to put an error beside it.
 */
export function figuresToSave(rows: readonly FigureRow[]): {
  figures: FigureInput[];
  rowIndex: number[];
} {
  const figures: FigureInput[] = [];
  const rowIndex: number[] = [];
  rows.forEach((r, i) => {
    const keep =
      r.kind === "stored" ? !r.checked : r.kind === "proposed" ? r.checked : !isEmptyNew(r);
    if (!keep) return;
    figures.push({
      value: r.value,
      total: r.total,
      unit: r.unit,
      qualifier: r.qualifier,
      text: r.text,
    });
    rowIndex.push(i);
  });
  return { figures, rowIndex };
}

/** A save's error on figure k (`figures.k.value`) moved to the form row it came from. */
export function figureFieldOfRow(field: string, rowIndex: readonly number[]): string {
  const m = /^figures\.(\d+)\.(\w+)$/u.exec(field);
  if (!m) return field;
  const row = rowIndex[Number(m[1])];
  return row === undefined ? field : `figures.${row}.${m[2]}`;
}
