import { isIsoDate } from "../../commands/cycle/cycle-context.ts";
import { ShinchokuError } from "../../domain/errors.ts";
import { fiscalYearOf } from "../../domain/fiscal-year.ts";
import type {
  GroupDraft,
  ItemDraft,
  MeasureDraft,
  PlanDraft,
  PlanLevel,
} from "../../domain/plan-draft.ts";
import { DEFAULT_STATUS_SCHEME } from "../../domain/status-scheme.ts";
import { STATUS_SOURCE_LABELS } from "../../domain/suggested-status.ts";
import { MEASURES_CSV_HEADER, STATUS_SOURCE_HEADER } from "../../export/measures-csv.ts";
import { ImportReportBuilder } from "../import-report.ts";
import { type CsvRecord, readCsvTable } from "./csv-table-reader.ts";
import { groupLabel } from "./group-label.ts";
import { readRoadmapCsv } from "./roadmap-csv-reader.ts";

/** A CSV file in hand. */
export interface CsvFile {
  bytes: Uint8Array;
  file: string;
}

/** A measure row as read, before the draft is put together. */
interface MeasureRecord {
  draft: MeasureDraft;
  relistingOf: string | null;
}

/**
 * Read a plan from our measures CSV (the columns of `shinchoku export --table measures`) and,
 * optionally, our roadmap CSV: the hierarchy from the number and name columns, items, measures
 * with their IDs, re-listings (再掲元取組ID), progress and status of the period, and the roadmap.
 * Without a roadmap the plan's only fiscal year is the one of 基準日. A city can write these
 * columns in any spreadsheet to start without any of our files.
 * @throws ShinchokuError naming the file, line and column (header name).
 * @example const { draft, report, organization } = readPlanCsv({ bytes, file: "measures.csv" });
 */
export function readPlanCsv(measures: CsvFile, roadmap?: CsvFile) {
  const report = new ImportReportBuilder(measures.file);
  // 担当課 came with issue 14 and 状況区分の判定 later: a file written before them has neither
  // (its statuses are read as confirmed).
  const rows = readCsvTable(
    measures.bytes,
    measures.file,
    MEASURES_CSV_HEADER.filter((h) => h !== "担当課" && h !== STATUS_SOURCE_HEADER),
    report,
    ["担当課", STATUS_SOURCE_HEADER],
    "見出し行の下に取組の行がありません",
  );
  const fail = (row: CsvRecord, column: string, message: string): never => {
    throw new ShinchokuError("invalid_input", message, {
      file: measures.file,
      line: row.line,
      field: column,
    });
  };
  const first = rows[0] as CsvRecord;
  const same = (column: string) => {
    const value = first.value(column);
    if (value === "") fail(first, column, `${column}が空です`);
    for (const row of rows) {
      if (row.value(column) !== value)
        fail(
          row,
          column,
          `${column}「${row.value(column)}」が ${first.line} 行目の「${value}」と異なります`,
        );
    }
    return value;
  };
  const organization = { code: same("全国地方公共団体コード"), name: same("地方公共団体名") };
  const title = same("計画名");
  const asOf = same("基準日");
  if (!isIsoDate(asOf))
    fail(first, "基準日", `基準日「${asOf}」が YYYY-MM-DD の日付ではありません`);

  const pillars: GroupDraft[] = [];
  const itemsByNumber = new Map<number, { item: ItemDraft; line: number }>();
  const measuresByCode = new Map<
    string,
    { record: MeasureRecord; item: ItemDraft; line: number }
  >();
  const records: MeasureRecord[] = [];
  const items: ItemDraft[] = [];
  let lastItem: { item: ItemDraft; category: GroupDraft } | null = null;

  const number = (row: CsvRecord, column: string, optional = false): number | null => {
    const text = row.value(column).normalize("NFKC");
    if (text === "" && optional) return null;
    if (!/^[1-9]\d{0,5}$/u.test(text))
      return fail(row, column, `${column}「${row.value(column)}」が 1 以上の整数ではありません`);
    return Number(text);
  };
  const text = (row: CsvRecord, column: string) =>
    row.value(column) || fail(row, column, `${column}が空です`);
  const group = (
    row: CsvRecord,
    siblings: GroupDraft[],
    level: GroupDraft["level"],
    columns: [string, string],
  ): GroupDraft => {
    const n = number(row, columns[0]) as number;
    const name = text(row, columns[1]);
    const found = siblings.find((g) => g.level === level && g.number === n);
    if (found) {
      if (found.title !== name)
        fail(
          row,
          columns[1],
          `${columns[1]}「${name}」が ${found.line} 行目の「${found.title}」と異なります（${columns[0]} ${n}）`,
        );
      return found;
    }
    const created: GroupDraft = {
      level,
      number: n,
      label: groupLabel(level, n),
      title: name,
      line: row.line,
      children: [],
      items: [],
    };
    siblings.push(created);
    return created;
  };

  for (const row of rows) {
    const pillar = group(row, pillars, "pillar", ["柱番号", "柱"]);
    const hasArea = row.value("分野番号") !== "" || row.value("分野") !== "";
    const area = hasArea ? group(row, pillar.children, "area", ["分野番号", "分野"]) : null;
    const category = group(row, (area ?? pillar).children, "category", ["区分番号", "区分"]);
    const itemNumber = number(row, "項目番号", true);
    const label = row.value("項目記号");
    const itemTitle = text(row, "項目");
    let item: ItemDraft;
    const sameItem =
      lastItem !== null &&
      lastItem.category === category &&
      lastItem.item.number === itemNumber &&
      lastItem.item.label === label &&
      lastItem.item.title === itemTitle;
    if (sameItem && lastItem) {
      item = lastItem.item;
    } else {
      const seen = itemNumber === null ? undefined : itemsByNumber.get(itemNumber);
      if (seen)
        fail(
          row,
          "項目番号",
          `項目番号 ${itemNumber} が ${seen.line} 行目の項目と続いていないか、名前や区分が異なります`,
        );
      item = {
        number: itemNumber,
        label,
        title: itemTitle,
        line: row.line,
        relistingOfItemNumber: null,
        measures: [],
      };
      if (itemNumber !== null) itemsByNumber.set(itemNumber, { item, line: row.line });
      category.items.push(item);
      items.push(item);
      lastItem = { item, category };
    }

    const code = row.value("取組ID");
    if (code !== "" && !/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/u.test(code))
      fail(row, "取組ID", `取組ID「${code}」は英数字・ハイフン・下線の 32 文字以内にしてください`);
    const duplicate = code === "" ? undefined : measuresByCode.get(code);
    if (duplicate)
      fail(row, "取組ID", `取組ID「${code}」が ${duplicate.line} 行目と重複しています`);
    const relistingOf = row.value("再掲元取組ID");
    if (relistingOf === "" && row.value("再掲元項目番号") !== "")
      fail(row, "再掲元取組ID", "再掲の行には再掲元取組ID を書いてください");
    const statusText = row.value("状況区分");
    const status = DEFAULT_STATUS_SCHEME.find(
      (s) => s.name === statusText || s.code === statusText,
    );
    if (statusText !== "" && !status)
      fail(
        row,
        "状況区分",
        `状況区分「${statusText}」は ${DEFAULT_STATUS_SCHEME.map((s) => s.name).join("、")} のいずれかにしてください`,
      );
    const source = row.value(STATUS_SOURCE_HEADER);
    const sources = Object.values(STATUS_SOURCE_LABELS);
    if (source !== "" && !sources.includes(source))
      fail(
        row,
        STATUS_SOURCE_HEADER,
        `${STATUS_SOURCE_HEADER}「${source}」は ${sources.join("、")} のいずれかにしてください`,
      );
    // A suggested status is not the city's: the import suggests it again from the narrative.
    const suggested = source === STATUS_SOURCE_LABELS.suggested;
    const narrative = row.value("進捗状況");
    // The lead department first, contributors after it (a re-listing shows its original's).
    const [lead = "", ...contributors] = row
      .value("担当課")
      .split("、")
      .map((d) => d.trim())
      .filter((d) => d !== "");
    if (contributors.length > 0 && relistingOf === "")
      report.warn(
        row.line,
        "csv-contributors-ignored",
        `担当課の「${contributors.join("、")}」（2 番目以降の課）は取り込みません。主担当の「${lead}」だけを取り込みます`,
      );
    const record: MeasureRecord = {
      relistingOf: relistingOf === "" ? null : relistingOf,
      draft: {
        code: code === "" ? null : code,
        title: text(row, "取組"),
        line: row.line,
        relisting: null,
        roadmap: [],
        progress: narrative !== "" || status ? narrative : null,
        statusCode: suggested ? null : (status?.code ?? null),
        ...(lead !== "" && relistingOf === "" ? { department: lead } : {}),
      },
    };
    item.measures.push(record.draft);
    records.push(record);
    if (code !== "") measuresByCode.set(code, { record, item, line: row.line });
  }

  resolveRelistings(records, measuresByCode, items, report, (line, column, message) =>
    fail({ line, value: () => "" }, column, message),
  );
  const years = roadmap ? readRoadmapCsv(roadmap, measuresByCode, report) : [];
  // A period shows the measures it reports on (a roadmap or a progress): one listed with neither
  // is still part of this report, with an empty progress.
  for (const { draft, relistingOf } of records)
    if (relistingOf === null && draft.roadmap.length === 0 && draft.progress === null)
      draft.progress = "";
  if (years.length === 0) {
    years.push(fiscalYearOf(asOf));
    report.info(
      null,
      "csv-no-roadmap",
      `行程表がないため、計画の年度を基準日の年度（${years[0]}）としました`,
    );
  }
  const fiscalYears: number[] = [];
  for (let y = Math.min(...years); y <= Math.max(...years); y++) fiscalYears.push(y);

  const hasAreas = pillars.some((p) => p.children.some((c) => c.level === "area"));
  const levels: PlanLevel[] = [
    { key: "pillar", name: "柱" },
    ...(hasAreas ? [{ key: "area" as const, name: "分野" }] : []),
    { key: "category", name: "区分" },
    { key: "item", name: "項目" },
    { key: "measure", name: "取組" },
  ];
  const draft: PlanDraft = {
    title,
    contact: null,
    levels,
    fiscalYears,
    period: { asOf, publishedOn: null },
    pillars,
  };
  return { draft, report, organization };
}

/**
 * A re-listing names its original by ID: the original must be a measure of a numbered item in the
 * same file, and not a re-listing itself. The re-listing keeps no progress of its own (the report
 * shows where its printed progress differs); an unnumbered item whose measures all re-list one
 * item is a re-listing of that item.
 */
function resolveRelistings(
  records: MeasureRecord[],
  byCode: Map<string, { record: MeasureRecord; item: ItemDraft; line: number }>,
  items: ItemDraft[],
  report: ImportReportBuilder,
  fail: (line: number, column: string, message: string) => never,
) {
  for (const { draft, relistingOf } of records) {
    if (relistingOf === null) continue;
    const original = byCode.get(relistingOf);
    if (!original || original.record.relistingOf !== null || original.item.number === null)
      fail(
        draft.line,
        "再掲元取組ID",
        `再掲元の取組 ${relistingOf} が（番号のある項目の再掲でない取組として）ありません`,
      );
    const { item, record } = original;
    draft.relisting = {
      itemNumber: item.number as number,
      measureIndex: item.measures.indexOf(record.draft),
      code: relistingOf,
    };
    if ((draft.progress ?? "") !== (record.draft.progress ?? "")) {
      report.warn(
        draft.line,
        "relisting-progress-differs",
        `再掲の行の進捗状況が再掲元（${relistingOf}）と異なります。再掲元の進捗状況を使います`,
      );
    }
    draft.progress = null;
    draft.statusCode = null;
  }
  for (const item of items) {
    if (item.number !== null || item.measures.length === 0) continue;
    const sources = new Set(item.measures.map((m) => m.relisting?.itemNumber ?? null));
    const [only] = sources;
    if (sources.size === 1 && only !== null && only !== undefined)
      item.relistingOfItemNumber = only;
  }
}
