import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import readXlsxFile from "read-excel-file/node";
import writeExcelFile from "write-excel-file/node";
import { readPlanWorkbook } from "../../src/import/plan-xlsx/plan-workbook-reader.ts";
import { guardedCase } from "./fuzz-harness.ts";
import { type ByteOp, byteOp, HUGE_CELL_BYTES, textCell } from "./mutation-recipe.ts";

export const WORKBOOK_FILE = "plan.xlsx";

type Value = string | number | boolean | Date | null;
/** The sheets of a workbook as values: what the cell mutations edit before writing it again. */
export type WorkbookValues = Array<{ sheet: string; data: Value[][] }>;

/**
 * A mutated workbook: cell values edited and the workbook written again with write-excel-file
 * (so the container is sound and a rejection must name a sheet or cell), or the bytes of the
 * file or of one XML part inside it mutated (a rejection names the file).
 */
export type WorkbookRecipe =
  | {
      kind: "cells";
      rows: { from: number; length: number };
      edits: Array<{ sheet: number; row: number; column: number; value: CellEdit }>;
      drop: Array<{ sheet: number; row: number }>;
      renameSheet: { sheet: number; name: string } | null;
    }
  | { kind: "bytes"; ops: ByteOp[] }
  | { kind: "part"; part: number; ops: ByteOp[] };

type CellEdit =
  | { kind: "text"; text: string }
  | { kind: "number"; n: number }
  | { kind: "date"; ms: number }
  | { kind: "empty" }
  | { kind: "huge"; unit: string };

const cellEdit: fc.Arbitrary<CellEdit> = fc.oneof(
  { weight: 80, arbitrary: textCell.map((text) => ({ kind: "text" as const, text })) },
  { weight: 16, arbitrary: fc.double().map((n) => ({ kind: "number" as const, n })) },
  {
    weight: 8,
    arbitrary: fc.integer({ min: -1e13, max: 1e13 }).map((ms) => ({ kind: "date" as const, ms })),
  },
  { weight: 16, arbitrary: fc.constant({ kind: "empty" as const }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom("あ", "a", "<f>", "&")
      .map((unit) => ({ kind: "huge" as const, unit })),
  },
);

export const workbookRecipe: fc.Arbitrary<WorkbookRecipe> = fc.oneof(
  {
    weight: 7,
    arbitrary: fc.record({
      kind: fc.constant("cells" as const),
      rows: fc.record({ from: fc.nat(), length: fc.integer({ min: 0, max: 12 }) }),
      edits: fc.array(
        fc.record({
          sheet: fc.nat({ max: 2 }),
          row: fc.nat({ max: 14 }),
          column: fc.nat({ max: 20 }),
          value: cellEdit,
        }),
        { maxLength: 4 },
      ),
      drop: fc.array(fc.record({ sheet: fc.nat({ max: 2 }), row: fc.nat({ max: 14 }) }), {
        maxLength: 2,
      }),
      renameSheet: fc.option(
        fc.record({
          sheet: fc.nat({ max: 2 }),
          name: fc.constantFrom("Sheet1", "取組 ", "計画2", "説明"),
        }),
        { freq: 10 },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("bytes" as const),
      ops: fc.array(byteOp, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("part" as const),
      part: fc.nat(),
      ops: fc.array(byteOp, { minLength: 1, maxLength: 3 }),
    }),
  },
);

/** The exported workbook's values, to be edited by recipes. */
export async function workbookValues(xlsx: Uint8Array): Promise<WorkbookValues> {
  const sheets = await readXlsxFile(Buffer.from(xlsx));
  return sheets.map((s) => ({ sheet: s.sheet, data: s.data as Value[][] }));
}

/** The workbook a recipe makes, from the exported values and the exported file's bytes. */
export async function workbookBytes(
  values: WorkbookValues,
  small: Uint8Array,
  recipe: WorkbookRecipe,
  applyBytes: (bytes: Uint8Array, op: ByteOp) => Uint8Array,
): Promise<Uint8Array> {
  if (recipe.kind === "bytes") return recipe.ops.reduce(applyBytes, small);
  if (recipe.kind === "part") {
    const parts = unzipSync(small);
    const names = Object.keys(parts).sort();
    const name = names[recipe.part % names.length] ?? "";
    parts[name] = new Uint8Array(recipe.ops.reduce(applyBytes, parts[name] ?? new Uint8Array()));
    return zipSync(parts);
  }
  const sheets = values.map((s, i) => {
    // The 取組 sheet keeps its header and a window of rows: reading stays cheap.
    const data =
      i === 0
        ? [
            s.data[0] ?? [],
            ...s.data.slice(1 + (recipe.rows.from % s.data.length)).slice(0, recipe.rows.length),
          ]
        : s.data;
    return { sheet: s.sheet, data: data.map((row) => [...row]) };
  });
  for (const e of recipe.edits) {
    const sheet = sheets[e.sheet % sheets.length];
    const row = sheet?.data[e.row % Math.max(1, sheet.data.length)];
    if (row) row[e.column] = editValue(e.value);
  }
  for (const d of recipe.drop) sheets[d.sheet % sheets.length]?.data.splice(d.row, 1);
  if (recipe.renameSheet) {
    const sheet = sheets[recipe.renameSheet.sheet % sheets.length];
    if (sheet && !sheets.some((s) => s.sheet === recipe.renameSheet?.name))
      sheet.sheet = recipe.renameSheet.name;
  }
  const width = (rows: Value[][]) => Math.max(1, ...rows.map((r) => r.length));
  const buffer = await writeExcelFile(
    sheets.map((s) => ({
      sheet: s.sheet,
      data: s.data.map((row) =>
        Array.from({ length: width(s.data) }, (_, i) => cellOf(row[i] ?? null)),
      ),
    })) as never,
  ).toBuffer();
  return new Uint8Array(buffer);
}

function editValue(edit: CellEdit): Value {
  switch (edit.kind) {
    case "text":
      return edit.text;
    case "number":
      return edit.n;
    case "date":
      return new Date(edit.ms);
    case "empty":
      return null;
    case "huge":
      return edit.unit.repeat(Math.ceil(HUGE_CELL_BYTES / Buffer.byteLength(edit.unit)));
  }
}

function cellOf(value: Value) {
  if (value === null || value === "") return null;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : { value, type: Date, format: "yyyy-mm-dd" };
  if (typeof value === "number")
    return Number.isFinite(value)
      ? { value, type: Number }
      : { value: String(value), type: String };
  if (typeof value === "boolean") return { value, type: Boolean };
  return { value, type: String };
}

/**
 * Read a workbook as the XLSX import does. A rejection names the file; when the workbook was
 * written whole (cell edits), it must also name the sheet, cell or field at fault.
 */
export function readWorkbookCase(bytes: Uint8Array, recipe: WorkbookRecipe) {
  return guardedCase(
    () => readPlanWorkbook(bytes, WORKBOOK_FILE),
    (error) =>
      error.location.file === WORKBOOK_FILE &&
      (recipe.kind !== "cells" || (error.location.field ?? "") !== ""),
  );
}
