import { headingKey, isColumnLetter } from "../../import/mapping/column-resolver.ts";
import type { ColumnMapping } from "../../import/mapping/mapping-schema.ts";
import { columnIndex, columnLetter, type SheetTable } from "../../import/mapping/sheet-table.ts";

/** Level rows on the form: the plan model takes up to six levels above the measure. */
export const LEVEL_ROWS = 6;
/** Fiscal-year rows on the form beyond those filled: room to add years without script. */
const SPARE_YEAR_ROWS = 2;

/**
 * The mapping form's values as typed or chosen, every column as its letter (`""`: none). The
 * names of the form's fields are the mapping's own paths (`levels[0].title`, `plan.asOf`), so
 * a refusal naming a path lands beside its field.
 */
export interface MappingFormValues {
  sheet: string;
  headerRow: string;
  planTitle: string;
  asOf: string;
  levels: Array<{ name: string; number: [string, string]; title: string }>;
  measureName: string;
  measureId: string;
  measureTitle: string;
  department: string;
  progress: string;
  status: string;
  roadmap: Array<{ year: string; column: string }>;
  /** Columns kept as custom fields (独自項目), by letter. */
  fields: string[];
}

/** A column of the sheet as the form offers it: letter, heading, a few values from below. */
export interface ColumnChoice {
  letter: string;
  heading: string;
  samples: string[];
}

/** The sheet's columns with their heading (in `headerRow`) and up to three distinct values. */
export function columnChoices(sheet: SheetTable, headerRow: number): ColumnChoice[] {
  const width = sheet.rows.reduce((n, r) => Math.max(n, r.length), 0);
  return Array.from({ length: width }, (_, i) => {
    const samples: string[] = [];
    for (const row of sheet.rows.slice(headerRow)) {
      const text = (row[i] ?? "").trim();
      if (text !== "" && !samples.includes(text)) samples.push(text);
      if (samples.length === 3) break;
    }
    return { letter: columnLetter(i), heading: sheet.rows[headerRow - 1]?.[i] ?? "", samples };
  });
}

const text = (v: unknown) => (typeof v === "string" ? v : "");
const list = (v: unknown) =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === "string",
  );

/** The form's values from a posted body (read with `parseBody({ all: true })`). */
export function mappingFormFromBody(body: Record<string, unknown>): MappingFormValues {
  const one = (name: string) => {
    const v = body[name];
    return (Array.isArray(v) ? text(v[0]) : text(v)).slice(0, 500);
  };
  const years: MappingFormValues["roadmap"] = [];
  for (let i = 0; i < 40 && (`roadmap[${i}].year` in body || `roadmap[${i}].column` in body); i++)
    years.push({ year: one(`roadmap[${i}].year`), column: one(`roadmap[${i}].column`) });
  return {
    sheet: one("sheet"),
    headerRow: one("headerRow"),
    planTitle: one("plan.title"),
    asOf: one("plan.asOf"),
    levels: Array.from({ length: LEVEL_ROWS }, (_, i) => ({
      name: one(`levels[${i}].name`),
      number: [one(`levels[${i}].number[0]`), one(`levels[${i}].number[1]`)],
      title: one(`levels[${i}].title`),
    })),
    measureName: one("measure.name"),
    measureId: one("measure.id"),
    measureTitle: one("measure.title"),
    department: one("department"),
    progress: one("progress"),
    status: one("status.column"),
    roadmap: years,
    fields: list(body.fields).slice(0, 1000),
  };
}

/** Room for a few more fiscal years below those filled. */
export function withSpareYears(values: MappingFormValues): MappingFormValues {
  const filled = values.roadmap.filter((r) => r.year !== "" || r.column !== "");
  return {
    ...values,
    roadmap: [
      ...filled,
      ...Array.from({ length: SPARE_YEAR_ROWS }, () => ({ year: "", column: "" })),
    ],
  };
}

/**
 * The mapping the form's values say, as the JSON a person would write (checked afterwards by
 * `parseMapping`, which names the path of anything wrong). Empty rows are left out.
 */
export function mappingFromForm(values: MappingFormValues, choices: ColumnChoice[]): unknown {
  const col = (letter: string) => (letter === "" ? undefined : letter);
  const digits = (s: string) => s.normalize("NFKC").trim();
  const levels = values.levels
    .filter((l) => l.name.trim() !== "" || l.title !== "" || l.number.some((n) => n !== ""))
    .map((l) => {
      const number = l.number.filter((n) => n !== "");
      return {
        name: l.name,
        ...(number.length === 0 ? {} : { number: number.length === 1 ? number[0] : number }),
        ...(l.title === "" ? {} : { title: l.title }),
      };
    });
  const roadmap = Object.fromEntries(
    values.roadmap
      .filter((r) => r.year.trim() !== "" || r.column !== "")
      .map((r) => [digits(r.year), r.column]),
  );
  const fields: Record<string, string> = {};
  for (const letter of values.fields) {
    const heading = choices.find((c) => c.letter === letter)?.heading.replace(/\s+/gu, "") ?? "";
    const name = heading === "" ? `列${letter}` : heading;
    fields[fields[name] === undefined ? name : `${name}（${letter}）`] = letter;
  }
  const headerRow = Number(digits(values.headerRow));
  const sheet = values.sheet;
  return {
    ...(sheet === "" ? {} : { sheet }),
    headerRow:
      values.headerRow.trim() === ""
        ? 1
        : Number.isInteger(headerRow)
          ? headerRow
          : values.headerRow,
    plan: { title: values.planTitle, asOf: digits(values.asOf).replace(/[/.]/gu, "-") },
    levels,
    measure: {
      name: values.measureName.trim() === "" ? "取組" : values.measureName,
      ...(col(values.measureId) ? { id: values.measureId } : {}),
      title: values.measureTitle,
    },
    ...(col(values.department) ? { department: values.department } : {}),
    ...(col(values.progress) ? { progress: values.progress } : {}),
    ...(Object.keys(roadmap).length > 0 ? { roadmap } : {}),
    ...(col(values.status) ? { status: { column: values.status } } : {}),
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
  };
}

/**
 * The form's values for a mapping (suggested, saved or checked), each column reference turned
 * into its letter in this sheet. A reference this sheet does not have is left unchosen and
 * listed in `missing` with its path, for the page to say so.
 */
export function formFromMapping(
  mapping: Record<string, unknown>,
  sheet: SheetTable,
  headerRow: number,
): { values: MappingFormValues; missing: Array<{ path: string; ref: string }> } {
  const choices = columnChoices(sheet, headerRow);
  const missing: Array<{ path: string; ref: string }> = [];
  const letter = (ref: unknown, path: string): string => {
    // The suggester's placeholders (「（列）」) ask a person to choose: nothing is chosen yet.
    if (typeof ref !== "string" || ref === "" || ref.startsWith("（")) return "";
    if (isColumnLetter(ref)) {
      if (columnIndex(ref) < choices.length) return ref;
    } else {
      const found = choices.filter(
        (c) => c.heading !== "" && headingKey(c.heading) === headingKey(ref),
      );
      if (found.length === 1) return found[0]?.letter ?? "";
    }
    missing.push({ path, ref });
    return "";
  };
  const object = (v: unknown) =>
    v !== null && typeof v === "object" ? (v as Record<string, unknown>) : {};
  const plan = object(mapping.plan);
  const measure = object(mapping.measure);
  const rawLevels = Array.isArray(mapping.levels) ? mapping.levels : [];
  const levels = Array.from({ length: LEVEL_ROWS }, (_, i) => {
    const l = object(rawLevels[i]);
    const numbers = Array.isArray(l.number) ? l.number : l.number === undefined ? [] : [l.number];
    return {
      name: text(l.name).startsWith("（") ? "" : text(l.name),
      number: [
        letter(numbers[0], `levels[${i}].number[0]`),
        letter(numbers[1], `levels[${i}].number[1]`),
      ] as [string, string],
      title: letter(l.title, `levels[${i}].title`),
    };
  });
  const roadmap = Object.entries(object(mapping.roadmap)).map(([year, ref], i) => ({
    year,
    column: letter(ref, `roadmap[${i}].column`),
  }));
  const fields = Object.entries(object(mapping.fields))
    .map(([name, ref]) => letter(ref, `fields.${name}`))
    .filter((l) => l !== "");
  const asOf = text(plan.asOf);
  return {
    values: withSpareYears({
      sheet: typeof mapping.sheet === "string" ? mapping.sheet : sheet.name,
      headerRow: String(headerRow),
      planTitle: text(plan.title),
      asOf: /^\d{4}-\d{2}-\d{2}$/u.test(asOf) ? asOf : "",
      levels,
      measureName: text(measure.name),
      measureId: letter(measure.id, "measure.id"),
      measureTitle: letter(measure.title, "measure.title"),
      department: letter(mapping.department, "department"),
      progress: letter(mapping.progress, "progress"),
      status: letter(object(mapping.status).column, "status.column"),
      roadmap,
      fields,
    }),
    missing,
  };
}

/**
 * A mapping as it is saved with its plan: each column named by its heading where the heading is
 * filled and found once, so that next year's workbook with a column added still fits; by its
 * letter otherwise.
 */
export function mappingByHeading(mapping: ColumnMapping, sheet: SheetTable): ColumnMapping {
  const heading = sheet.rows[mapping.headerRow - 1] ?? [];
  const named = (ref: string): string => {
    if (!isColumnLetter(ref)) return ref;
    const text = heading[columnIndex(ref)] ?? "";
    const key = headingKey(text);
    const unique = key !== "" && heading.filter((h) => headingKey(h) === key).length === 1;
    return unique && !isColumnLetter(text.trim()) ? text.replace(/\s+/gu, "") : ref;
  };
  const maybe = (ref: string | undefined) => (ref === undefined ? undefined : named(ref));
  const mapRecord = (r: Record<string, string> | undefined) =>
    r === undefined
      ? undefined
      : Object.fromEntries(Object.entries(r).map(([k, v]) => [k, named(v)]));
  const department = maybe(mapping.department);
  const progress = maybe(mapping.progress);
  const roadmap = mapRecord(mapping.roadmap);
  const fields = mapRecord(mapping.fields);
  const id = maybe(mapping.measure.id);
  return {
    ...mapping,
    levels: mapping.levels.map((l) => ({
      ...l,
      ...(l.number === undefined
        ? {}
        : { number: Array.isArray(l.number) ? l.number.map(named) : named(l.number) }),
      ...(l.title === undefined ? {} : { title: named(l.title) }),
    })),
    measure: { ...mapping.measure, ...(id ? { id } : {}), title: named(mapping.measure.title) },
    ...(department ? { department } : {}),
    ...(progress ? { progress } : {}),
    ...(roadmap ? { roadmap } : {}),
    ...(mapping.status
      ? { status: { ...mapping.status, column: named(mapping.status.column) } }
      : {}),
    ...(fields ? { fields } : {}),
  };
}

/**
 * The form field a refusal belongs beside, from the path it names (`levels[0].number`,
 * `roadmap.2025`, `fields.根拠法令`); `mapping` (the top of the form) when it names a cell or
 * the whole mapping.
 */
export function fieldOfPath(path: string | undefined, values: MappingFormValues): string {
  if (!path) return "mapping";
  if (/^levels\[\d+\]\.number$/u.test(path)) return `${path}[0]`;
  if (/^levels(\[\d+\])?$/u.test(path)) return `levels[${/\d+/u.exec(path)?.[0] ?? 0}].name`;
  const year = /^roadmap\.(.+)$/u.exec(path)?.[1];
  if (year !== undefined) {
    const i = values.roadmap.findIndex((r) => r.year.normalize("NFKC").trim() === year);
    return `roadmap[${i < 0 ? 0 : i}].${i < 0 ? "year" : "column"}`;
  }
  if (path === "roadmap") return "roadmap[0].year";
  if (path === "status" || path === "status.column") return "status.column";
  if (path === "measure") return "measure.title";
  if (path === "plan") return "plan.title";
  if (path.startsWith("fields")) return "fields";
  const known = new Set([
    "sheet",
    "headerRow",
    "plan.title",
    "plan.asOf",
    "measure.name",
    "measure.id",
    "measure.title",
    "department",
    "progress",
  ]);
  if (known.has(path) || /^levels\[\d+\]\.(name|title|number\[\d\])$/u.test(path)) return path;
  return "mapping";
}
