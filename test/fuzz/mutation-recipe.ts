import fc from "fast-check";
import { shiftJis } from "./shift-jis.ts";

/**
 * A mutated file described by a small recipe rather than by its bytes: fast-check prints the
 * recipe of a failing case (a 1 MB cell stays one line in the message) and shrinks it, and
 * `applyRecipe` turns it into the same bytes every time.
 */
export interface MutationRecipe {
  /** Which lines of the body to keep: all, or a window (positions are taken modulo the length). */
  window: { whole: boolean; from: number; length: number };
  lines: LineOp[];
  ending: { kind: "lf" | "crlf" | "cr" | "mixed"; picks: number[] };
  encoding: "utf-8" | "utf-8-bom" | "shift-jis" | "shift-jis-line";
  bytes: ByteOp[];
}

export type CellValue =
  | { kind: "text"; text: string }
  | { kind: "huge"; unit: string }
  | { kind: "empty" };

export type LineOp =
  | { op: "drop"; at: number }
  | { op: "duplicate"; at: number }
  | { op: "swap"; at: number; with: number }
  | { op: "headers"; at: number; count: number }
  | { op: "cell"; at: number; cell: number; value: CellValue };

export type ByteOp =
  | { op: "set"; at: number; byte: number }
  | { op: "insert"; at: number; bytes: number[] }
  | { op: "nul"; at: number }
  | { op: "bom"; at: number }
  | { op: "truncate"; at: number };

/** The file a recipe mutates: lines kept in front (title, header), the body, how cells are split. */
export interface MutationBase {
  prefix: string[];
  body: string[];
  /** Where a window of the body may start (a category heading, a row); any line without. */
  starts?: number[];
  /** The header line, repeated by the `headers` operation. */
  header: string;
  separator: string;
}

/** One megabyte of text in one cell. */
export const HUGE_CELL_BYTES = 1024 * 1024;

/** Text a reader treats specially, so that generated cells hit its branches more often. */
const TOKENS = [
  "⇒",
  "—",
  "-",
  "①",
  "⑳",
  "No.1",
  "【No.31再掲】",
  "ア.",
  "1",
  "999999",
  "0",
  "-1",
  "1e9",
  "項目",
  "進捗状況",
  "区分、No.",
  "24(年度)",
  "平成",
  "令和元年",
  "(平成 26 年 3 月末時点)",
  "<li>",
  "</li>",
  "<ul>",
  "&amp;",
  "\t",
  ",",
  '"',
  '""',
  "\n",
  "\r",
  " ",
  "\u3000",
  "\ufeff",
  "\u0000",
  "\ud800",
  "M0001",
  "2014-03-31",
  "2014-02-30",
  "=1+1",
  "完了",
  "431001",
];

export const textCell: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 6 }).map((parts) => parts.join("")),
);

/** A cell's new value; `hugeWeight` in 1200 + `hugeWeight` of them are a 1 MB cell. */
const cellValue = (hugeWeight: number): fc.Arbitrary<CellValue> =>
  fc.oneof(
    { weight: 1000, arbitrary: textCell.map((text) => ({ kind: "text" as const, text })) },
    { weight: 200, arbitrary: fc.constant({ kind: "empty" as const }) },
    {
      weight: hugeWeight,
      arbitrary: fc
        .constantFrom("あ", "a", "⇒", "<li>", '"', "進捗 ", "\t", ",")
        .map((unit) => ({ kind: "huge" as const, unit })),
    },
  );

const lineOp = (hugeWeight: number): fc.Arbitrary<LineOp> =>
  fc.oneof(
    fc.record({ op: fc.constant("drop" as const), at: fc.nat() }),
    fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }),
    fc.record({ op: fc.constant("swap" as const), at: fc.nat(), with: fc.nat() }),
    fc.record({
      op: fc.constant("headers" as const),
      at: fc.nat(),
      count: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) },
        { weight: 1, arbitrary: fc.integer({ min: 100, max: 500 }) },
      ),
    }),
    fc.record({
      op: fc.constant("cell" as const),
      at: fc.nat(),
      cell: fc.nat({ max: 30 }),
      value: cellValue(hugeWeight),
    }),
  );

export const byteOp: fc.Arbitrary<ByteOp> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), at: fc.nat(), byte: fc.nat({ max: 255 }) }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ op: fc.constant("nul" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("bom" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
);

/**
 * Recipes for mutated files. Most keep only a window of the body (cheaper to read, and still
 * every kind of line); `wholePercent` of them mutate the whole file.
 */
export function mutationRecipe(options: {
  maxWindow: number;
  /** Cases in a hundred that mutate the whole body. */
  wholePercent: number;
  /** How often a cell becomes 1 MB (see `cellValue`): rare, being costly to read. */
  hugeWeight: number;
}): fc.Arbitrary<MutationRecipe> {
  return fc.record({
    window: fc.record({
      whole: fc.noBias(fc.integer({ min: 0, max: 99 })).map((n) => n < options.wholePercent),
      from: fc.nat(),
      length: fc.integer({ min: 1, max: options.maxWindow }),
    }),
    lines: fc.array(lineOp(options.hugeWeight), { maxLength: 5 }),
    ending: fc.record({
      kind: fc.constantFrom("lf" as const, "crlf" as const, "cr" as const, "mixed" as const),
      picks: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 7 }),
    }),
    encoding: fc.oneof(
      { weight: 12, arbitrary: fc.constant("utf-8" as const) },
      { weight: 3, arbitrary: fc.constant("utf-8-bom" as const) },
      { weight: 1, arbitrary: fc.constant("shift-jis" as const) },
      { weight: 1, arbitrary: fc.constant("shift-jis-line" as const) },
    ),
    bytes: fc.oneof(
      { weight: 4, arbitrary: fc.constant([] as ByteOp[]) },
      { weight: 1, arbitrary: fc.array(byteOp, { minLength: 1, maxLength: 4 }) },
    ),
  });
}

/** The bytes of a recipe applied to a base file. */
export function applyRecipe(base: MutationBase, recipe: MutationRecipe): Uint8Array {
  const lines = [...base.prefix, ...windowOf(base, recipe.window)];
  for (const op of recipe.lines) applyLineOp(lines, op, base);
  const endings = ["\n", "\r\n", "\r"];
  const ending = (i: number) =>
    recipe.ending.kind === "lf"
      ? "\n"
      : recipe.ending.kind === "crlf"
        ? "\r\n"
        : recipe.ending.kind === "cr"
          ? "\r"
          : (endings[recipe.ending.picks[i % recipe.ending.picks.length] ?? 0] ?? "\n");
  const parts = lines.map((line, i) => line + ending(i));
  let bytes = encode(parts, recipe.encoding, lines.length);
  for (const op of recipe.bytes) bytes = applyByteOp(bytes, op);
  return bytes;
}

/** The lines of the body a recipe keeps, before any mutation. */
export function windowOf(base: MutationBase, window: MutationRecipe["window"]): string[] {
  if (window.whole) return base.body;
  const from = base.starts
    ? (base.starts[window.from % base.starts.length] ?? 0)
    : window.from % base.body.length;
  return base.body.slice(from, from + window.length);
}

function applyLineOp(lines: string[], op: LineOp, base: MutationBase) {
  if (lines.length === 0) return;
  const at = op.at % lines.length;
  const line = lines[at] ?? "";
  switch (op.op) {
    case "drop":
      lines.splice(at, 1);
      break;
    case "duplicate":
      lines.splice(at, 0, line);
      break;
    case "swap": {
      const other = op.with % lines.length;
      lines[at] = lines[other] ?? "";
      lines[other] = line;
      break;
    }
    case "headers":
      lines.splice(at, 0, ...Array.from({ length: op.count }, () => base.header));
      break;
    case "cell": {
      const cells = line.split(base.separator);
      const value =
        op.value.kind === "text"
          ? op.value.text
          : op.value.kind === "empty"
            ? ""
            : op.value.unit.repeat(Math.ceil(HUGE_CELL_BYTES / Buffer.byteLength(op.value.unit)));
      cells[op.cell % (cells.length + 1)] = value;
      lines[at] = cells.join(base.separator);
      break;
    }
  }
}

function encode(parts: string[], encoding: MutationRecipe["encoding"], count: number): Uint8Array {
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
  if (encoding === "shift-jis") return shiftJis(parts.join(""));
  const chunks = parts.map((p, i) =>
    encoding === "shift-jis-line" && i === Math.floor(count / 2) ? shiftJis(p) : utf8(p),
  );
  if (encoding === "utf-8-bom") chunks.unshift(new Uint8Array([0xef, 0xbb, 0xbf]));
  return new Uint8Array(Buffer.concat(chunks));
}

export function applyByteOp(bytes: Uint8Array, op: ByteOp): Uint8Array {
  const at = bytes.length === 0 ? 0 : op.at % bytes.length;
  const splice = (insert: number[]) =>
    new Uint8Array(
      Buffer.concat([bytes.subarray(0, at), new Uint8Array(insert), bytes.subarray(at)]),
    );
  switch (op.op) {
    case "set": {
      const copy = bytes.slice();
      if (copy.length > 0) copy[at] = op.byte;
      return copy;
    }
    case "insert":
      return splice(op.bytes);
    case "nul":
      return splice([0]);
    case "bom":
      return splice([0xef, 0xbb, 0xbf]);
    case "truncate":
      return bytes.slice(0, at);
  }
}
