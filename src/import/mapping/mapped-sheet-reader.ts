import { ShinchokuError } from "../../domain/errors.ts";
import type { IndicatorDraft } from "../../domain/indicator.ts";
import type {
  GroupDraft,
  ItemDraft,
  MeasureDraft,
  PlanDraft,
  PlanLevel,
} from "../../domain/plan-draft.ts";
import { groupLevelKeys } from "../../domain/plan-tree.ts";
import type { StatusDefinition } from "../../domain/status-scheme.ts";
import type { ImportReportBuilder } from "../import-report.ts";
import { ColumnResolver } from "./column-resolver.ts";
import { MappedIndicatorReader, type RowIndicator } from "./mapped-indicator-reader.ts";
import type { ColumnMapping } from "./mapping-schema.ts";
import { cellName, columnLetter, type SheetTable } from "./sheet-table.ts";

/** A cell's text with the name the report gives it. */
interface Cell {
  text: string;
  at: string;
}

/** One group of one level as the rows give it: its number, and every spelling of its title. */
interface GroupFacts {
  key: string;
  parentKey: string | null;
  depth: number;
  label: string;
  number: number | null;
  titles: Map<string, string[]>;
  firstRow: number;
  indicators: OwnIndicators;
}

/** The indicators of one measure or group, with the cell of each one's name. */
type OwnIndicators = Array<{ draft: IndicatorDraft; nameAt: string }>;

interface MeasureFacts {
  id: string;
  itemKey: string;
  row: number;
  titles: Map<string, string[]>;
  department: Cell[];
  progress: Cell[];
  status: Cell[];
  roadmap: Map<number, Cell[]>;
  fields: Map<string, Cell[]>;
  indicators: OwnIndicators;
}

/**
 * Read a plan from a city's sheet through a column mapping: levels named by the plan (blank level
 * cells filled down, numbers joined from several columns), measures by the city's own ID (rows
 * repeating an ID are one measure), department, progress, roadmap, status and custom fields. The
 * city's inconsistencies are reported with their cells (`sheet!M21`), not refused.
 * @throws ShinchokuError `invalid_input` naming the file, the mapping path or the cell.
 * @example const draft = readMappedSheet(sheets, mapping, "jigyo.xlsx", report);
 */
export function readMappedSheet(
  sheets: SheetTable[],
  mapping: ColumnMapping,
  file: string,
  report: ImportReportBuilder,
): PlanDraft {
  const sheet = pickSheet(sheets, mapping.sheet, file);
  const headerRow = mapping.headerRow;
  if (sheet.rows.length <= headerRow || (sheet.rows[headerRow - 1] ?? []).every((c) => c === ""))
    throw new ShinchokuError(
      "invalid_input",
      `シート「${sheet.name}」は表ではありません（${headerRow} 行目に見出しがないか、その下に行がありません）`,
      { file, field: `${sheet.name}!${headerRow}` },
    );
  const columns = new ColumnResolver(sheet, headerRow, file);
  const col = (ref: string | undefined, path: string) =>
    ref === undefined ? undefined : columns.resolve(ref, path);
  const levelColumns = mapping.levels.map((level, i) => ({
    name: level.name,
    number:
      level.number === undefined
        ? undefined
        : (Array.isArray(level.number) ? level.number : [level.number]).map((ref, j) =>
            columns.resolve(
              ref,
              Array.isArray(level.number) ? `levels[${i}].number[${j}]` : `levels[${i}].number`,
            ),
          ),
    title: col(level.title, `levels[${i}].title`),
  }));
  const measureId = col(mapping.measure.id, "measure.id");
  const measureTitle = columns.resolve(mapping.measure.title, "measure.title");
  const department = col(mapping.department, "department");
  const progress = col(mapping.progress, "progress");
  const status = col(mapping.status?.column, "status.column");
  const roadmap = Object.entries(mapping.roadmap ?? {}).map(([year, ref]) => ({
    year: Number(year),
    column: columns.resolve(ref, `roadmap.${year}`),
  }));
  const fields = Object.entries(mapping.fields ?? {}).map(([heading, ref]) => ({
    heading,
    column: columns.resolve(ref, `fields.${heading}`),
  }));
  const asOfYear = fiscalYearOf(mapping.plan.asOf);
  const roadmapYears = roadmap.map((r) => r.year);
  const span =
    mapping.plan.fiscalYears ??
    (roadmapYears.length > 0
      ? { first: Math.min(...roadmapYears), last: Math.max(...roadmapYears) }
      : null);
  const indicatorReader = new MappedIndicatorReader(mapping, columns, file, asOfYear, span, report);
  const mapped = [
    ...indicatorReader.columns(),
    ...levelColumns.flatMap((l) => [
      ...(l.number ?? []),
      ...(l.title === undefined ? [] : [l.title]),
    ]),
    ...[measureId, measureTitle, department, progress, status].filter(
      (c): c is number => c !== undefined,
    ),
    ...roadmap.map((r) => r.column),
    ...fields.map((f) => f.column),
  ];

  const groups = new Map<string, GroupFacts>();
  const measures = new Map<string, MeasureFacts>();
  const previous: Array<{ number: Cell; title: Cell } | undefined> = [];
  let previousMeasure: { id: Cell; title: Cell } | undefined;
  const cell = (row: number, column: number): Cell => ({
    text: (sheet.rows[row - 1]?.[column] ?? "").trim(),
    at: cellName(sheet.name, row, column),
  });

  for (let row = headerRow + 1; row <= sheet.rows.length; row++) {
    if (mapped.every((c) => cell(row, c).text === "")) continue;
    for (const c of new Set(mapped)) {
      if (sheet.formulasWithoutValue.has(`${columnLetter(c)}${row}`))
        report.warn(
          row,
          "formula-without-value",
          `${cellName(sheet.name, row, c)} の数式に保存された値がありません（空として読みました。Excel で開いて保存し直すと値が保存されます）`,
        );
    }
    let parentKey: string | null = null;
    const groupKeys: string[] = [];
    for (const [depth, level] of levelColumns.entries()) {
      const numberCells = (level.number ?? []).map((c) => cell(row, c));
      let number: Cell = {
        text: numberCells.map((c) => c.text).join(""),
        at: numberCells.map((c) => c.at).join("+"),
      };
      let title = level.title === undefined ? { text: "", at: "" } : cell(row, level.title);
      if (number.text === "" && title.text === "") {
        const above = previous[depth];
        if (!above)
          throw new ShinchokuError(
            "invalid_input",
            `${number.at || title.at}: 階層「${level.name}」の値がありません（上の行にもありません）`,
            { file, line: row, field: number.at || title.at },
          );
        ({ number, title } = above);
      }
      previous[depth] = { number, title };
      const digits = number.text.normalize("NFKC");
      if (level.number !== undefined && !/^\d+$/u.test(digits)) {
        // The cell at fault: the first of the joined cells that is not digits.
        const at =
          numberCells.find((c) => !/^\d*$/u.test(c.text.normalize("NFKC")))?.at ?? number.at;
        throw new ShinchokuError(
          "invalid_input",
          `${at}: 階層「${level.name}」の番号「${number.text}」が数字ではありません`,
          { file, line: row, field: at },
        );
      }
      const key: string = `${parentKey ?? ""}/${level.number === undefined ? `t:${title.text.normalize("NFKC")}` : `n:${Number(digits)}`}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          key,
          parentKey,
          depth,
          label: digits,
          number: level.number === undefined ? null : Number(digits),
          titles: new Map(),
          firstRow: row,
          indicators: [],
        };
        groups.set(key, group);
      }
      if (title.text !== "")
        group.titles.set(title.text, [...(group.titles.get(title.text) ?? []), title.at]);
      parentKey = key;
      groupKeys.push(key);
    }
    const itemKey = parentKey ?? "";

    let id = measureId === undefined ? { text: "", at: "" } : cell(row, measureId);
    let title = cell(row, measureTitle);
    if (id.text === "" && title.text === "") {
      if (!previousMeasure)
        throw new ShinchokuError(
          "invalid_input",
          `${title.at}: ${mapping.measure.name}の名前がありません`,
          { file, line: row, field: title.at },
        );
      ({ id, title } = previousMeasure);
    }
    previousMeasure = { id, title };
    const key = measureId === undefined ? `${itemKey}|${title.text}` : id.text;
    if (measureId !== undefined && id.text === "")
      throw new ShinchokuError(
        "invalid_input",
        `${id.at}: ${mapping.measure.name}の ID がありません`,
        {
          file,
          line: row,
          field: id.at,
        },
      );
    let measure = measures.get(key);
    if (!measure) {
      measure = {
        id: id.text,
        itemKey,
        row,
        titles: new Map(),
        department: [],
        progress: [],
        status: [],
        roadmap: new Map(),
        fields: new Map(),
        indicators: [],
      };
      measures.set(key, measure);
    } else if (measure.itemKey !== itemKey) {
      report.warn(
        row,
        "measure-in-two-groups",
        `${id.at}: ${mapping.measure.name} ${id.text} は ${measure.row} 行目と違う階層にあります（${measure.row} 行目の階層に置きました）`,
      );
    }
    if (title.text !== "")
      measure.titles.set(title.text, [...(measure.titles.get(title.text) ?? []), title.at]);
    const add = (list: Cell[], c: number | undefined) => {
      if (c === undefined) return;
      const found = cell(row, c);
      if (found.text !== "") list.push(found);
    };
    add(measure.department, department);
    add(measure.progress, progress);
    add(measure.status, status);
    for (const r of roadmap) {
      const list = measure.roadmap.get(r.year) ?? [];
      add(list, r.column);
      measure.roadmap.set(r.year, list);
    }
    for (const f of fields) {
      const list = measure.fields.get(f.heading) ?? [];
      add(list, f.column);
      measure.fields.set(f.heading, list);
    }
    for (const found of indicatorReader.readRow(row, cell)) {
      const owner = found.owner === "measure" ? measure : groups.get(groupKeys[found.owner] ?? "");
      if (owner) addIndicator(owner.indicators, found, mapping, file);
    }
  }
  indicatorReader.summarize(sheet.name);
  if (measures.size === 0)
    throw new ShinchokuError(
      "invalid_input",
      `シート「${sheet.name}」の ${headerRow + 1} 行目から下に取り込む行がありません`,
      { file, field: `${sheet.name}!${headerRow + 1}` },
    );

  const statusScale = buildScale(mapping, measures, report);
  return {
    title: mapping.plan.title,
    contact: null,
    levels: draftLevels(mapping),
    fiscalYears: span
      ? [...new Set([...roadmapYears, span.first, span.last])].sort((a, b) => a - b)
      : [asOfYear],
    period: { asOf: mapping.plan.asOf, publishedOn: null },
    pillars: buildTree(mapping, groups, measures, statusScale, report),
    ...(statusScale ? { statusScale } : {}),
  };
}

function pickSheet(sheets: SheetTable[], wanted: string | number | undefined, file: string) {
  const found =
    wanted === undefined
      ? sheets[0]
      : typeof wanted === "number"
        ? sheets[wanted - 1]
        : sheets.find((s) => s.name === wanted);
  if (!found)
    throw new ShinchokuError(
      "invalid_input",
      `対応表の sheet「${wanted}」がありません（シート: ${sheets.map((s) => s.name).join("、")}）`,
      { file, field: "sheet" },
    );
  return found;
}

function fiscalYearOf(asOf: string): number {
  const [year = 0, month = 0] = asOf.split("-").map(Number);
  return month >= 4 ? year : year - 1;
}

/**
 * The plan's levels: the last mapped level is the item, those above it groups (a pillar, areas,
 * a category: `groupLevelKeys`), up to five of them.
 */
function draftLevels(mapping: ColumnMapping): PlanLevel[] {
  const names = mapping.levels.map((l) => l.name);
  const groupNames = names.length === 1 ? ["計画"] : names.slice(0, -1);
  const keys = groupLevelKeys(groupNames.length);
  return [
    ...groupNames.map((name, i) => ({ key: keys[i] ?? "category", name })),
    { key: "item", name: names.at(-1) ?? "" },
    { key: "measure", name: mapping.measure.name },
  ];
}

/** The most frequent spelling; a group or measure spelled more than one way is reported. */
function chosenTitle(titles: Map<string, string[]>, what: string, report: ImportReportBuilder) {
  const ranked = [...titles].sort((a, b) => b[1].length - a[1].length);
  const [best = ""] = ranked[0] ?? [];
  if (ranked.length > 1)
    report.warn(
      null,
      "inconsistent-spelling",
      `${what}の名前の表記が ${ranked.length} 通りあります（最も多い「${best}」を使いました）: ${ranked
        .map(([t, at]) => `「${t}」${at.join("、")}`)
        .join(" / ")}`,
    );
  return best;
}

function buildScale(
  mapping: ColumnMapping,
  measures: Map<string, MeasureFacts>,
  report: ImportReportBuilder,
): StatusDefinition[] | undefined {
  if (!mapping.status) return undefined;
  if (mapping.status.scale)
    return mapping.status.scale.map((v) =>
      typeof v === "string"
        ? { code: v, name: v }
        : { code: v.value, name: v.value, progressStatus: v.status ?? null },
    );
  const seen: string[] = [];
  for (const m of [...measures.values()].sort((a, b) => a.row - b.row))
    for (const s of m.status) if (!seen.includes(s.text)) seen.push(s.text);
  report.info(
    null,
    "scale-from-values",
    `対応表に status.scale がないため、状況区分の体系を値の出現順に作りました: ${seen.join("、")}`,
  );
  return seen.map((value) => ({ code: value, name: value }));
}

function buildTree(
  mapping: ColumnMapping,
  groups: Map<string, GroupFacts>,
  measures: Map<string, MeasureFacts>,
  scale: StatusDefinition[] | undefined,
  report: ImportReportBuilder,
): GroupDraft[] {
  const depthOfItem = mapping.levels.length - 1;
  const levelName = (depth: number) => mapping.levels[depth]?.name ?? "";
  const order = (a: GroupFacts, b: GroupFacts) =>
    a.number !== null && b.number !== null ? a.number - b.number : a.firstRow - b.firstRow;
  const childrenOf = (key: string | null) =>
    [...groups.values()].filter((g) => g.parentKey === key).sort(order);
  // An item's number is its levels' numbers, each padded to its level's widest: 04 › 01 › 02 → 40102.
  const widths = mapping.levels.map((_, depth) =>
    Math.max(
      0,
      ...[...groups.values()].filter((g) => g.depth === depth).map((g) => g.label.length),
    ),
  );
  const pathNumber = (group: GroupFacts): number | null => {
    const path: GroupFacts[] = [];
    for (
      let g: GroupFacts | undefined = group;
      g;
      g = g.parentKey ? groups.get(g.parentKey) : undefined
    )
      path.unshift(g);
    if (group.number === null) return null;
    return Number(
      path
        .map((g, depth) =>
          g.number === null ? "" : String(g.number).padStart(widths[depth] ?? 0, "0"),
        )
        .join(""),
    );
  };
  // Items in document order. Their numbers are the joined level numbers where each is one of at
  // most six digits (what a page's URL takes) and no two are the same; else 1, 2, … in order.
  const itemGroups: GroupFacts[] = [];
  const collect = (key: string | null, depth: number) => {
    for (const g of childrenOf(key)) {
      if (depth === depthOfItem) itemGroups.push(g);
      else collect(g.key, depth + 1);
    }
  };
  collect(null, 0);
  const joined = itemGroups.map(pathNumber);
  const usable =
    joined.every((n) => n !== null && n >= 1 && n <= 999_999) &&
    new Set(joined).size === joined.length;
  if (!usable && joined.some((n) => n !== null))
    report.info(
      null,
      "item-numbers-in-order",
      `${levelName(depthOfItem)}の番号は階層の番号をつなぐと重なるか 6 桁を超えるため、並び順に 1 から付けました`,
    );
  const itemNumbers = new Map(
    itemGroups.map((g, i) => [g, usable ? (joined[i] as number) : i + 1]),
  );
  const itemNumber = (group: GroupFacts): number => itemNumbers.get(group) ?? 0;

  const measureOf = (m: MeasureFacts): MeasureDraft => {
    const first = (list: Cell[], what: string) => {
      const distinct = [...new Set(list.map((c) => c.text))];
      if (distinct.length > 1)
        report.warn(
          m.row,
          "measure-values-differ",
          `${mapping.measure.name} ${m.id || m.row}: ${what}が行によって違います（${list.map((c) => `「${c.text}」${c.at}`).join("、")}）。最初の値を使いました`,
        );
      return distinct[0] ?? null;
    };
    const statusText = first(m.status, "状況区分");
    let statusCode: string | null = null;
    if (statusText !== null) {
      if (scale?.some((s) => s.code === statusText)) statusCode = statusText;
      else
        report.warn(
          m.row,
          "status-not-in-scale",
          `${m.status[0]?.at}: 状況区分「${statusText}」は status.scale にありません（状況区分なしで取り込みました）`,
        );
    }
    return {
      code: m.id === "" ? null : m.id,
      title: chosenTitle(m.titles, `${mapping.measure.name} ${m.id}`, report),
      line: m.row,
      relisting: null,
      roadmap: [...m.roadmap]
        .filter(([, cells]) => cells.length > 0)
        .map(([fiscalYear, cells]) => ({ fiscalYear, text: cells[0]?.text ?? "" })),
      // A status is stored with the period's progress: one without a narrative gets an empty one.
      progress:
        m.progress.length > 0
          ? [...new Set(m.progress.map((c) => c.text))].join("\n")
          : statusCode !== null
            ? ""
            : null,
      statusCode,
      department: first(m.department, "担当課"),
      // Several rows of one measure (a KPI table's indicators) keep every value, in row order.
      fields: [...m.fields]
        .filter(([, cells]) => cells.length > 0)
        .map(([heading, cells]) => ({ heading, value: cells.map((c) => c.text).join("\n") })),
      ...indicatorsOf(m.indicators),
    };
  };
  const compareIds = (a: MeasureFacts, b: MeasureFacts) =>
    a.id !== "" && b.id !== "" ? a.id.localeCompare(b.id, "ja", { numeric: true }) : a.row - b.row;

  const itemOf = (group: GroupFacts): ItemDraft => ({
    number: itemNumber(group),
    label: group.label,
    title: chosenTitle(group.titles, `${levelName(group.depth)} ${group.label}`, report),
    line: group.firstRow,
    relistingOfItemNumber: null,
    measures: [...measures.values()]
      .filter((m) => m.itemKey === group.key)
      .sort(compareIds)
      .map(measureOf),
    ...indicatorsOf(group.indicators),
  });
  const keys = groupLevelKeys(depthOfItem);
  const groupOf = (group: GroupFacts): GroupDraft => {
    const kids = childrenOf(group.key);
    const itemLevel = group.depth + 1 === depthOfItem;
    return {
      level: keys[group.depth] ?? "category",
      number: group.number ?? group.firstRow,
      label: group.label,
      title: chosenTitle(group.titles, `${levelName(group.depth)} ${group.label}`, report),
      line: group.firstRow,
      children: itemLevel ? [] : kids.map(groupOf),
      items: itemLevel ? kids.map(itemOf) : [],
      ...indicatorsOf(group.indicators),
    };
  };
  if (depthOfItem === 0)
    return [
      {
        level: "pillar",
        number: 1,
        label: "",
        title: mapping.plan.title,
        line: null,
        children: [],
        items: childrenOf(null).map(itemOf),
      },
    ];
  return childrenOf(null).map(groupOf);
}

function indicatorsOf(own: OwnIndicators): { indicators?: IndicatorDraft[] } {
  return own.length > 0 ? { indicators: own.map((i) => i.draft) } : {};
}

/**
 * An indicator of a measure or level. A level's indicator repeated on each of its measures' rows
 * with the same values is one indicator; any other name met twice on one owner is refused.
 */
function addIndicator(
  own: OwnIndicators,
  found: RowIndicator,
  mapping: ColumnMapping,
  file: string,
): void {
  const before = own.find((i) => i.draft.name === found.draft.name);
  if (!before) {
    own.push({ draft: found.draft, nameAt: found.nameAt });
    return;
  }
  const same = (d: IndicatorDraft) =>
    JSON.stringify([d.unit, d.kind, d.direction, d.source, d.values]);
  if (found.repeatable && same(before.draft) === same(found.draft)) return;
  const ownerName =
    found.owner === "measure" ? mapping.measure.name : (mapping.levels[found.owner]?.name ?? "");
  throw new ShinchokuError(
    "invalid_input",
    `${found.nameAt}: 指標「${found.draft.name}」は同じ${ownerName}に ${before.nameAt} にもあります（指標の名前は${ownerName}ごとに一つにしてください）`,
    { file, line: found.draft.line ?? undefined, field: found.nameAt },
  );
}
