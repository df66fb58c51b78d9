import { ShinchokuError } from "../../domain/errors.ts";
import type {
  IndicatorDirection,
  IndicatorDraft,
  IndicatorValue,
  IndicatorValueKind,
} from "../../domain/indicator.ts";
import {
  KNOWN_DIRECTION_WORDS,
  parseDirection,
  parseIndicatorCell,
  splitNameUnit,
} from "../../domain/indicator-value.ts";
import type { ImportReportBuilder } from "../import-report.ts";
import type { ColumnResolver } from "./column-resolver.ts";
import type { ColumnMapping, IndicatorMapping } from "./mapping-schema.ts";
import { columnLetter } from "./sheet-table.ts";

/** A cell's text with the name the report gives it (`シート!M21`). */
export interface IndicatorCellRef {
  text: string;
  at: string;
}

type Ref = { column: number } | { text: string };

interface ValueColumn {
  kind: IndicatorValueKind;
  final: boolean;
  /** The fiscal year the column holds; null: from the cell, else the default. */
  year: number | null;
  column: number;
  path: string;
}

interface Entry {
  index: number;
  mapping: IndicatorMapping;
  name: Ref;
  unit: Ref | null;
  kind: Ref;
  direction: number | null;
  baselineYear: number | null;
  source: number | null;
  values: ValueColumn[];
  /** "measure", or the depth of the level in `levels`. */
  owner: "measure" | number;
  read: number;
  unitFrom: { name: number; column: number; cell: number };
}

/** An indicator found in one row, with where it goes and the cell of its name. */
export interface RowIndicator {
  owner: "measure" | number;
  draft: IndicatorDraft;
  nameAt: string;
  /** Read again on each row of its owner (a level's, or a name given as text), so not a duplicate. */
  repeatable: boolean;
}

/**
 * Reads the `indicators` of a mapping from each row of a sheet: the name (its unit in `【】`
 * taken apart), unit, kind, direction, baseline (its year from the cell or a year column),
 * targets and results by fiscal year (a column per year, or one column for the asOf year), the
 * final target and the source. Cells are read by `parseIndicatorCell`: `3,437百万円 (平成20年)` is
 * 3437 百万円 of 2008; text where a number belongs is kept as the note of a value-less entry.
 * A unit that differs between a row's cells, an unknown direction and a target outside the
 * plan's years are refused with their cell.
 */
export class MappedIndicatorReader {
  private readonly entries: Entry[];

  constructor(
    mapping: ColumnMapping,
    columns: ColumnResolver,
    private readonly file: string,
    private readonly asOfYear: number,
    private readonly span: { first: number; last: number } | null,
    private readonly report: ImportReportBuilder,
  ) {
    const levelNames = mapping.levels.map((l) => l.name);
    this.entries = (mapping.indicators ?? []).map((m, i): Entry => {
      const path = `indicators[${i}]`;
      const ref = (r: string | { text: string }, key: string): Ref =>
        typeof r === "string" ? { column: columns.resolve(r, `${path}.${key}`) } : r;
      const one = (r: string | undefined, key: string) =>
        r === undefined ? null : columns.resolve(r, `${path}.${key}`);
      const values: ValueColumn[] = [];
      const addYears = (
        kind: IndicatorValueKind,
        spec: IndicatorMapping["target"],
        key: string,
      ) => {
        if (spec === undefined) return;
        if (typeof spec === "string")
          values.push({
            kind,
            final: false,
            year: null,
            column: columns.resolve(spec, `${path}.${key}`),
            path: `${path}.${key}`,
          });
        else
          for (const [year, r] of Object.entries(spec))
            values.push({
              kind,
              final: false,
              year: Number(year),
              column: columns.resolve(r, `${path}.${key}.${year}`),
              path: `${path}.${key}.${year}`,
            });
      };
      if (m.baseline !== undefined)
        values.push({
          kind: "baseline",
          final: false,
          year: null,
          column: columns.resolve(m.baseline, `${path}.baseline`),
          path: `${path}.baseline`,
        });
      addYears("target", m.target, "target");
      if (m.finalTarget !== undefined)
        values.push({
          kind: "target",
          final: true,
          year: null,
          column: columns.resolve(m.finalTarget, `${path}.finalTarget`),
          path: `${path}.finalTarget`,
        });
      addYears("result", m.result, "result");
      return {
        index: i,
        mapping: m,
        name: ref(m.name, "name"),
        unit: m.unit === undefined ? null : ref(m.unit, "unit"),
        kind:
          typeof m.kind === "string"
            ? { text: m.kind }
            : { column: columns.resolve(m.kind.column, `${path}.kind.column`) },
        direction: one(m.direction, "direction"),
        baselineYear: one(m.baselineYear, "baselineYear"),
        source: one(m.source, "source"),
        values,
        owner:
          m.level === undefined || m.level === mapping.measure.name
            ? "measure"
            : levelNames.indexOf(m.level),
        read: 0,
        unitFrom: { name: 0, column: 0, cell: 0 },
      };
    });
  }

  /** Every column the entries read (a row with none of them filled is not a data row). */
  columns(): number[] {
    return this.entries.flatMap((e) => [
      ...[e.name, e.unit, e.kind].flatMap((r) => (r && "column" in r ? [r.column] : [])),
      ...[e.direction, e.baselineYear, e.source].filter((c): c is number => c !== null),
      ...e.values.map((v) => v.column),
    ]);
  }

  /** The indicators of one row (1-based), each entry giving at most one. */
  readRow(row: number, cell: (row: number, column: number) => IndicatorCellRef): RowIndicator[] {
    const found: RowIndicator[] = [];
    for (const entry of this.entries) {
      const got = this.readEntry(entry, row, cell);
      if (got) found.push(got);
    }
    return found;
  }

  private readEntry(
    entry: Entry,
    row: number,
    cell: (row: number, column: number) => IndicatorCellRef,
  ): RowIndicator | null {
    const where = (at: string) => ({ file: this.file, line: row, field: at });
    const text = (r: Ref): IndicatorCellRef =>
      "column" in r ? cell(row, r.column) : { text: r.text, at: "" };
    const valueCells = entry.values.map((v) => ({ spec: v, cell: cell(row, v.column) }));
    const nameCell = text(entry.name);
    if ("text" in entry.name && valueCells.every((v) => v.cell.text === "")) return null;
    if (nameCell.text === "") {
      const filled = valueCells.find((v) => v.cell.text !== "");
      if (!filled) return null;
      throw new ShinchokuError(
        "invalid_input",
        `${nameCell.at}: 指標の名前がありません（${filled.cell.at} に値があります）`,
        where(nameCell.at),
      );
    }
    const split = splitNameUnit(nameCell.text);
    let unit: { text: string; from: string } | null = null;
    const unitCell = entry.unit ? text(entry.unit) : null;
    if (unitCell && unitCell.text !== "") {
      unit = { text: unitCell.text, from: unitCell.at || "対応表の unit" };
      entry.unitFrom.column++;
    } else if (split.unit !== null) {
      unit = { text: split.unit, from: `${nameCell.at || "対応表の name"} の【】` };
      entry.unitFrom.name++;
    }
    const kindCell = text(entry.kind);
    let kind = kindCell.text;
    if (kind === "") {
      kind = "成果指標";
      this.report.warn(
        row,
        "indicator-kind-missing",
        `${kindCell.at}: 指標の種類が空です（成果指標として取り込みました）`,
      );
    }
    let direction: IndicatorDirection | null = null;
    if (entry.direction !== null) {
      const d = cell(row, entry.direction);
      const parsed = parseDirection(d.text);
      if (parsed === undefined)
        throw new ShinchokuError(
          "invalid_input",
          `${d.at}: 指標「${split.name}」の方向「${d.text}」が読めません（${KNOWN_DIRECTION_WORDS} のいずれかにしてください）`,
          where(d.at),
        );
      direction = parsed;
    }
    let baselineYear: number | null = null;
    if (entry.baselineYear !== null) {
      const y = cell(row, entry.baselineYear);
      if (y.text !== "") {
        baselineYear = parseIndicatorCell(`0 (${y.text})`).fiscalYear;
        if (baselineYear === null)
          throw new ShinchokuError(
            "invalid_input",
            `${y.at}: 基準値の年度「${y.text}」が読めません（2008、平成20年度 などにしてください）`,
            where(y.at),
          );
      }
    }
    const values: IndicatorValue[] = [];
    for (const { spec, cell: c } of valueCells) {
      if (c.text === "") continue;
      const parsed = parseIndicatorCell(c.text);
      if (parsed.value === null)
        this.report.info(
          row,
          "indicator-value-text",
          `${c.at}: 「${c.text}」は数値ではないため、値なしとし、文字を備考に残しました`,
        );
      if (parsed.unit !== null) {
        if (unit === null) {
          unit = { text: parsed.unit, from: c.at };
          entry.unitFrom.cell++;
        } else if (parsed.unit.normalize("NFKC") !== unit.text.normalize("NFKC"))
          throw new ShinchokuError(
            "invalid_input",
            `${c.at}: 指標「${split.name}」の単位「${parsed.unit}」が ${unit.from} の「${unit.text}」と違います（単位は年度を通じて一つにしてください）`,
            where(c.at),
          );
      }
      const fiscalYear =
        spec.year ??
        parsed.fiscalYear ??
        (spec.kind === "baseline"
          ? baselineYear
          : spec.final
            ? (this.span?.last ?? null)
            : this.asOfYear);
      if (
        spec.kind === "target" &&
        fiscalYear !== null &&
        this.span !== null &&
        (fiscalYear < this.span.first || fiscalYear > this.span.last)
      )
        throw new ShinchokuError(
          "invalid_input",
          `${c.at}: 指標「${split.name}」の目標の年度 ${fiscalYear} が計画の年度（${this.span.first}〜${this.span.last}）の外です`,
          where(c.at),
        );
      values.push({
        kind: spec.kind,
        fiscalYear,
        final: spec.final,
        periodAsOf: null,
        value: parsed.value,
        note: parsed.value === null ? c.text : parsed.note,
      });
    }
    entry.read++;
    return {
      owner: entry.owner,
      nameAt: nameCell.at || `${row} 行目`,
      repeatable: entry.owner !== "measure" || "text" in entry.name,
      draft: {
        name: split.name,
        unit: unit?.text ?? null,
        kind,
        direction,
        source: entry.source === null ? null : cell(row, entry.source).text || null,
        achievementForm: entry.mapping.achievement,
        values,
        line: row,
      },
    };
  }

  /** Say, per entry, how many indicators it read and from which columns. */
  summarize(sheet: string): void {
    for (const e of this.entries) {
      const col = (r: Ref | null) =>
        r === null
          ? "なし"
          : "column" in r
            ? `${sheet}!${columnLetter(r.column)}`
            : `「${r.text}」`;
      const values = e.values
        .map(
          (v) =>
            `${{ baseline: "基準値", target: v.final ? "最終目標" : "目標値", result: "実績値" }[v.kind]}${v.year === null ? "" : ` ${v.year}年度`} ${sheet}!${columnLetter(v.column)}`,
        )
        .join("、");
      this.report.info(
        null,
        "indicators-read",
        `indicators[${e.index}]: 指標を ${e.read} 件読みました（名前 ${col(e.name)}、単位は列から ${e.unitFrom.column} 件・名前の【】から ${e.unitFrom.name} 件・値のセルから ${e.unitFrom.cell} 件、種類 ${col(e.kind)}、方向 ${e.direction === null ? "なし" : `${sheet}!${columnLetter(e.direction)}`}、${values || "値の列なし"}；年度のない列は基準日の年度 ${this.asOfYear}、セルに年があればその年）`,
      );
    }
  }
}
