import { ShinchokuError } from "../../domain/errors.ts";
import {
  type AchievementForm,
  DIRECTION_NAMES,
  type IndicatorDirection,
  type IndicatorDraft,
  type IndicatorValueKind,
  VALUE_KIND_NAMES,
} from "../../domain/indicator.ts";
import { parseDecimal, parseDirection } from "../../domain/indicator-value.ts";
import type { PlanDraft } from "../../domain/plan-draft.ts";
import {
  FINAL_TARGET_NAME,
  INDICATORS_CSV_HEADER,
  RATIO_FORM_NAME,
} from "../../export/indicators-csv.ts";
import type { ImportReportBuilder } from "../import-report.ts";
import { DraftIndicatorOwners, type IndicatorOwnerDraft } from "../indicator-owners.ts";
import { type CsvRecord, readCsvTable } from "./csv-table-reader.ts";

type Column = (typeof INDICATORS_CSV_HEADER)[number];

/** The columns that describe the indicator, the same on each of its rows. */
const HEAD: readonly Column[] = [
  "取組ID",
  "階層",
  "階層番号",
  "指標",
  "単位",
  "種類",
  "方向",
  "出典",
  "達成率の算定",
];

const VALUE_KINDS = new Map<string, { kind: IndicatorValueKind; final: boolean }>([
  ...(Object.entries(VALUE_KIND_NAMES) as Array<[IndicatorValueKind, string]>).map(
    ([kind, name]) => [name, { kind, final: false }] as const,
  ),
  [FINAL_TARGET_NAME, { kind: "target", final: true }],
]);

/**
 * Put the indicators of our indicators CSV (long format, `shinchoku export --table indicators`)
 * on the measures, items and groups of a draft: 取組ID names a measure; otherwise 階層 (the
 * plan's level name) and 階層番号 (an item's number, a group's numbers from the top, `2-1`) name
 * the item or group. Rows of one 指標ID are one indicator and must agree on its columns.
 * @throws ShinchokuError naming the file, the line and the column.
 * @example readIndicatorsCsv({ bytes, file: "indicators.csv" }, draft, report);
 */
export function readIndicatorsCsv(
  csv: { bytes: Uint8Array; file: string },
  draft: PlanDraft,
  report: ImportReportBuilder,
): number {
  const { file } = csv;
  const rows = readCsvTable(csv.bytes, file, INDICATORS_CSV_HEADER, report);
  const fail = (row: CsvRecord, column: Column, message: string): never => {
    throw new ShinchokuError("invalid_input", message, { file, line: row.line, field: column });
  };
  const owners = new DraftIndicatorOwners(draft);
  const byCode = new Map<string, { draft: IndicatorDraft; first: CsvRecord }>();
  const valueKeys = new Set<string>();
  for (const row of rows) {
    const code = row.value("指標ID");
    if (!/^[A-Za-z0-9_-]{1,40}$/u.test(code))
      fail(row, "指標ID", `指標ID「${code}」は英数字・ハイフン・下線の 1〜40 文字にしてください`);
    let found = byCode.get(code);
    if (found) {
      for (const column of HEAD)
        if (row.value(column) !== found.first.value(column))
          fail(
            row,
            column,
            `指標 ${code} の${column}「${row.value(column)}」が ${found.first.line} 行目の「${found.first.value(column)}」と違います`,
          );
    } else {
      const name = row.value("指標");
      if (name === "") fail(row, "指標", "指標の名前が空です");
      const directionText = row.value("方向");
      const direction =
        (Object.entries(DIRECTION_NAMES) as Array<[IndicatorDirection, string]>).find(
          ([, n]) => n === directionText,
        )?.[0] ?? parseDirection(directionText);
      if (direction === undefined)
        fail(
          row,
          "方向",
          `方向「${directionText}」は 増やす・減らす・維持 のいずれかにしてください`,
        );
      const formText = row.value("達成率の算定");
      if (formText !== "" && formText !== RATIO_FORM_NAME)
        fail(row, "達成率の算定", `達成率の算定は空欄か「${RATIO_FORM_NAME}」にしてください`);
      const kind = row.value("種類");
      if (kind === "") fail(row, "種類", "指標の種類が空です");
      const indicator: IndicatorDraft = {
        code,
        name,
        unit: row.value("単位") || null,
        kind,
        direction: direction ?? null,
        source: row.value("出典") || null,
        achievementForm: (formText === "" ? "auto" : "ratio") as AchievementForm,
        values: [],
        line: row.line,
      };
      const owner = ownerOf(row, owners, fail);
      if ((owner.indicators ?? []).some((i) => i.name === name))
        fail(row, "指標", `指標「${name}」が同じ取組・階層に二つあります`);
      owner.indicators = [...(owner.indicators ?? []), indicator];
      found = { draft: indicator, first: row };
      byCode.set(code, found);
    }
    const kindText = row.value("値の種類");
    const yearText = row.value("年度").normalize("NFKC");
    const valueText = row.value("値");
    if (kindText === "" && yearText === "" && valueText === "" && row.value("備考") === "")
      continue;
    const kind = VALUE_KINDS.get(kindText);
    if (!kind)
      fail(
        row,
        "値の種類",
        `値の種類「${kindText}」は ${[...VALUE_KINDS.keys()].join("・")} のいずれかにしてください`,
      );
    if (yearText !== "" && !/^\d{4}$/u.test(yearText))
      fail(row, "年度", `年度「${row.value("年度")}」が西暦 4 桁ではありません`);
    const value = valueText === "" ? null : parseDecimal(valueText);
    if (valueText !== "" && value === null)
      fail(
        row,
        "値",
        `値「${valueText}」が数値ではありません（数値でない記載は備考に書いてください）`,
      );
    const asOf = row.value("報告期の基準日");
    if (asOf !== "" && !/^\d{4}-\d{2}-\d{2}$/u.test(asOf))
      fail(row, "報告期の基準日", `報告期の基準日「${asOf}」は YYYY-MM-DD で書いてください`);
    const key = `${code}\u0000${kindText}\u0000${yearText}\u0000${asOf}`;
    if (valueKeys.has(key))
      fail(row, "年度", `指標 ${code} の${kindText}（${yearText || "年度なし"}）が二度あります`);
    valueKeys.add(key);
    found.draft.values.push({
      kind: kind?.kind ?? "result",
      final: kind?.final ?? false,
      fiscalYear: yearText === "" ? null : Number(yearText),
      periodAsOf: asOf === "" ? null : asOf,
      value,
      note: row.value("備考") || null,
    });
  }
  return byCode.size;
}

function ownerOf(
  row: CsvRecord,
  owners: DraftIndicatorOwners,
  fail: (row: CsvRecord, column: Column, message: string) => never,
): IndicatorOwnerDraft {
  const measureCode = row.value("取組ID");
  if (measureCode !== "")
    return (
      owners.measures.get(measureCode) ??
      fail(row, "取組ID", `取組ID「${measureCode}」はこの計画にありません`)
    );
  const levelName = row.value("階層");
  const key = owners.levelKeys.get(levelName);
  if (key === undefined)
    fail(
      row,
      "階層",
      `階層「${levelName}」はこの計画の階層ではありません（取組の指標は取組ID を書いてください）`,
    );
  const number = row.value("階層番号").normalize("NFKC");
  const owner =
    key === "item"
      ? owners.items.get(number)
      : /^\d+(-\d+)*$/u.test(number)
        ? owners.group(key ?? "", number.split("-").map(Number))
        : undefined;
  return owner ?? fail(row, "階層番号", `${levelName}「${number}」はこの計画にありません`);
}
